import type { ClinicProfile } from '../platform/config/clinic.js';
import type { AssetCatalog } from './assets.js';

/** What every page needs to know about the site around it. Built once at start and passed to views. */
export interface SiteContext {
  readonly clinic: ClinicProfile;
  readonly assets: AssetCatalog;
  readonly publicUrl: URL;
}

export interface PageMeta {
  title: string;
  description: string;
  /** The page's own path, for its canonical address and for marking the current navigation link. */
  path: string;
  /** Pages that must not appear in search engines (errors, staff pages). */
  noindex?: boolean;
  /** Open Graph type: 'article' for dated content, 'website' otherwise. */
  ogType?: 'website' | 'article';
  /** Schema.org objects describing the page, written as JSON-LD. */
  jsonLd?: object[];
}

export function absoluteUrl(site: SiteContext, path: string): string {
  return new URL(path.replace(/^\//, ''), site.publicUrl).href;
}
