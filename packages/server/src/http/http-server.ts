// The HTTP server around the app: timeouts from config, so a slow client cannot hold a
// connection for Node's default five minutes, and the errors Node answers itself (a request it
// cannot parse, headers over 16 KB, a request that timed out) sent as problems like every other.

import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Express } from 'express';
import type { Config } from '../config.ts';
import { ProblemError, type ProblemKind } from '../core/problem.ts';

export function createHttpServer(app: Express, settings: Config['http']): Server {
  const server = createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
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
  answer(socket, new ProblemError(kind, detail));
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
