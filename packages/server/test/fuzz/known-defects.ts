// The fuzz families that fail today because of a defect issue 12 lists, and on which database.
// Their tests run as `it.fails` (they must fail, so that a fix is noticed): once a defect is
// fixed, delete its entry here and the family becomes an ordinary test.
//
// Fixed and so ordinary tests now: charsets-and-encodings (defect 1, were 500s), paging-out-of-range
// (2), control-characters (3, PostgreSQL), parser-level and oversized-content-length (9), all by
// 8247d3f; bracketed-query-keys (10), whose last case (`?organizations[a]=x`, a 500 after
// 8247d3f) contract 1.1 fixed; unicode-charsets (1: UTF-7/16/32 bodies are refused unread) and
// below-express (9: CONNECT and odd Expect headers) since. None is known to fail today.
import type { FuzzDatabase } from './run-fuzz.ts';

export interface KnownDefect {
  /** The defect's number in issue 12. */
  issueItem: number;
  /** What the server answers today. */
  today: string;
  databases: readonly FuzzDatabase[];
}

export const KNOWN_DEFECTS: Readonly<Record<string, KnownDefect>> = {};
