import { shellMessages as m } from '../messages.js';

/**
 * The site search box; it submits with a plain GET so it works without JavaScript. A page that shows a
 * second search box (search results, the 404 page) has two search landmarks, so the header's one is named by
 * its label (`namedLandmark`) to keep them apart for screen-reader users (axe: landmark-unique).
 */
export function SearchForm({
  id,
  query,
  namedLandmark,
}: {
  id: string;
  query?: string;
  namedLandmark?: boolean;
}) {
  return (
    <form
      class="site-search"
      role="search"
      action="/search"
      method="get"
      aria-labelledby={namedLandmark ? `${id}-label` : undefined}
    >
      <label for={id} id={namedLandmark ? `${id}-label` : undefined}>
        {m.searchLabel}
      </label>
      <div class="search-row">
        <input
          id={id}
          type="search"
          name="q"
          value={query}
          maxLength={200}
          autocomplete="off"
          enterKeyHint="search"
        />
        <button type="submit">{m.searchButton}</button>
      </div>
    </form>
  );
}
