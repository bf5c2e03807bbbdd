// How a page of the job list is sent, in one place for the route (features/sync-jobs) and for the
// step that answers an unchanged page early (unchanged-page-answer.ts): its tag, its caching
// rules, and a 304 when If-None-Match names the tag.
import type { Request, Response } from 'express';
import { noneMatchNames } from '../core/entity-tags.ts';

/** A page as it is sent: its JSON's UTF-8 and their entity tag. */
export interface PageToSend {
  body: Buffer;
  etag: string;
}

/**
 * Sends `page`: a 304 without body if If-None-Match names its tag, else its bytes; or, with
 * `asJson`, the page as an object through res.json (where responses are validated, so the
 * validator sees it; JSON.stringify writes the parsed page back to the same bytes).
 */
export function sendListPage(req: Request, res: Response, page: PageToSend, asJson = false): void {
  res.setHeader('ETag', page.etag);
  // A browser may keep the page but asks again (with If-None-Match) before using it; the page
  // depends on the caller's token, so no shared cache keeps it.
  res.setHeader('Cache-Control', 'private, no-cache');
  if (noneMatchNames(req.headers['if-none-match'], page.etag)) res.status(304).end();
  else if (asJson) res.json(JSON.parse(page.body.toString()));
  else res.type('application/json').send(page.body);
}
