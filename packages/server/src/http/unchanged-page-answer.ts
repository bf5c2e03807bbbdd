// A poller asking again for a page of the job list it already holds (If-None-Match with the page's
// tag) is answered from the page cache before the validator, the routers and the route: its 304 is
// then a version read and a map lookup, where the full path spent most of its time on the way
// there (decision 0154). It answers only what the full path would certainly answer, and so every
// condition below is one the full path checks, asked of the same code, not a copy of it:
//
// - the steps before it have run (request ID and access line, Host, CORS, body size and parsing,
//   bracketed keys): it sits in their chain, after them (app.ts);
// - GET of the list's exact path, no body (no Content-Length but 0, no Transfer-Encoding), no body
//   that failed to parse (json-body.ts bodyParseError), and an If-None-Match to answer;
// - the bearer token is one the verifier has verified and remembers unexpired (auth.ts
//   TokenVerifier.remembered), with the groups the list needs (auth.ts mayCall): the validator's
//   security step would pass, with this identity;
// - the Content-Type, URL and header parameters passed the validator's request step before
//   (valid-query-memo.ts ValidQueries.passed): that step would pass (it is a function of them);
// - checkRawQuery (query-parameters.ts) passes on the URL;
// - the page cache holds the page for the caller's domain and this query at the domain's current
//   version (SyncJobService.cachedSfdcPage): the route would be served the same bytes and tag.
//
// Then it sends the page as the route sends a cached one (list-page-response.ts): the 304 when
// If-None-Match names the tag, else the bytes (a 200: once the page cache has counted the hit, the
// route must not count it again). Any other request, and any failure to tell, goes on untouched.
import type { Request, RequestHandler } from 'express';
import type { Identity } from '../core/identity.ts';
import { bearerToken, mayCall, type TokenVerifier } from './auth.ts';
import { bodyParseError } from './json-body.ts';
import { sendListPage } from './list-page-response.ts';
import { checkRawQuery } from './query-parameters.ts';
import type { ValidQueries } from './valid-query-memo.ts';

/** The operation answered, and where the contract serves it (under /api). */
const OPERATION = 'listSfdcSynchronizationJobs';
const PATH = '/api/v1/cckm/sfdc/keys/synchronization-jobs';

/** How often a request was answered here, and how often it went on to the full path. */
export interface UnchangedPageCounts {
  answered: number;
  declined: number;
}

/**
 * What the step asks of the job list's service (features/sync-jobs/sync-job-service.ts, which
 * http/ does not import): the page cache's bytes and tag for this caller and query while the
 * domain's jobs have not changed, else undefined; a hit is counted there.
 */
export interface CachedListPages {
  cachedSfdcPage(caller: Identity, queryText: string): Promise<{ body: Buffer; etag: string } | undefined>;
}

export interface UnchangedPageDeps {
  syncJobs: CachedListPages;
  verifyToken: TokenVerifier;
  /** The memo of the validator that would check the request otherwise. */
  validQueries: ValidQueries;
  counts?: UnchangedPageCounts;
}

export function answerUnchangedPage(deps: UnchangedPageDeps): RequestHandler {
  const { syncJobs, validQueries, counts } = deps;
  const remembered = deps.verifyToken.remembered;
  const rawQueryCheck = checkRawQuery();
  // Without a synchronous view of the verifier no token can be known to pass: a step that never
  // answers is none at all.
  if (remembered === undefined) return (_req, _res, next) => next();

  return async function unchangedPageAnswer(req, res, next) {
    const caller = eligibleCaller(req, remembered, validQueries, rawQueryCheck);
    if (caller === undefined) {
      if (counts) counts.declined += 1;
      next();
      return;
    }
    const queryStart = req.originalUrl.indexOf('?');
    const queryText = queryStart < 0 ? '' : req.originalUrl.slice(queryStart + 1);
    let page: Awaited<ReturnType<typeof syncJobs.cachedSfdcPage>>;
    try {
      page = await syncJobs.cachedSfdcPage(caller, queryText);
    } catch {
      // The route reads the version again and reports what fails there, as it always has.
      page = undefined;
    }
    if (page === undefined) {
      if (counts) counts.declined += 1;
      next();
      return;
    }
    if (counts) counts.answered += 1;
    // What the validator would have said the request was (the access line's metrics label).
    (req as Request & { openapi?: unknown }).openapi = { schema: { operationId: OPERATION } };
    // As sync-job-routes.ts answers a page that came from the cache.
    sendListPage(req, res, page);
  };
}

/** The caller whose token the full path would accept for this request, or undefined. */
function eligibleCaller(
  req: Request,
  remembered: NonNullable<TokenVerifier['remembered']>,
  validQueries: ValidQueries,
  rawQueryCheck: RequestHandler,
) {
  if (req.method !== 'GET' || req.headers['if-none-match'] === undefined) return undefined;
  // The path exactly as the contract writes it, in origin form (no absolute-form URL, no other
  // spelling any router or matcher might read otherwise).
  const url = req.originalUrl;
  if (!(url.startsWith(PATH) && (url.length === PATH.length || url[PATH.length] === '?'))) return undefined;
  if (bodyParseError(req) !== undefined) return undefined;
  const token = bearerToken(req.headers.authorization);
  const caller = token === undefined ? undefined : remembered(token);
  if (caller === undefined || !mayCall(caller, OPERATION)) return undefined;
  // Bodiless GET, and the URL and headers the validator's request step let through before.
  if (!validQueries.passed(req)) return undefined;
  // checkRawQuery reads the operation the validator matched and the URL as sent, nothing else.
  let refused: unknown;
  rawQueryCheck(
    { openapi: { schema: { operationId: OPERATION } }, originalUrl: req.originalUrl } as unknown as Request,
    NO_RESPONSE,
    (error?: unknown) => {
      refused = error;
    },
  );
  return refused === undefined ? caller : undefined;
}

/** checkRawQuery never touches the response: it passes or names an error. */
const NO_RESPONSE = {} as Parameters<RequestHandler>[1];
