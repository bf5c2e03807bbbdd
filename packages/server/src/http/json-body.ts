// JSON body parsing that lets authentication speak first: a body that does not parse is remembered,
// not thrown, so the validator's security check still answers 401 to an unauthenticated caller.
// The remembered error is thrown right after the validator (or reported by the problem handler
// if validation fails on the emptied body first).
import express, { type Request, type RequestHandler } from 'express';

const unparsable = new WeakMap<Request, unknown>();

export function parseJsonBody(): RequestHandler {
  const parse = express.json({ type: ['application/json', 'application/*+json'], limit: '100kb' });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.parse.failed') {
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

/** Placed after the validator: a request whose body did not parse goes no further. */
export function rejectUnparsableBody(): RequestHandler {
  return (req, _res, next) => {
    next(unparsable.get(req));
  };
}
