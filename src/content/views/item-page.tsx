import type { TreatmentDescription } from '../../platform/config/treatments.js';
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
  /** The clinic's treatments, so a treatment's own page preselects it on the request form. */
  treatments: readonly TreatmentDescription[];
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
export function ItemPage({ item, rendered, trail, related, treatments }: ItemPageProps) {
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
      {item.type === 'page' ? null : <NextStep treatment={requestTreatment(item, treatments)} />}
      {related.length > 0 ? (
        <section aria-labelledby="related-title">
          <h2 id="related-title">{m.related}</h2>
          <ContentCards items={related} />
        </section>
      ) : null}
    </article>
  );
}

/** The clinic treatment whose page this is; none for a treatment the clinic does not offer. */
function requestTreatment(
  item: { type: string; slug: string },
  treatments: readonly TreatmentDescription[],
): string | undefined {
  if (item.type !== 'treatment') return undefined;
  return treatments.find((treatment) => treatment.page === `/treatments/${item.slug}`)?.id;
}
