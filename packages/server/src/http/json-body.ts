// JSON body parsing that lets authentication speak first: a body that cannot be read (bad JSON, an
// unsupported charset or Content-Encoding, a body that does not inflate, one over the limit) is
// remembered, not thrown, so the validator's security check still answers 401 to an
// unauthenticated caller.
// The remembered error is thrown right after the validator (or reported by the problem handler
// if validation fails on the emptied body first).
import express, { type Request, type RequestHandler } from 'express';
import { ProblemError } from '../core/problem.ts';

const unparsable = new WeakMap<Request, unknown>();

/** The largest request body read, in bytes. */
export const BODY_LIMIT_BYTES = 100 * 1024;

/** body-parser's errors carry the status it would answer; 4xx ones are the client's doing. */
const isClientBodyError = (error: unknown) => {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/**
 * The charset a JSON body declares, when it is not UTF-8. JSON between systems is UTF-8 (RFC 8259);
 * body-parser would also decode UTF-7, UTF-16 and UTF-32, and so act on bytes that a proxy checking
 * UTF-8 reads differently.
 */
function foreignCharset(contentType: string | undefined): string | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  return charset && charset !== 'utf-8' && charset !== 'utf8' ? charset : undefined;
}

export function parseJsonBody(): RequestHandler {
  const parse = express.json({ type: ['application/json', 'application/*+json'], limit: BODY_LIMIT_BYTES });
  return (req, res, next) => {
    const charset = foreignCharset(req.headers['content-type']);
    if (charset) {
      // Remembered like any unreadable body (reported after authentication); the body is not read.
      unparsable.set(
        req,
        Object.assign(new Error(`unsupported charset "${charset}"`), {
          status: 415,
          type: 'charset.unsupported',
          charset,
        }),
      );
      req.body = {};
      next();
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (isClientBodyError(error)) {
        unparsable.set(req, error);
        req.body = {};
        next();
        return;
      }
      next(error);
    });
  };
}

/** The parse error of this request's body, if it had one. */
export function bodyParseError(req: Request): unknown {
  return unparsable.get(req);
}

/**
 * Placed after the validator, which has matched the operation (`req.openapi`): a body sent to an
 * operation that takes none (delete-backup) is refused like an unknown body field, since request
 * bodies are closed (decision 0003), rather than silently ignored.
 */
export function rejectBodyWhereNoneIsTaken(): RequestHandler {
  return (req, _res, next) => {
    // express-openapi-validator sets `requestBody: null` where the contract has none.
    const operation = (req as { openapi?: { schema?: { requestBody?: unknown } } }).openapi?.schema;
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (operation && !operation.requestBody && hasBody) {
      next(
        new ProblemError('validation-failed', 'This operation takes no body: send the request without one', {
          errors: [{ path: '/body', message: 'must be absent: this operation takes no body' }],
        }),
      );
      return;
    }
    next();
  };
}

/** Placed after the validator: a request whose body did not parse goes no further. */
export function rejectUnparsableBody(): RequestHandler {
  return (req, _res, next) => {
    next(unparsable.get(req));
  };
}

/**
 * Refuses a body whose declared length is over the limit before reading any of it, and closes the
 * connection after the answer, so a client announcing a gigabyte is not waited on.
 */
export function rejectOversizedBody(): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > BODY_LIMIT_BYTES) {
      res.setHeader('Connection', 'close');
      next(
        new ProblemError('validation-failed', `The body is larger than ${BODY_LIMIT_BYTES} bytes`, {
          errors: [{ path: '/body', message: 'is too large' }],
        }),
      );
      return;
    }
    next();
  };
}
