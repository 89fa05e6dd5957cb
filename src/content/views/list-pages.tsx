import { contentMessages as m } from '../messages.js';
import type { ContentItem } from '../schema.js';
import { Breadcrumbs, ContentCards, type Crumb, formatDate } from './parts.js';

export interface ArticleListProps {
  articles: ContentItem[];
  tags: { tag: string; count: number }[];
  tag: string | undefined;
  page: number;
  pages: number;
}

function listHref(tag: string | undefined, page: number): string {
  const params = new URLSearchParams();
  if (tag) params.set('tag', tag);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/articles?${query}` : '/articles';
}

export function ArticleListPage({ articles, tags, tag, page, pages }: ArticleListProps) {
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: '/', label: m.home },
          { href: listHref(tag, page), label: m.articles },
        ]}
      />
      <h1>{tag ? m.taggedWith(tag) : m.articlesTitle}</h1>
      <nav class="tags" aria-label={m.filterByTopic}>
        <ul>
          <li>
            <a href="/articles" aria-current={tag ? undefined : 'page'}>
              {m.allTopics}
            </a>
          </li>
          {tags.map(({ tag: name, count }) => (
            <li key={name}>
              <a href={listHref(name, 1)} aria-current={name === tag ? 'page' : undefined}>
                {name} ({count})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ul class="article-list">
        {articles.map((article) => (
          <li key={article.id}>
            <h2>
              <a href={`/articles/${article.slug}`}>{article.title}</a>
            </h2>
            {article.summary ? <p>{article.summary}</p> : null}
            <p class="review-line">
              {article.reviewed
                ? m.reviewed(formatDate(article.reviewed), null)
                : m.published(formatDate(article.published!))}
            </p>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav class="pagination" aria-label={m.pagination}>
          <p>{m.pageOf(page, pages)}</p>
          <ul>
            {page > 1 ? (
              <li>
                <a href={listHref(tag, page - 1)} rel="prev">
                  {m.previous}
                </a>
              </li>
            ) : null}
            {page < pages ? (
              <li>
                <a href={listHref(tag, page + 1)} rel="next">
                  {m.next}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}

export function IndexPage({
  title,
  intro,
  items,
  trail,
}: {
  title: string;
  intro: string;
  items: ContentItem[];
  trail: Crumb[];
}) {
  return (
    <>
      <Breadcrumbs trail={trail} />
      <h1>{title}</h1>
      <p class="lead">{intro}</p>
      <ContentCards items={items} headingLevel={2} />
    </>
  );
}
