// Middlewares run as one layer behave as they did in layers of their own: in order, and whatever
// leaves a step (an error passed on, thrown or rejected; 'router') leaves the chain for Express.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { afterEach, describe, expect, test } from 'vitest';
import { inOneLayer } from '../../src/http/middleware-chain.ts';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** Runs the handlers as one layer before a route and an error handler; answers what each saw. */
async function call(handlers: RequestHandler[]) {
  const app = express();
  const seen: string[] = [];
  app.use((req, _res, next) => {
    (req as unknown as { seen: string[] }).seen = seen;
    next();
  });
  app.use(inOneLayer(handlers));
  app.get('/', (_req, res) => {
    seen.push('route');
    res.json(seen);
  });
  app.use(((error, _req, res, _next) => {
    seen.push(`error ${(error as Error).message}`);
    res.status(418).json(seen);
  }) satisfies ErrorRequestHandler);
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/`);
  await response.arrayBuffer();
  return { status: response.status, seen };
}

const mark =
  (name: string): RequestHandler =>
  (req, _res, next) => {
    (req as unknown as { seen: string[] }).seen.push(name);
    next();
  };

describe('inOneLayer', () => {
  test('when every step goes on, then they run in order and Express goes on to the route', async () => {
    expect(await call([mark('a'), mark('b'), mark('c')])).toEqual({
      status: 200,
      seen: ['a', 'b', 'c', 'route'],
    });
  });

  test('when a step passes an error on, then the steps after it are skipped for the error handler', async () => {
    const failing: RequestHandler = (_req, _res, next) => next(new Error('passed'));
    expect(await call([mark('a'), failing, mark('c')])).toEqual({
      status: 418,
      seen: ['a', 'error passed'],
    });
  });

  test('when a step throws, then the error handler gets what it threw', async () => {
    const throwing: RequestHandler = () => {
      throw new Error('thrown');
    };
    expect(await call([throwing, mark('b')])).toEqual({ status: 418, seen: ['error thrown'] });
  });

  test('when a step returns a promise that rejects, then the error handler gets the reason', async () => {
    const rejecting: RequestHandler = async () => {
      throw new Error('rejected');
    };
    expect(await call([mark('a'), rejecting, mark('c')])).toEqual({
      status: 418,
      seen: ['a', 'error rejected'],
    });
  });

  test('when a step returns a promise rejected with a falsy value, then it is still an error', async () => {
    const rejecting: RequestHandler = () => Promise.reject(false);
    expect(await call([rejecting, mark('b')])).toEqual({ status: 418, seen: ['error Rejected promise'] });
  });

  test("when a step says 'router', then the rest of the chain and the app's router are left", async () => {
    const leave: RequestHandler = (_req, _res, next) => next('router');
    // Leaving the app's router ends in Express's final handler (404): nothing else ran.
    expect(await call([mark('a'), leave, mark('c')])).toEqual({ status: 404, seen: ['a'] });
  });

  test('when an error handler is given, then the chain refuses it at once', () => {
    const errorHandler = ((_error: unknown, _req: unknown, _res: unknown, next: () => void) =>
      next()) as unknown as RequestHandler;
    expect(() => inOneLayer([mark('a'), errorHandler])).toThrow(/error handler/);
  });

  test("when a step says 'route', then the chain goes on as Express's router would", async () => {
    const route: RequestHandler = (_req, _res, next) => next('route');
    expect(await call([route, mark('b')])).toEqual({ status: 200, seen: ['b', 'route'] });
  });

  test('when the list is empty, then Express goes on at once', async () => {
    expect(await call([])).toEqual({ status: 200, seen: ['route'] });
  });
});
