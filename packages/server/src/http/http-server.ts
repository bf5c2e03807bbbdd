// The HTTP server around the app: timeouts from config, so a slow client cannot hold a
// connection for Node's default five minutes, and the errors Node answers itself (a request it
// cannot parse, headers over 16 KB, a request that timed out) sent as problems like every other.
// Its requests and responses are born with the app's prototypes (see appMessageClasses).

import { once } from 'node:events';
import { createServer, IncomingMessage, type Server, ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import type { Express, RequestHandler } from 'express';
import type { Config } from '../config.ts';
import { ProblemError, type ProblemKind } from '../core/problem.ts';

/**
 * Request and response constructors whose objects have the app's request and response as their
 * prototypes from the start. Express gives every request and response those prototypes itself
 * (app.handle calls Object.setPrototypeOf on both), and on V8 changing the prototype of a live
 * object makes much of what the request then allocates outlive the young generation, so GC takes
 * many times longer (decisions/0084, figures in bench/results/history.md; expressjs/express#5998). Setting a
 * prototype to the one an object already has changes nothing (ECMA-262 OrdinarySetPrototypeOf),
 * so Express's call becomes free.
 *
 * Node's constructors are called on the new object (Reflect.construct with the app's prototype
 * measured slower than Express's own way). They are plain functions in Node.js 20 to 24; should a
 * later one construct differently (a class, which cannot be called so, or one that sets up another
 * object), a probe made here shows it and Node's own constructors are kept.
 */
export function appMessageClasses(
  app: Express,
): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } | undefined {
  const classes = {
    IncomingMessage: bornWith(app.request, IncomingMessage),
    ServerResponse: bornWith(app.response, ServerResponse),
  };
  try {
    const request = new classes.IncomingMessage(null as never);
    const response = new classes.ServerResponse(request);
    const made =
      Object.getPrototypeOf(request) === app.request &&
      Object.getPrototypeOf(response) === app.response &&
      typeof request.headers === 'object' &&
      request.readable !== undefined &&
      response.statusCode === 200 &&
      typeof response.getHeaders() === 'object';
    return made ? classes : undefined;
  } catch {
    return undefined;
  }
}

/** A constructor of objects with `prototype`, set up by Node's `nodeConstructor` called on them. */
function bornWith<T>(prototype: object, nodeConstructor: T): T {
  const initialise = nodeConstructor as unknown as (this: unknown, ...args: unknown[]) => void;
  function Born(this: unknown, ...args: unknown[]) {
    initialise.apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}

export function createHttpServer(app: Express, settings: Config['http']): Server {
  const server = createServer(
    {
      ...appMessageClasses(app),
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // Node's own check answers a bare 400 with no body; the app makes it (requireHost).
      requireHostHeader: false,
    },
    app,
  );
  server.on('clientError', answerClientError);
  // CONNECT never reaches the app (Node closes the socket when nobody listens): answer it.
  server.on('connect', (_req, socket: Socket) =>
    answer(socket, new ProblemError('method-not-allowed', 'CONNECT is not a method of this API')),
  );
  // An Expect other than 100-continue: RFC 9110 lets a server ignore it, and so the request is
  // answered like any other (Node's default is a bare 417 with no problem body).
  server.on('checkExpectation', (req, res) => app(req, res));
  return server;
}

/**
 * An HTTP/1.1 request must carry Host (RFC 9112, 3.2): without one it is a 400 problem like any
 * other malformed request (Node's own check, turned off in createHttpServer, sent no body).
 */
export function requireHost(): RequestHandler {
  return (req, _res, next) => {
    if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor >= 1)
      next(
        new ProblemError('validation-failed', 'An HTTP/1.1 request must have a Host header', {
          errors: [{ path: '/headers/host', message: 'is required' }],
        }),
      );
    else next();
  };
}

/** A port held before the app exists (bindPort). */
export interface BoundPort {
  /** The port held: the one asked for, or the one picked for 0. */
  port: number;
  /** Serves `app` there from now on; connections made since the bind are served too. */
  serve(app: Express, settings: Config['http']): Server;
  /** Gives the port up unused (start-up failed). */
  close(): Promise<void>;
}

/** The port is taken (by another instance, or another program). */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/**
 * Holds host:port before anything else starts, so a start that cannot have its port fails before
 * it touches a database or the demo data another instance uses (issue 24, defect 9: a second
 * `pnpm start` rewrote the shared database's connection URLs, then failed on the port). Connections
 * made before `serve` wait, paused; `serve` hands the listening socket to the app's server (Node's
 * `listen(handle)`, where a handle is "anything with an underlying _handle", such as a server).
 */
export async function bindPort(port: number, host: string): Promise<BoundPort> {
  const holder = createNetServer({ pauseOnConnect: true });
  const waiting: Socket[] = [];
  const wait = (socket: Socket) => waiting.push(socket);
  holder.on('connection', wait);
  try {
    await new Promise<void>((resolve, reject) => {
      holder.once('error', reject).listen(port, host, () => {
        holder.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE')
      throw new PortInUseError(
        `port ${port} of ${host} is in use: is another CCKM server (or pnpm start) running? Stop it, or choose another port`,
      );
    throw error;
  }
  return {
    port: (holder.address() as AddressInfo).port,
    serve(app, settings) {
      const server = createHttpServer(app, settings).listen(holder);
      holder.off('connection', wait);
      // Once listening, the server tracks its connections (closeAllConnections): hand them over then.
      server.once('listening', () => {
        for (const socket of waiting.splice(0)) {
          server.emit('connection', socket);
          socket.resume();
        }
      });
      return server;
    },
    async close() {
      for (const socket of waiting.splice(0)) socket.destroy();
      await new Promise((resolve) => holder.close(resolve));
    },
  };
}

export interface Listening {
  server: Server;
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** Stops listening at once, ending open connections too. */
  close(): Promise<void>;
}

/** The app on `host:port` (0: a free port), for tests, embedding and benchmarks. */
export async function listen(
  app: Express,
  settings: Config['http'],
  port = 0,
  host = '127.0.0.1',
): Promise<Listening> {
  const server = createHttpServer(app, settings).listen(port, host);
  await once(server, 'listening');
  return {
    server,
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const PARSER_ERRORS: Record<string, [ProblemKind, string]> = {
  HPE_HEADER_OVERFLOW: ['request-header-fields-too-large', 'The request headers are larger than 16 KB'],
  ERR_HTTP_REQUEST_TIMEOUT: ['request-timeout', 'The request was not received in time'],
  ERR_HTTP_HEADERS_TIMEOUT: ['request-timeout', 'The request headers were not received in time'],
};

function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [kind, detail] = PARSER_ERRORS[error.code ?? ''] ?? [
    'validation-failed',
    'The request is not valid HTTP/1.1 (request line, method or headers)',
  ];
  // A validation-failed problem always names where (the contract requires errors[]): the request.
  const extras =
    kind === 'validation-failed' ? { errors: [{ path: '', message: 'is not valid HTTP/1.1' }] } : {};
  answer(socket, new ProblemError(kind, detail, extras));
}

/** Writes `error` as a problem on a socket that never reached the app, then closes it. */
function answer(socket: Socket, error: ProblemError): void {
  const problem = error.toProblem('');
  const { instance: _none, ...body } = problem;
  const text = JSON.stringify(body);
  socket.end(
    [
      `HTTP/1.1 ${problem.status} ${problem.title}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(text)}`,
      `X-Request-Id: ${body.request_id}`,
      'Connection: close',
      '',
      text,
    ].join('\r\n'),
  );
}
