import { renderToString } from 'preact-render-to-string';
import type { ClinicProfile } from '../platform/config/clinic.js';
import { PAGES } from './pages.js';

/** The fixed pages as the site search sees them: their visible text, without markup. */
export function sitePageSearchDocuments(clinic: ClinicProfile) {
  return Object.entries(PAGES).map(([path, page]) => ({
    id: path,
    type: 'page' as const,
    title: page.title,
    summary: page.description,
    headings: '',
    tags: '',
    attributes: '',
    body: renderToString(page.view(clinic))
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}
