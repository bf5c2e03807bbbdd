// Request validation of a bodiless GET depends on its URL and its declared Content-Type alone: no
// header parameters in this contract, and the caller's identity is checked before. Clients poll
// the same URLs over and over (a job list, a filter by job ID), so the outcome is remembered: a
// URL that passed (with that Content-Type, or none) is served its validated, type-coerced query
// again without running the validator (about a sixth of a GET's CPU). Nothing is validated less:
// the same type and URL always give the same result, and only those that passed are remembered;
// any other request is validated as before.
import type { Request, RequestHandler } from 'express';

/** Distinct valid URLs remembered (least recently used forgotten first). */
const REMEMBERED_URLS = 1_000;

interface OpenApiMetadata {
  pathParams?: Record<string, string>;
}

/**
 * The validator's middleware list with its request-validation step remembering valid GET URLs.
 * Fails at start-up if express-openapi-validator no longer names that step as it did.
 */
export function rememberValidQueries(validator: RequestHandler[]): RequestHandler[] {
  const index = validator.findIndex((middleware) => middleware.name === 'requestMiddleware');
  if (index < 0) throw new Error('express-openapi-validator has no requestMiddleware step');
  return validator.map((middleware, i) => (i === index ? remembering(middleware) : middleware));
}

function remembering(validate: RequestHandler): RequestHandler {
  const valid = new Map<string, Request['query']>();
  return (req, res, next) => {
    if (!isBodilessGetWithoutPathParameters(req)) return validate(req, res, next);
    // The Content-Type a bodiless GET declares is part of the key (many clients send one on every
    // request): a URL that passed with one type says nothing about another.
    const url = `${req.headers['content-type'] ?? ''}\n${req.originalUrl}`;
    const query = valid.get(url);
    if (query) {
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
    return validate(req, res, (error?: unknown) => {
      if (error === undefined) {
        if (valid.size >= REMEMBERED_URLS) valid.delete(valid.keys().next().value as string);
        valid.set(url, copyOf(req.query));
      }
      next(error);
    });
  };
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

function isBodilessGetWithoutPathParameters(req: Request): boolean {
  if (req.method !== 'GET') return false;
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return false;
  if (headers['content-length'] !== undefined && headers['content-length'] !== '0') return false;
  const openapi = (req as Request & { openapi?: OpenApiMetadata }).openapi;
  // Outside the contract the validator answers (404/405); path parameters it copies into params.
  if (!openapi?.pathParams || Object.keys(openapi.pathParams).length > 0) return false;
  return true;
}
