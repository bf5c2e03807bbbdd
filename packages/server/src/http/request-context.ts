// Gives every request an ID (the caller's X-Request-Id when it is sane, else a new UUID), echoed in
// the response, and its own child logger (requestLogger(req)) that carries it; then writes one short access
// line when the response is done: method, path, status, duration, request ID, nothing else.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROBES = new Set(['/healthz', '/readyz']);

const loggers = new WeakMap<Request, Logger>();

/** The request's logger (its request id bound), or `fallback` before requestContext ran. */
export const requestLogger = (req: Request, fallback: Logger): Logger => loggers.get(req) ?? fallback;

export function requestContext(logger: Logger): RequestHandler {
  const http = logger.child({ module: 'http' });
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    const log = http.child({ requestId });
    loggers.set(req, log);
    if (!PROBES.has(req.path)) {
      const started = performance.now();
      res.once('finish', () => {
        const status = res.statusCode;
        const line = {
          method: req.method,
          path: req.originalUrl,
          status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        };
        if (status >= 500) log.error(line, 'request');
        else if (status >= 400) log.warn(line, 'request');
        else log.info(line, 'request');
      });
    }
    next();
  };
}
