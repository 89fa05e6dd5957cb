import { TREATMENTS } from '../../platform/config/clinic.js';
import type { RenderedMarkdown } from '../markdown.js';
import { attributeLabels, contentMessages as m } from '../messages.js';
import { type ContentItem, TREATMENT_ATTRIBUTES } from '../schema.js';
import {
  Breadcrumbs,
  ContentCards,
  type Crumb,
  NextStep,
  RenderedBody,
  ReviewLine,
  Sources,
  TableOfContents,
} from './parts.js';

export interface ItemPageProps {
  item: ContentItem;
  rendered: RenderedMarkdown;
  trail: Crumb[];
  related: ContentItem[];
}

function AtAGlance({ item }: { item: ContentItem }) {
  const rows = TREATMENT_ATTRIBUTES.filter((key) => item.attributes[key]);
  if (rows.length === 0) return null;
  return (
    <section class="at-a-glance" aria-labelledby="glance-title">
      <h2 id="glance-title">{m.atAGlance}</h2>
      <dl>
        {rows.map((key) => (
          <div key={key}>
            <dt>{attributeLabels[key]}</dt>
            <dd>{item.attributes[key]}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href="/compare">{m.compareLink}</a>
      </p>
    </section>
  );
}

/** An article, treatment, condition or plain page: the same reading experience for all of them. */
export function ItemPage({ item, rendered, trail, related }: ItemPageProps) {
  const dated = item.type !== 'page' || item.reviewed !== null;
  return (
    <article class="content-page">
      <Breadcrumbs trail={trail} />
      <header class="prose">
        <h1>{item.title}</h1>
        {item.summary ? <p class="lead">{item.summary}</p> : null}
        {dated ? (
          <ReviewLine item={item} words={item.type === 'article' ? rendered.words : undefined} />
        ) : null}
      </header>
      {item.type === 'treatment' ? <AtAGlance item={item} /> : null}
      <TableOfContents headings={rendered.headings} />
      <RenderedBody html={rendered.html} />
      <Sources sources={item.sources} />
      {item.type === 'page' ? null : <NextStep treatment={requestTreatment(item)} />}
      {related.length > 0 ? (
        <section aria-labelledby="related-title">
          <h2 id="related-title">{m.related}</h2>
          <ContentCards items={related} />
        </section>
      ) : null}
    </article>
  );
}

/** A treatment page's slug starts with the treatment it describes (ketamine-infusion-therapy, tms). */
function requestTreatment(item: { type: string; slug: string }): string | undefined {
  if (item.type !== 'treatment') return undefined;
  return TREATMENTS.find((treatment) => item.slug === treatment || item.slug.startsWith(`${treatment}-`));
}
