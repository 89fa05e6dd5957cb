import type { ComponentChildren } from 'preact';
import type { Heading } from '../markdown.js';
import { contentMessages as m } from '../messages.js';
import { type ContentItem, contentPath, type Source } from '../schema.js';

/** "2026-11-20" as "November 20, 2026"; computed in UTC so no time zone moves the day. */
export function formatDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    Date.UTC(year, month - 1, day),
  );
}

export interface Crumb {
  href: string;
  label: string;
}

export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label={m.breadcrumb}>
      <ol>
        {trail.map((crumb, index) => (
          <li key={crumb.href}>
            {index === trail.length - 1 ? (
              <a href={crumb.href} aria-current="page">
                {crumb.label}
              </a>
            ) : (
              <a href={crumb.href}>{crumb.label}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function ReviewLine({ item, words }: { item: ContentItem; words?: number }) {
  const parts: string[] = [];
  if (item.reviewed) parts.push(m.reviewed(formatDate(item.reviewed), item.reviewer));
  if (item.updated) parts.push(m.updated(formatDate(item.updated)));
  else if (item.published) parts.push(m.published(formatDate(item.published)));
  if (words !== undefined) parts.push(m.readingTime(Math.max(1, Math.round(words / 200))));
  return <p class="review-line">{parts.join(' · ')}</p>;
}

export function TableOfContents({ headings }: { headings: Heading[] }) {
  const sections = headings.filter((heading) => heading.level === 2);
  if (sections.length < 3) return null;
  return (
    <nav class="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">{m.onThisPage}</h2>
      <ol>
        {sections.map((heading) => (
          <li key={heading.id}>
            <a href={`#${heading.id}`}>{heading.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Sources({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return null;
  return (
    <section class="sources" aria-labelledby="sources-title">
      <h2 id="sources-title">{m.sources}</h2>
      <ol>
        {sources.map((source) => (
          <li key={source.title}>
            {source.url ? <a href={source.url}>{source.title}</a> : source.title}.{' '}
            <cite>{source.publisher}</cite>, {source.year}.
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ContentCards({ items, headingLevel = 3 }: { items: ContentItem[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="cards">
      {items.map((item) => (
        <li class="card" key={item.id}>
          <Heading>
            <a href={contentPath(item)}>{item.title}</a>
          </Heading>
          {item.summary ? <p>{item.summary}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/** `treatment` prefills the request form (the only things an address may prefill are treatment and location). */
export function NextStep({ children, treatment }: { children?: ComponentChildren; treatment?: string }) {
  return (
    <aside class="callout next-step" aria-labelledby="next-step-title">
      <h2 id="next-step-title">{m.nextStepTitle}</h2>
      <p>{m.nextStepText}</p>
      {children}
      <p>
        <a
          class="button"
          href={treatment ? `/request-appointment?treatment=${treatment}` : '/request-appointment'}
        >
          {m.requestAppointment}
        </a>
      </p>
    </aside>
  );
}

/** Markdown already rendered by markdown-it with raw HTML disabled, so it is safe to place as HTML. */
export function RenderedBody({ html }: { html: string }) {
  return <div class="prose content-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
