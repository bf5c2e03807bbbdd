// Entity tags and If-None-Match (RFC 9110 §8.8.3, §13.1.2), for the served contract documents and
// the job list. A tag is a digest of the bytes sent, so the same bytes have the same tag on every
// instance and after every restart, and a 304 is never wrong: a tag matches only the page it was
// made from.
import { createHash } from 'node:crypto';

/** The strong entity tag of `body`: `"` + 22 base64url characters of its SHA-256 + `"`. */
export function entityTag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/**
 * Whether an If-None-Match header names `etag` or is `*` (weak comparison: a `W/` prefix does not
 * count). A header that names no well-formed tag matches nothing.
 */
export function noneMatchNames(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  for (const tag of ifNoneMatch.split(',')) {
    const trimmed = tag.trim();
    if (trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`) return true;
  }
  return false;
}
