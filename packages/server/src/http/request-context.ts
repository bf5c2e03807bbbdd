// Gives every request an ID (the caller's X-Request-Id when it is sane, else a new UUID), echoed in
// the response, and its own child logger (requestLogger(req)) that carries it; then writes one short access
// line when the response is done: method, path, status, duration, request ID, nothing else.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { fixedFieldsLogger, type Logger } from '../logger.ts';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROBES = new Set(['/healthz', '/readyz']);

const requestIds = new WeakMap<Request, string>();

/**
 * The request's logger (its request ID bound), or `fallback` before requestContext ran. Made on
 * demand: most requests log nothing but their access line.
 */
export const requestLogger = (req: Request, fallback: Logger): Logger => {
  const requestId = requestIds.get(req);
  return requestId === undefined ? fallback : fallback.child({ requestId });
};

export function requestContext(logger: Logger): RequestHandler {
  // The access line's fields are ours: no redaction (the path is the URL as sent, which redaction
  // by field name could not clean anyway).
  const http = fixedFieldsLogger(logger, { module: 'http' });
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    requestIds.set(req, requestId);
    if (!PROBES.has(req.path)) {
      const started = performance.now();
      res.once('finish', () => {
        const status = res.statusCode;
        const line = {
          requestId,
          method: req.method,
          path: req.originalUrl,
          status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        };
        if (status >= 500) http.error(line, 'request');
        else if (status >= 400) http.warn(line, 'request');
        else http.info(line, 'request');
      });
    }
    next();
  };
}
