// Serialized pages of the job list, kept while the data they show has not changed. A page is
// stored with the jobs' version read *before* it was built (store/sync-job-counts.ts), and served
// again only while the version is the same: a write from any instance bumps it in the same
// transaction, so a cached page is never older than the database. Least recently used pages go
// first; a page costs its JSON text only.
export interface PageCache {
  get(key: string, version: number): string | undefined;
  set(key: string, version: number, body: string): void;
}

export function createPageCache(maxPages = 512): PageCache {
  const pages = new Map<string, { version: number; body: string }>();
  return {
    get(key, version) {
      const page = pages.get(key);
      if (!page) return undefined;
      if (page.version !== version) {
        pages.delete(key);
        return undefined;
      }
      pages.delete(key);
      pages.set(key, page);
      return page.body;
    },
    set(key, version, body) {
      if (maxPages === 0) return;
      pages.delete(key);
      if (pages.size >= maxPages) pages.delete(pages.keys().next().value as string);
      pages.set(key, { version, body });
    },
  };
}
