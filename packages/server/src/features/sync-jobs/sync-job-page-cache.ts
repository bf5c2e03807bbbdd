// Serialized pages of the job list, kept while the data they show has not changed. A page is
// stored with the jobs' version read *before* it was built (store/sync-job-counts.ts), and served
// again only while the version is the same: a write from any instance bumps it in the same
// transaction, so a cached page is never older than the database. Least recently used pages go
// first. A page is kept as the UTF-8 bytes it is sent as: served again, it is neither encoded nor
// joined to the response head again, and it lies outside the JavaScript heap the collector scans.
// The cache is bounded in pages (LIST_PAGE_CACHE_PAGES) and in bytes: a page may hold a thousand
// jobs of a thousand organizations each, so a caller walking through large pages must not grow
// the server by their size times the page count.
export interface PageCache {
  get(key: string, version: number): CachedPage | undefined;
  /** Keeps the page's bytes (in memory of their own: sync-job-service.ts), with its entity tag. */
  set(key: string, version: number, body: Buffer, etag: string): void;
}

/** A page as it is sent: its bytes, and their entity tag (core/entity-tags.ts). */
export interface CachedPage {
  body: Buffer;
  etag: string;
}

/** Page bytes the cache holds at most. */
export const PAGE_CACHE_MAX_BYTES = 16 * 1024 * 1024;

export function createPageCache(maxPages = 512, maxBytes = PAGE_CACHE_MAX_BYTES): PageCache {
  const pages = new Map<string, { version: number; page: CachedPage }>();
  let bytes = 0;
  const remove = (key: string) => {
    const page = pages.get(key);
    if (!page) return;
    pages.delete(key);
    bytes -= page.page.body.length;
  };
  return {
    get(key, version) {
      const page = pages.get(key);
      if (!page) return undefined;
      if (page.version !== version) {
        remove(key);
        return undefined;
      }
      pages.delete(key);
      pages.set(key, page);
      return page.page;
    },
    set(key, version, body, etag) {
      remove(key);
      // A page over an eighth of the budget would push out most others for one caller's sake.
      if (maxPages === 0 || body.length > maxBytes / 8) return;
      while (pages.size > 0 && (pages.size >= maxPages || bytes + body.length > maxBytes))
        remove(pages.keys().next().value as string);
      pages.set(key, { version, page: { body, etag } });
      bytes += body.length;
    },
  };
}
