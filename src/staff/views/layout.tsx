import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SiteContext } from '../../web/site-context.js';
import { staffMessages as m } from '../messages.js';
import type { SignedIn } from '../sessions.js';

/** Every staff page: never indexed, no public navigation, and, when signed in, the staff navigation. */
function StaffLayout({
  site,
  title,
  path,
  signedIn,
  idleMinutes,
  notices,
  children,
}: {
  site: SiteContext;
  title: string;
  path: string;
  signedIn: SignedIn | null;
  idleMinutes: number;
  notices: readonly string[];
  children: ComponentChildren;
}) {
  const { assets, clinic } = site;
  const can = (permission: Parameters<SignedIn['actor']['permissions']['has']>[0]) =>
    signedIn?.actor.permissions.has(permission) ?? false;
  const links = signedIn
    ? [
        { href: '/staff', label: m.overview, show: true },
        { href: '/staff/requests', label: m.requests, show: can('requests:list') },
        { href: '/staff/users', label: m.users, show: can('users:manage') },
        { href: '/staff/audit', label: m.audit, show: can('audit:read') },
        { href: '/staff/settings', label: m.settings, show: can('settings:manage') },
        { href: '/staff/account', label: m.account, show: true },
      ].filter((link) => link.show)
    : [];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} | ${m.area} | ${clinic.name}`}</title>
        <link rel="icon" href={assets.url('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={assets.url('site.css')} integrity={assets.integrity('site.css')} />
        <link rel="stylesheet" href={assets.url('staff.css')} integrity={assets.integrity('staff.css')} />
        <script type="module" src={assets.url('staff.js')} integrity={assets.integrity('staff.js')} />
      </head>
      <body class="staff">
        <a class="skip-link" href="#main">
          {m.skipToContent}
        </a>
        <header class="site-header staff-header">
          <div class="wrap">
            <a class="brand" href="/staff">
              {clinic.name} <span class="staff-tag">{m.area}</span>
            </a>
            {signedIn ? (
              <nav class="site-nav" aria-label={m.staffNavigation}>
                <ul>
                  {links.map((link) => (
                    <li key={link.href}>
                      <a
                        href={link.href}
                        aria-current={
                          link.href === path
                            ? 'page'
                            : link.href !== '/staff' && path.startsWith(`${link.href}/`)
                              ? 'true'
                              : undefined
                        }
                      >
                        {link.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            {signedIn ? (
              <form method="post" action="/staff/sign-out" class="sign-out">
                <input type="hidden" name="_csrf" value={signedIn.session.csrf_token} />
                <button type="submit" class="button-secondary">
                  {m.signOut}
                </button>
              </form>
            ) : null}
          </div>
        </header>
        {signedIn ? (
          <section
            aria-label="Your session"
            class="session-note wrap"
            id="session-note"
            data-ends-at={signedIn.endsAt.toISOString()}
            data-csrf={signedIn.session.csrf_token}
          >
            <p>{m.sessionNote(idleMinutes)}</p>
            <div class="session-warning" id="session-warning" role="alert" hidden>
              <p>{m.sessionWarning}</p>
              <button type="button" id="stay-signed-in">
                {m.staySignedIn}
              </button>
            </div>
          </section>
        ) : null}
        {signedIn && notices.length > 0 ? (
          <section aria-label="System problems" class="wrap">
            {notices.map((notice) => (
              <p class="notice notice-warning" role="alert" key={notice}>
                {notice}
              </p>
            ))}
          </section>
        ) : null}
        <main id="main" tabindex={-1}>
          <div class="wrap">{children}</div>
        </main>
      </body>
    </html>
  );
}

export interface StaffPage {
  site: SiteContext;
  signedIn: SignedIn | null;
  idleMinutes: number;
  /** System problems shown on every page to signed-in staff (src/staff/system-notices.ts). */
  notices?: readonly string[];
}

export function renderStaffPage(
  page: StaffPage,
  meta: { title: string; path: string },
  body: ComponentChildren,
): string {
  return `<!doctype html>${renderToString(
    <StaffLayout
      site={page.site}
      title={meta.title}
      path={meta.path}
      signedIn={page.signedIn}
      idleMinutes={page.idleMinutes}
      notices={page.notices ?? []}
    >
      {body}
    </StaffLayout>,
  )}`;
}
