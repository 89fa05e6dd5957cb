import type { Browser, Page } from 'playwright-core';
import { type PageWatch, watchPage } from './browser.js';

export interface CrawledPage {
  path: string;
  status: number;
  /** Internal paths this page links to. */
  links: string[];
  /** Bytes transferred to show the page on a first visit (HTML, CSS, JS, images; compressed), headers included. */
  transferBytes: number;
}

/**
 * Visits every internal link reachable from `start` in the browser, breadth first, each in a fresh browser
 * context (an empty cache, as a first-time visitor), and reports each page's status and weight. `visit`
 * runs on each page that answered 200 (for axe, validity, request checks).
 */
export async function crawlSite(
  browser: Browser,
  origin: string,
  options: {
    start?: string;
    limit?: number;
    visit?: (path: string, page: Page, watch: PageWatch) => Promise<void>;
  } = {},
): Promise<CrawledPage[]> {
  const queue = [options.start ?? '/'];
  const seen = new Set(queue);
  const crawled: CrawledPage[] = [];
  while (queue.length > 0) {
    if (crawled.length >= (options.limit ?? 500))
      throw new Error(`crawl passed ${options.limit ?? 500} pages`);
    const path = queue.shift()!;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const watch = watchPage(page, origin);
      const responses: Promise<number>[] = [];
      page.on('requestfinished', (request) =>
        responses.push(request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize)),
      );
      const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
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
      const transferBytes = (await Promise.all(responses)).reduce((sum, size) => sum + size, 0);
      crawled.push({ path, status, links, transferBytes });
      if (status === 200 && options.visit) await options.visit(path, page, watch);
      for (const link of links) {
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    } finally {
      await context.close();
    }
  }
  return crawled;
}
