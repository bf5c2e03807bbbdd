// Request validation of a bodiless GET depends on its URL, its declared Content-Type and the
// contract's header parameters (If-None-Match) alone: no cookie parameters in this contract
// (checked at start-up), and the caller's identity is checked before. Clients poll the same URLs
// over and over (a job list, a filter by job ID), so the outcome is remembered: a URL that passed
// (with that Content-Type, or none, and those header values) is served its validated, type-coerced
// query again without running the validator (about a sixth of a GET's CPU). Nothing is validated
// less: the same type, headers and URL always give the same result, and only those that passed
// are remembered; any other request is validated as before.
//
// Two assumptions about express-openapi-validator are checked rather than trusted: its
// request-validation step is named `requestMiddleware` (checked at start-up), and it leaves the
// matched operation's path parameters in `req.openapi.pathParams` (checked on every request it
// matched: without them the memo could not tell a GET with path parameters, so it throws).
import type { Request, RequestHandler } from 'express';

/**
 * Distinct valid URLs remembered (least recently used forgotten first). A few hundred bytes each;
 * dashboards of many users and pages ask more than a thousand URLs in turn, and a least-recently-
 * used memo a little smaller than the URLs asked in a cycle forgets every one before it is asked
 * again (decision 0150).
 */
export const REMEMBERED_URLS = 4_096;

/** How often the validator ran on a GET the memo could keep, and how often the memo answered. */
export interface ValidQueryCounts {
  validated: number;
  remembered: number;
}

interface OpenApiMetadata {
  pathParams?: Record<string, string>;
}

/** Where the contract's operations take parameters, and the names of its header parameters. */
export interface ContractParameters {
  locations: ReadonlySet<string>;
  /** Lower case. */
  headers: readonly string[];
}

/**
 * The validator's middleware list with its request-validation step remembering valid GET URLs.
 * Fails at start-up if express-openapi-validator no longer names that step as it did, or if the
 * contract takes parameters neither the URL nor a header carries (cookies).
 */
export function rememberValidQueries(
  validator: RequestHandler[],
  parameters: ContractParameters,
  counts: ValidQueryCounts = { validated: 0, remembered: 0 },
): RequestHandler[] {
  const unkeyed = [...parameters.locations].filter(
    (where) => where !== 'query' && where !== 'path' && where !== 'header',
  );
  if (unkeyed.length > 0)
    throw new Error(
      `the contract has ${unkeyed.join(' and ')} parameters: a GET's URL and headers no longer decide its validation, so http/valid-query-memo.ts must key on them too`,
    );
  const index = validator.findIndex((middleware) => middleware.name === 'requestMiddleware');
  if (index < 0) throw new Error('express-openapi-validator has no requestMiddleware step');
  return validator.map((middleware, i) =>
    i === index ? remembering(middleware, parameters.headers, counts) : middleware,
  );
}

/** What the memo of a validator chain can tell without running it (see validQueriesOf). */
export interface ValidQueries {
  /**
   * Whether this request is a bodiless GET whose Content-Type, URL and header parameters passed
   * request validation before and are still remembered; if so it is kept as recently used, as a
   * remembered GET is. Says nothing of authentication, which the validator checks before.
   */
  passed(req: Request): boolean;
}

const memos = new WeakMap<RequestHandler, ValidQueries>();

/**
 * The memo inside a middleware list made by rememberValidQueries (or a list holding one), for a
 * step that answers before the validator only what the validator would let through
 * (http/unchanged-page-answer.ts). Throws when the list has no remembering step.
 */
export function validQueriesOf(chain: readonly RequestHandler[]): ValidQueries {
  for (const step of chain) {
    const memo = memos.get(step);
    if (memo) return memo;
  }
  throw new Error('this middleware list has no step of rememberValidQueries');
}

/**
 * The memo's key. The Content-Type a bodiless GET declares is part of it (many clients send one on
 * every request): a URL that passed with one type says nothing about another. So are the values of
 * the contract's header parameters (a poller's If-None-Match changes only with the page).
 */
function keyOf(req: Request, headerParameters: readonly string[]): string {
  let url = `${req.headers['content-type'] ?? ''}\n${req.originalUrl}`;
  for (const name of headerParameters) {
    const value = req.headers[name];
    if (value !== undefined) url += `\n${name}: ${String(value)}`;
  }
  return url;
}

function remembering(
  validate: RequestHandler,
  headerParameters: readonly string[],
  counts: ValidQueryCounts,
): RequestHandler {
  const valid = new Map<string, Request['query']>();
  const step: RequestHandler = (req, res, next) => {
    if (!isBodilessGetWithoutPathParameters(req)) return validate(req, res, next);
    const url = keyOf(req, headerParameters);
    const query = valid.get(url);
    if (query) {
      counts.remembered += 1;
      valid.delete(url);
      valid.set(url, query);
      // As the validator leaves it: an own, writable property holding the coerced values.
      Object.defineProperty(req, 'query', {
        value: copyOf(query),
        writable: true,
        configurable: true,
        enumerable: true,
      });
      next();
      return;
    }
    counts.validated += 1;
    return validate(req, res, (error?: unknown) => {
      if (error === undefined) {
        if (valid.size >= REMEMBERED_URLS) valid.delete(valid.keys().next().value as string);
        valid.set(url, copyOf(req.query));
      }
      next(error);
    });
  };
  memos.set(step, {
    passed(req) {
      // Only bodiless GETs are remembered; which operation, and so whether it has path
      // parameters, the URL decides, as it did when the entry was made.
      if (!isBodilessGet(req)) return false;
      const url = keyOf(req, headerParameters);
      const query = valid.get(url);
      if (query === undefined) return false;
      valid.delete(url);
      valid.set(url, query);
      return true;
    },
  });
  return step;
}

/**
 * A copy a handler may change without changing what is remembered. The validator leaves scalars
 * and arrays of scalars (this contract has no object-valued query parameters); anything else is
 * cloned whole. structuredClone alone costs about twenty times as much on every remembered GET.
 */
function copyOf(query: Request['query']): Request['query'] {
  const copy: Request['query'] = {};
  for (const key of Object.keys(query)) copy[key] = copyValue(query[key]) as Request['query'][string];
  return copy;
}

const copyValue = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(copyValue)
    : typeof value === 'object' && value !== null
      ? structuredClone(value)
      : value;

function isBodilessGet(req: Request): boolean {
  if (req.method !== 'GET') return false;
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return false;
  return headers['content-length'] === undefined || headers['content-length'] === '0';
}

function isBodilessGetWithoutPathParameters(req: Request): boolean {
  if (!isBodilessGet(req)) return false;
  const openapi = (req as Request & { openapi?: OpenApiMetadata }).openapi;
  // Outside the contract the validator answers (404/405); path parameters it copies into params.
  if (openapi === undefined) return false;
  if (typeof openapi.pathParams !== 'object' || openapi.pathParams === null)
    throw new Error(
      'express-openapi-validator matched an operation but left no req.openapi.pathParams: http/valid-query-memo.ts must be updated for this version',
    );
  return Object.keys(openapi.pathParams).length === 0;
}
