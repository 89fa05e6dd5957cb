import type { TreatmentDescription } from '../../platform/config/treatments.js';
import { CrisisNotice } from '../../web/components/crisis-notice.js';
import { SearchForm } from '../../web/components/search-form.js';
import type { SearchOutcome } from '../engine.js';
import { COMPARE_TOPIC, searchMessages as m, POPULAR_TOPICS } from '../messages.js';

/** The clinic's own treatments first, then the topics every clinic's site has. */
function PopularTopics({ treatments }: { treatments: readonly TreatmentDescription[] }) {
  const topics = [
    ...treatments.map((treatment) => ({ href: treatment.page, label: treatment.name })),
    ...(treatments.length > 1 ? [COMPARE_TOPIC] : []),
    ...POPULAR_TOPICS,
  ];
  return (
    <section aria-labelledby="popular-topics">
      <h2 id="popular-topics">{m.popularTopics}</h2>
      <ul>
        {topics.map((topic) => (
          <li key={topic.href}>
            <a href={topic.href}>{topic.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The answer to words that may mean the person is thinking of suicide or self-harm: before the heading, the
 * results or "nothing found", so it is the first thing seen and heard after the skip link. Its lead names
 * the region without being a heading, as the page's headings must start at its h1.
 */
function CrisisAnswer() {
  return (
    <section class="crisis-answer" aria-labelledby="crisis-answer-heading">
      <p class="crisis-answer-lead" id="crisis-answer-heading">
        {m.crisis.heading}
      </p>
      <p>{m.crisis.reassurance}</p>
      <CrisisNotice />
      <p>
        <a href="/crisis-resources">{m.crisis.resources}</a>
      </p>
    </section>
  );
}

export interface SearchPageProps {
  query: string;
  outcome: SearchOutcome | undefined;
  phone: { display: string; dial: string };
  treatments: readonly TreatmentDescription[];
  notReady?: boolean;
  /** The words searched may mean the person is in crisis. */
  crisis?: boolean;
}

/** Search results, a "did you mean", or, when nothing matched, a way forward. Works without JavaScript. */
export function SearchPage({ query, outcome, phone, treatments, notReady, crisis }: SearchPageProps) {
  const results = outcome?.results ?? [];
  return (
    <div class="search-page">
      {crisis ? <CrisisAnswer /> : null}
      <h1>{query ? (results.length ? m.titleFor(query) : m.noResultsTitle(query)) : m.title}</h1>
      <SearchForm id="search-page-query" query={query} />
      {notReady ? <p role="status">{m.notReady}</p> : null}
      {outcome?.didYouMean ? (
        <p class="did-you-mean">
          {m.didYouMean}{' '}
          <a href={`/search?q=${encodeURIComponent(outcome.didYouMean)}`}>
            <strong>{outcome.didYouMean}</strong>
          </a>
          ?
        </p>
      ) : null}
      {results.length > 0 ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{m.resultsHeading}</h2>
          <p role="status">{m.resultsCount(results.length)}</p>
          <ol class="search-results">
            {results.map((hit) => (
              <li key={hit.url}>
                <p class="result-type">{m.types[hit.type]}</p>
                <h3>
                  <a href={hit.url}>{hit.title}</a>
                </h3>
                {/* The snippet is escaped by the search engine before <mark> is added. */}
                <p class="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
                <p class="result-url">{hit.url}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : query && !notReady ? (
        <>
          <p class="lead">{m.noResultsText}</p>
          <PopularTopics treatments={treatments} />
          <section class="callout" aria-labelledby="still-unsure">
            <h2 id="still-unsure">{m.stillUnsure}</h2>
            <p>{m.stillUnsureText}</p>
            <p class="actions">
              <a class="button" href="/request-appointment">
                {m.requestAppointment}
              </a>
              <a class="button button-secondary" href={`tel:${phone.dial}`}>
                {m.call(phone.display)}
              </a>
            </p>
          </section>
        </>
      ) : (
        <PopularTopics treatments={treatments} />
      )}
    </div>
  );
}
