import type { Page } from 'playwright-core';

export interface CrawledPage {
  path: string;
  status: number;
  /** Internal paths this page links to. */
  links: string[];
}

/**
 * Visits every internal link reachable from `start` in the browser, breadth first, and reports each page's
 * status; `visit` runs on each page that answered 200 (for axe, validity, request checks).
 */
export async function crawlSite(
  page: Page,
  origin: string,
  options: { start?: string; limit?: number; visit?: (path: string, page: Page) => Promise<void> } = {},
): Promise<CrawledPage[]> {
  const queue = [options.start ?? '/'];
  const seen = new Set(queue);
  const crawled: CrawledPage[] = [];
  while (queue.length > 0) {
    if (crawled.length >= (options.limit ?? 500))
      throw new Error(`crawl passed ${options.limit ?? 500} pages`);
    const path = queue.shift()!;
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    const status = response?.status() ?? 0;
    const links =
      status === 200
        ? await page.$$eval(
            'a[href]',
            (anchors, own) =>
              anchors
                .map((a) => new URL((a as HTMLAnchorElement).href, location.href))
                .filter((url) => url.origin === own && url.protocol.startsWith('http'))
                .map((url) => url.pathname + url.search),
            origin,
          )
        : [];
    crawled.push({ path, status, links });
    if (status === 200 && options.visit) await options.visit(path, page);
    for (const link of links) {
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return crawled;
}
