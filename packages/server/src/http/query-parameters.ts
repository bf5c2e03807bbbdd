// What express-openapi-validator lets through in a query string, checked on the raw text:
// unknown parameters in any spelling (its parsing reads `limit[constructor]=5000` or
// `foo[__proto__]=1` as something else), and integers that are not written as integers (Ajv's
// coercion takes `Infinity` for an integer and leaves the text in req.query).
import type { ProblemFieldError } from '@cckm/api-types';
import type { RequestHandler } from 'express';
import { ProblemError } from '../core/problem.ts';
import { QUERY_PARAMETERS, type QueryParameter } from './contract.ts';

/** What a client writes for an integer; at most 16 digits, so the value is exact in a double. */
const DECIMAL_INTEGER = /^-?[0-9]{1,16}$/;

/** A query key as one JSON-pointer token (RFC 6901). */
const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Placed before the validator: keys in bracket notation (`organizations[a]=x`) name no parameter
 * of the contract, and the validator's query parsing turns them into objects it then fails on. They
 * are taken out of the URL the validator reads (`req.url`) and reported by checkRawQuery, which
 * reads the untouched `req.originalUrl`, after authentication.
 */
export function hideBracketedQueryKeys(): RequestHandler {
  return (req, _res, next) => {
    const queryStart = req.url.indexOf('?');
    if (queryStart >= 0 && /[[\]]|%5[bd]/i.test(req.url.slice(queryStart))) {
      const query = new URLSearchParams(req.url.slice(queryStart + 1));
      for (const key of [...query.keys()]) if (/[[\]]/.test(key)) query.delete(key);
      const rest = query.toString();
      req.url = `${req.url.slice(0, queryStart)}${rest ? `?${rest}` : ''}`;
    }
    next();
  };
}

/** Placed after the validator, which has matched the operation (`req.openapi`). */
export function checkRawQuery(): RequestHandler {
  return (req, _res, next) => {
    const operationId = (req as { openapi?: { schema?: { operationId?: string } } }).openapi?.schema
      ?.operationId;
    const queryStart = req.originalUrl.indexOf('?');
    if (!operationId || queryStart < 0) {
      next();
      return;
    }
    const declared = QUERY_PARAMETERS.get(operationId) ?? new Map<string, QueryParameter>();
    const query = new URLSearchParams(req.originalUrl.slice(queryStart + 1));
    const errors: ProblemFieldError[] = [];
    for (const key of new Set(query.keys())) {
      const parameter = declared.get(key);
      if (!parameter) {
        errors.push({ path: `/query/${pointerToken(key)}`, message: 'is not a parameter of this operation' });
      } else if (parameter.integer && query.getAll(key).some((value) => !DECIMAL_INTEGER.test(value))) {
        errors.push({ path: `/query/${key}`, message: 'must be an integer written in decimal digits' });
      }
    }
    if (errors.length === 0) {
      next();
      return;
    }
    const takes =
      declared.size > 0
        ? `this operation takes ${[...declared.keys()].join(', ')}`
        : 'this operation takes none';
    const detail = errors
      .map((error) => `query.${error.path.slice('/query/'.length)} ${error.message}`)
      .join('; ');
    next(new ProblemError('validation-failed', `${detail} (${takes})`, { errors }));
  };
}
