import { SearchForm } from '../../web/components/search-form.js';

export const SITE_PAGES = [
  { href: '/', title: 'Home' },
  { href: '/locations', title: 'Locations and hours' },
  { href: '/request-appointment', title: 'Request an appointment' },
  { href: '/crisis-resources', title: 'Crisis resources' },
  { href: '/privacy', title: 'Privacy notice' },
  { href: '/accessibility', title: 'Accessibility statement' },
] as const;

/** The search page until site search is built: it keeps the query and lists every page on the site. */
export function SearchPage({ query }: { query: string }) {
  return (
    <div class="prose">
      <h1>Search</h1>
      <SearchForm id="search-page-query" query={query} />
      <p>Full search of this site is on its way. Meanwhile, every page is listed here:</p>
      <ul>
        {SITE_PAGES.map((page) => (
          <li key={page.href}>
            <a href={page.href}>{page.title}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
