// Cross-origin access for browser apps: the origins config allows (CORS_ORIGINS; the dev profile
// adds localhost and 127.0.0.1 on any port) get CORS headers, preflights are answered before the
// contract validator (which knows no OPTIONS), and a refused origin gets no CORS header at all.
// Bearer tokens travel in a header, never in cookies, so credentials are never allowed and the
// allowed origin is always named, never `*`.
import cors from 'cors';
import type { RequestHandler } from 'express';
import type { Config } from '../config.ts';

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

export function crossOrigin(settings: Config['cors']): RequestHandler {
  const allowed = new Set(settings.origins);
  const handle = cors({
    origin: (origin, callback) => {
      callback(
        null,
        origin !== undefined && (allowed.has(origin) || (settings.allowLocal && LOCAL_ORIGIN.test(origin))),
      );
    },
    methods: ['GET', 'POST', 'PATCH'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Prefer', 'If-None-Match'],
    exposedHeaders: ['Location', 'X-Request-Id', 'WWW-Authenticate', 'ETag'],
    credentials: false,
    maxAge: 600,
  });
  // Without an Origin header the origin check below refuses, and cors then adds nothing: skip its
  // per-request option merging (about 3% of a GET's CPU) for the servers and scripts that send none.
  return (req, res, next) => {
    if (req.headers.origin === undefined) next();
    else handle(req, res, next);
  };
}
