import { attributeLabels, contentMessages as m } from '../messages.js';
import { type ContentItem, TREATMENT_ATTRIBUTES } from '../schema.js';
import { Breadcrumbs, NextStep } from './parts.js';

/** The comparison table, generated from each treatment's structured attributes. */
export function ComparePage({
  treatments,
  article,
}: {
  treatments: ContentItem[];
  article: ContentItem | undefined;
}) {
  const rows = TREATMENT_ATTRIBUTES.filter((key) => treatments.some((t) => t.attributes[key]));
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: '/', label: m.home },
          { href: '/compare', label: m.compareTitle },
        ]}
      />
      <h1>{m.compareTitle}</h1>
      <p class="lead">{m.compareIntro}</p>
      {/* A focusable, labelled region, so keyboard users can scroll the table sideways on a narrow phone. */}
      <section class="table-scroll" aria-labelledby="compare-caption" tabindex={0}>
        <table class="compare">
          <caption id="compare-caption">{m.compareCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.compareFeature}</th>
              {treatments.map((treatment) => (
                <th scope="col" key={treatment.id}>
                  <a href={`/treatments/${treatment.slug}`}>{treatment.title}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((key) => (
              <tr key={key}>
                <th scope="row">{attributeLabels[key]}</th>
                {treatments.map((treatment) => (
                  <td key={treatment.id}>{treatment.attributes[key] ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="prose" aria-labelledby="questions-title">
        <h2 id="questions-title">{m.compareQuestionsTitle}</h2>
        <ul>
          {m.compareQuestions.map((question) => (
            <li key={question}>{question}</li>
          ))}
        </ul>
        {article ? (
          <p>
            <a href={`/articles/${article.slug}`}>{m.compareReadMore}</a>
          </p>
        ) : null}
      </section>
      <NextStep />
    </>
  );
}
