// The one error middleware, registered last: turns whatever was thrown (our ProblemError, a
// validator error, a body-parser error, anything else) into an RFC 9457 problem response.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ProblemError } from '../core/problem.ts';
import type { Logger } from '../logger.ts';
import { bodyParseError } from './json-body.ts';
import { requestLogger } from './request-context.ts';
import { type OperationContext, toProblemError } from './validator-errors.ts';

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      // Too late for a problem body: let Express end the response.
      next(error);
      return;
    }
    // A body that did not parse explains any validation failure of the emptied body.
    const parseError = bodyParseError(req);
    const reported = parseError && (error as { status?: number }).status === 400 ? parseError : error;
    const problem = toProblemError(reported, {
      operation: (req as { openapi?: { schema?: OperationContext } }).openapi?.schema,
      hasBody:
        Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined,
      body: req.body as unknown,
    });
    if (problem.status >= 500) {
      requestLogger(req, logger).error({ err: error }, 'request failed');
    }
    for (const [name, value] of Object.entries(problem.extras.headers ?? {})) res.setHeader(name, value);
    if (problem.status === 401) {
      // RFC 6750: no error code when the request carried no credentials at all.
      const description = problem.detail.replace(/["\\]/g, "'");
      res.setHeader(
        'WWW-Authenticate',
        req.headers.authorization
          ? `Bearer realm="cckm", error="invalid_token", error_description="${description}"`
          : 'Bearer realm="cckm"',
      );
    }
    // The problem names the request by the ID of its X-Request-Id header (requestContext sets one
    // for every request; should it be missing, the problem's own ID becomes the header).
    const body = problem.toProblem(req.originalUrl, requestIdOf(res));
    res.setHeader('x-request-id', body.request_id);
    // res.json, not res.send: 4xx problems then pass response validation like any other body.
    res.status(problem.status).type('application/problem+json').json(body);
  };
}

function requestIdOf(res: Response): string | undefined {
  const header = res.getHeader('x-request-id');
  return typeof header === 'string' ? header : undefined;
}

/** Requests outside every route: a 404 problem rather than Express's HTML page. */
export function notFoundHandler(): RequestHandler {
  return (req) => {
    throw new ProblemError('not-found', `No resource at ${req.method} ${req.path}`);
  };
}
