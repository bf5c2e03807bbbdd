// Several middlewares run as one Express layer, in order. Express's router allocates for every
// layer a request passes (a path match, params, closures): over the dozen steps before a route it
// was the largest share of a GET's garbage, and garbage that lives while the request does, so the
// young-generation collector copies it. Here a request costs one closure. What leaves a step
// (an error passed to next, thrown, or rejected by a returned promise; 'router') leaves the chain
// for Express, as it would have left that step's own layer; 'route' outside a route means "go on"
// to Express's router, and so here too.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function inOneLayer(handlers: readonly RequestHandler[]): RequestHandler {
  const steps = [...handlers];
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const next = (signal?: unknown) => {
      if (signal && signal !== 'route') {
        done(signal);
        return;
      }
      const handler = steps[index];
      index += 1;
      if (handler === undefined) {
        done();
        return;
      }
      try {
        const returned: unknown = handler(req, res, next);
        if (returned instanceof Promise)
          returned.catch((error: unknown) => done(error ?? new Error('Rejected promise')));
      } catch (error) {
        done(error);
      }
    };
    next();
  };
}
