import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { TreatmentDescription } from '../platform/config/treatments.js';
import { CrisisNotice } from './components/crisis-notice.js';
import { LocationDetails } from './components/location-details.js';
import { SearchForm } from './components/search-form.js';
import { SiteNotice } from './components/site-notice.js';
import { timeZoneName } from './hours.js';
import { shellMessages as m } from './messages.js';
import { absoluteUrl, type PageMeta, type SiteContext } from './site-context.js';

/** The clinic's own treatments first, then the pages every clinic has. */
function navigation(treatments: readonly TreatmentDescription[]): { href: string; label: string }[] {
  return [
    ...treatments.map((treatment) => ({ href: treatment.page, label: treatment.shortName })),
    ...(treatments.length > 1 ? [{ href: '/compare', label: m.navCompare }] : []),
    ...SITE_NAVIGATION,
  ];
}

const SITE_NAVIGATION = [
  { href: '/conditions', label: m.navConditions },
  { href: '/articles', label: m.navArticles },
  { href: '/locations', label: m.locations },
  { href: '/crisis-resources', label: m.navCrisis },
] as const;

/**
 * Pages where a person writes to the clinic or may be in crisis: the request form and its confirmation, the
 * questionnaires and their crisis panel. Their header is only the clinic's name and the crisis line, with no
 * search box or navigation to pull them away or push the crisis actions down a small screen.
 */
const FOCUSED_PATHS = ['/request-appointment', '/screening'];

export function isFocusedPage(path: string): boolean {
  return FOCUSED_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** JSON-LD inside a script element: "<" is escaped so no text can close the element early. */
function jsonLdScript(data: object[]): string {
  const payload =
    data.length === 1
      ? { '@context': 'https://schema.org', ...data[0] }
      : { '@context': 'https://schema.org', '@graph': data };
  return JSON.stringify(payload).replace(/</g, '\\u003c');
}

/** The header of every other page: navigation, the site search and the way to ask for an appointment. */
function FullHeader({
  path,
  brand,
  treatments,
}: {
  path: string;
  brand: string;
  treatments: readonly TreatmentDescription[];
}) {
  return (
    <div class="wrap">
      <a class="brand" href="/">
        {brand}
      </a>
      <nav class="site-nav" aria-label={m.mainNavigation}>
        <ul>
          {navigation(treatments).map((item) => (
            <li key={item.href}>
              <a
                href={item.href}
                aria-current={
                  item.href === path ? 'page' : path.startsWith(`${item.href}/`) ? 'true' : undefined
                }
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SearchForm id="site-search" namedLandmark />
      <a class="button" href="/request-appointment">
        {m.requestAppointment}
      </a>
    </div>
  );
}

function Layout({
  site,
  meta,
  children,
}: {
  site: SiteContext;
  meta: PageMeta;
  children: ComponentChildren;
}) {
  const { clinic, assets } = site;
  const title = meta.path === '/' ? clinic.name : `${meta.title} | ${clinic.name}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? (
          <meta name="robots" content="noindex" />
        ) : (
          <link rel="canonical" href={absoluteUrl(site, meta.path)} />
        )}
        <link rel="icon" href={assets.url('favicon.svg')} type="image/svg+xml" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <meta name="theme-color" content="#1f5f5b" />
        <meta property="og:site_name" content={clinic.name} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        {meta.noindex ? null : <meta property="og:url" content={absoluteUrl(site, meta.path)} />}
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${clinic.name}: articles`}
          href="/feed.xml"
        />
        {meta.jsonLd?.length ? (
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: jsonLdScript(meta.jsonLd) }}
          />
        ) : null}
        <link rel="stylesheet" href={assets.url('site.css')} integrity={assets.integrity('site.css')} />
        <script type="module" src={assets.url('site.js')} integrity={assets.integrity('site.js')} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {m.skipToContent}
        </a>
        <header class="site-header">
          {clinic.demo ? <p class="demo-banner">{m.demoBanner}</p> : null}
          {isFocusedPage(meta.path) ? (
            <div class="wrap">
              <a class="brand" href="/">
                {clinic.name}
              </a>
              <CrisisNotice />
            </div>
          ) : (
            <FullHeader path={meta.path} brand={clinic.name} treatments={clinic.treatments} />
          )}
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">{children}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <CrisisNotice />
            <div class="footer-locations">
              {clinic.locations.map((location) => (
                <LocationDetails key={location.id} location={location} headingLevel={2} />
              ))}
            </div>
            <p class="fine-print">{m.timesShownIn(timeZoneName(clinic.timeZone))}</p>
            <nav aria-label={m.footerLinksLabel}>
              <ul class="footer-links">
                <li>
                  <a href="/about">{m.about}</a>
                </li>
                <li>
                  <a href="/faq">{m.faq}</a>
                </li>
                <li>
                  <a href="/privacy">{m.privacy}</a>
                </li>
                <li>
                  <a href="/accessibility">{m.accessibility}</a>
                </li>
                <li>
                  <a href="/crisis-resources">{m.crisisResources}</a>
                </li>
              </ul>
            </nav>
            <SiteNotice />
            <p class="fine-print">
              {clinic.name} · <a href={`mailto:${clinic.email}`}>{clinic.email}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Renders a whole page in the site's layout as an HTML document. */
export function renderPage(site: SiteContext, meta: PageMeta, body: ComponentChildren): string {
  return `<!doctype html>${renderToString(
    <Layout site={site} meta={meta}>
      {body}
    </Layout>,
  )}`;
}
