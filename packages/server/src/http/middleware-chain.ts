// Several middlewares run as one Express layer, in order, for use with app.use or router.use
// (not as a route's handler). Express's router allocates for every layer a request passes (a path
// match, params, closures), and that garbage lives as long as the request does; a chain adds one
// closure per request, and a promise reaction per step that returns a promise. What leaves a step
// (an error passed to next, thrown, or rejected by a returned promise; 'router') leaves the chain
// for Express, as it would have left that step's own layer; 'route' outside a route means "go on"
// to Express's router, and so here too. Steps should call the next they are given: req.next is
// still Express's own, and a step that used it would skip the rest of the chain.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function inOneLayer(handlers: readonly RequestHandler[]): RequestHandler {
  const steps = [...handlers];
  // Express passes errors only to handlers of four parameters and skips them otherwise.
  const errorHandler = steps.find((step) => step.length > 3);
  if (errorHandler)
    throw new TypeError(
      `inOneLayer runs request handlers only; ${errorHandler.name || 'one'} is an error handler`,
    );
  return function middlewareChain(req: Request, res: Response, done: NextFunction) {
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
        // As Express's router does: a promise rejected with nothing, or with a falsy value, is an error too.
        if (returned instanceof Promise)
          returned.catch((error: unknown) => done(error || new Error('Rejected promise')));
      } catch (error) {
        done(error);
      }
    };
    next();
  };
}
