// Gives every request an ID (the caller's X-Request-Id when it is sane, else a new UUID), echoed in
// the response, its trace context (a valid W3C traceparent, if it sent one) and its own child
// logger (requestLogger(req)) that carries both; then writes one short access line when the
// response is done: method, path, status, duration, request ID (and trace ID), nothing else. When
// given an observer (metrics), it tells it of every answered request, probes included.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { parseTraceContext, type TraceContext } from '../core/trace-context.ts';
import { fixedFieldsLogger, type Logger } from '../logger.ts';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROBES = new Set(['/healthz', '/readyz']);

/** What an answered request was, for metrics: every label a fixed value, never from the request. */
export interface AnsweredRequest {
  /** The contract's operation ID; else healthz, readyz, contract, docs or unmatched. */
  operation: string;
  method: string;
  status: number;
  seconds: number;
}

export type RequestObserver = (request: AnsweredRequest) => void;

/** Requests outside the contract's operations, by path, as an operation label. */
const OTHER_OPERATIONS = new Map([
  ['/healthz', 'healthz'],
  ['/readyz', 'readyz'],
  ['/api/openapi.json', 'contract'],
  ['/api/openapi.yaml', 'contract'],
  ['/api/docs', 'docs'],
]);

/** `path` is the request's as it came (routers mounted on a path change req.path meanwhile). */
const operationOf = (req: Request, path: string): string =>
  (req as { openapi?: { schema?: { operationId?: string } } }).openapi?.schema?.operationId ??
  OTHER_OPERATIONS.get(path) ??
  'unmatched';

interface RequestMark {
  requestId: string;
  trace: TraceContext | undefined;
}

const marks = new WeakMap<Request, RequestMark>();

/**
 * The request's logger (its request ID, and its trace ID if it has one, bound), or `fallback`
 * before requestContext ran. Made on demand: most requests log nothing but their access line.
 */
export const requestLogger = (req: Request, fallback: Logger): Logger => {
  const mark = marks.get(req);
  if (mark === undefined) return fallback;
  return fallback.child(
    mark.trace ? { requestId: mark.requestId, traceId: mark.trace.traceId } : { requestId: mark.requestId },
  );
};

/** The request's trace context: what its cloud calls, and the job it starts, pass on. */
export const traceOf = (req: Request): TraceContext | undefined => marks.get(req)?.trace;

export function requestContext(logger: Logger, observe?: RequestObserver): RequestHandler {
  // The access line's fields are ours: no redaction (the path is the URL as sent, which redaction
  // by field name could not clean anyway; a trace ID is 32 hex digits once parsed).
  const http = fixedFieldsLogger(logger, { module: 'http' });
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId =
      typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const trace =
      req.headers.traceparent === undefined
        ? undefined
        : parseTraceContext(req.headers.traceparent, req.headers.tracestate);
    res.setHeader('x-request-id', requestId);
    marks.set(req, { requestId, trace });
    const { path } = req;
    const logged = !PROBES.has(path);
    if (logged || observe) {
      // The method as it came: HEAD is answered by the GET route.
      const { method } = req;
      const started = performance.now();
      res.once('finish', () => {
        const status = res.statusCode;
        const ms = performance.now() - started;
        observe?.({ operation: operationOf(req, path), method, status, seconds: ms / 1000 });
        if (!logged) return;
        const line = {
          requestId,
          ...(trace ? { traceId: trace.traceId } : {}),
          method,
          path: req.originalUrl,
          status,
          ms: Math.round(ms * 10) / 10,
        };
        if (status >= 500) http.error(line, 'request');
        else if (status >= 400) http.warn(line, 'request');
        else http.info(line, 'request');
      });
    }
    next();
  };
}
