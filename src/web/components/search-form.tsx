import { shellMessages as m } from '../messages.js';

/** The site search box; it submits with a plain GET so it works without JavaScript. */
export function SearchForm({ id, query }: { id: string; query?: string }) {
  return (
    <form class="site-search" role="search" action="/search" method="get">
      <label for={id}>{m.searchLabel}</label>
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
