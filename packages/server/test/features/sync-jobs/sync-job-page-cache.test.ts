// The list's page cache: a page is served while its version holds, and the cache stays within its
// page count and its budget of bytes, dropping the least recently used pages first.
import { describe, expect, test } from 'vitest';
import { createPageCache } from '../../../src/features/sync-jobs/sync-job-page-cache.ts';

const text = (length: number, fill = 'x') => fill.repeat(length);
const bytes = (value: string) => Buffer.from(value);
/** The cache with every page tagged `"tag-<key>"`, reading back only a page's bytes. */
const pageCache = (maxPages?: number, maxBytes?: number) => {
  const cache = createPageCache(maxPages, maxBytes);
  return {
    set: (key: string, version: number, json: string) => cache.set(key, version, bytes(json), `"tag-${key}"`),
    get: (key: string, version: number) => cache.get(key, version)?.body,
  };
};

describe('page cache', () => {
  test('when a page is read with another version, then it is gone and its room is free again', () => {
    const cache = pageCache(10, 800);
    cache.set('a', 1, text(100));
    expect(cache.get('a', 1)).toEqual(bytes(text(100)));
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.get('a', 1)).toBeUndefined();
    // All 800 bytes are free again: eight pages of 100 fit.
    for (const key of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) cache.set(key, 1, text(100, key));
    for (const key of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'])
      expect(cache.get(key, 1)).toEqual(bytes(text(100, key)));
  });

  test('when more pages come than it may count, then the least recently used go first', () => {
    const cache = pageCache(3, 1_000_000);
    cache.set('a', 1, 'A');
    cache.set('b', 1, 'B');
    cache.set('c', 1, 'C');
    expect(cache.get('a', 1)).toEqual(Buffer.from('A'));
    cache.set('d', 1, 'D');
    expect(cache.get('b', 1)).toBeUndefined();
    expect([cache.get('a', 1), cache.get('c', 1), cache.get('d', 1)]).toEqual(
      ['A', 'C', 'D'].map((each) => Buffer.from(each)),
    );
  });

  test('when pages hold more bytes than the budget, then the oldest go until the new one fits', () => {
    const cache = pageCache(100, 800);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, 1, text(100, key));
    cache.set('big', 1, text(100, 'z'));
    expect(cache.get('a', 1)).toEqual(bytes(text(100, 'a')));
    // 500 bytes held; a page of 100 (the most one page may take) fits 3 more times.
    for (const key of ['e', 'f', 'g', 'h']) cache.set(key, 1, text(100, key));
    const kept = ['a', 'b', 'c', 'd', 'big', 'e', 'f', 'g', 'h'].filter(
      (key) => cache.get(key, 1) !== undefined,
    );
    expect(kept.length).toBe(8);
    // 'b' was the least recently used ('a' was read).
    expect(kept).not.toContain('b');
  });

  test('when a page is larger than an eighth of the budget, then it is not kept, and a replaced page frees its room', () => {
    const cache = pageCache(100, 800);
    cache.set('a', 1, text(100));
    cache.set('huge', 1, text(101));
    expect(cache.get('huge', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toEqual(bytes(text(100)));
    // Replacing a page with one too large leaves neither.
    cache.set('a', 2, text(500));
    expect(cache.get('a', 2)).toBeUndefined();
    expect(cache.get('a', 1)).toBeUndefined();
  });

  test('when a page holds characters of several bytes, then its bytes count, not its characters', () => {
    const cache = pageCache(100, 800);
    // 60 characters, 120 bytes: over the 100 bytes one page may take.
    cache.set('accents', 1, 'é'.repeat(60));
    expect(cache.get('accents', 1)).toBeUndefined();
    cache.set('ascii', 1, text(60));
    expect(cache.get('ascii', 1)).toEqual(bytes(text(60)));
  });

  test('when a page is read back, then it comes with the entity tag it was kept with', () => {
    const cache = createPageCache(10, 800);
    cache.set('a', 1, bytes('{"total":0}'), '"abc"');
    expect(cache.get('a', 1)).toEqual({ body: bytes('{"total":0}'), etag: '"abc"' });
  });

  test('when the cache is off (0 pages), then nothing is kept', () => {
    const cache = pageCache(0);
    cache.set('a', 1, 'A');
    expect(cache.get('a', 1)).toBeUndefined();
  });
});
