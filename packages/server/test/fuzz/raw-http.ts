// Sends one fuzz request as bytes, not through a typed client: node:http for everything it can
// express (any token method, latin-1 header values, any declared Content-Length), and a plain
// TCP socket for what node:http refuses to send (control characters in headers, methods that are
// not tokens, a body shorter than its declared length). Every request has a deadline, so a server
// that never answers is a recorded outcome ("no answer"), not a hung test.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

export interface FuzzRequest {
  /** Which family of the suite built it (for counts and failure reports). */
  family: string;
  method: string;
  /** Path below the API root (`/v1/...`), percent-encoded, with its query string. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Write the request byte for byte over a socket (headers node:http would refuse). */
  raw?: boolean;
  /** The statuses the contract allows for this request, when the family knows them. */
  expectStatus?: readonly number[];
  /** Why those statuses (shown when another one comes back). */
  expectation?: string;
}

export interface FuzzResponse {
  /** HTTP status, or 0 when no response arrived (see `failure`). */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Why there is no response: a socket error or the deadline. */
  failure?: string;
  elapsedMs: number;
}

export interface RawHttp {
  /** Sends one request; `timeoutMs` overrides the sender's deadline for it. */
  send(request: FuzzRequest, timeoutMs?: number): Promise<FuzzResponse>;
  close(): void;
}

/** A sender bound to the server at `baseUrl` (`http://127.0.0.1:<port>/api`). */
export function rawHttp(baseUrl: string, options: { timeoutMs?: number } = {}): RawHttp {
  const url = new URL(baseUrl);
  const prefix = url.pathname.replace(/\/$/, '');
  const defaultTimeoutMs = options.timeoutMs ?? 10_000;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const target = { host: url.hostname, port: Number(url.port) };

  return {
    send(request, timeoutMs = defaultTimeoutMs) {
      const path = `${prefix}${request.path}`;
      const fuzz = withFraming(request);
      return fuzz.raw
        ? sendOverSocket(target, path, fuzz, timeoutMs)
        : sendWithNodeHttp(agent, target, path, fuzz, timeoutMs);
    },
    close() {
      agent.destroy();
    },
  };
}

/**
 * A body goes with a Content-Length unless the request sets its own framing: node:http sends the
 * body of a GET or DELETE unframed, which the server would read as a second, garbage request.
 */
function withFraming(fuzz: FuzzRequest): FuzzRequest {
  if (fuzz.body === undefined) return fuzz;
  const names = Object.keys(fuzz.headers).map((name) => name.toLowerCase());
  if (names.includes('content-length') || names.includes('transfer-encoding')) return fuzz;
  return { ...fuzz, headers: { ...fuzz.headers, 'content-length': String(Buffer.byteLength(fuzz.body)) } };
}

function sendWithNodeHttp(
  agent: Agent,
  target: { host: string; port: number },
  path: string,
  fuzz: FuzzRequest,
  timeoutMs: number,
  retried = false,
): Promise<FuzzResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response: Omit<FuzzResponse, 'elapsedMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...response, elapsedMs: performance.now() - started });
    };
    const fail = (failure: string) => finish({ status: 0, headers: {}, body: '', failure });
    let req: ReturnType<typeof request>;
    try {
      req = request({ ...target, agent, method: fuzz.method, path, headers: fuzz.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => fail(`response error: ${error.message}`));
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
    } catch (error) {
      // node:http refused to build it: the generator made something only `raw` can send.
      resolve({
        status: 0,
        headers: {},
        body: '',
        failure: `not sendable with node:http: ${(error as Error).message}`,
        elapsedMs: 0,
      });
      return;
    }
    const timer = setTimeout(() => {
      fail(`no answer within ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: Error & { code?: string }) => {
      // The race Node's docs describe: the server closed an idle keep-alive socket just as this
      // request went out on it. Retried once on a fresh socket; a reset there is an outcome.
      if (!retried && req.reusedSocket && error.code === 'ECONNRESET' && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(sendWithNodeHttp(agent, target, path, fuzz, timeoutMs, true));
        return;
      }
      fail(`request error: ${error.message}`);
    });
    if (fuzz.body === undefined) req.end();
    else req.end(fuzz.body);
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Writes the request verbatim (latin-1 headers) with `Connection: close` and parses the answer. */
function sendOverSocket(
  target: { host: string; port: number },
  path: string,
  fuzz: FuzzRequest,
  timeoutMs: number,
): Promise<FuzzResponse> {
  const started = performance.now();
  const body = fuzz.body === undefined ? undefined : Buffer.from(fuzz.body);
  const lines = [`${fuzz.method} ${path} HTTP/1.1`, `Host: ${target.host}:${target.port}`];
  for (const [name, value] of Object.entries(fuzz.headers)) lines.push(`${name}: ${value}`);
  if (!Object.keys(fuzz.headers).some((name) => name.toLowerCase() === 'connection')) {
    lines.push('Connection: close');
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect(target);
    const finish = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseResponse(Buffer.concat(chunks));
      resolve({
        ...(parsed ?? { status: 0, headers: {}, body: '' }),
        ...(parsed ? {} : { failure: failure ?? 'connection closed without a response' }),
        elapsedMs: performance.now() - started,
      });
    };
    const timer = setTimeout(() => finish(`no answer within ${timeoutMs} ms`), timeoutMs);
    socket.on('connect', () => {
      socket.write(head);
      if (body) socket.write(body);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) finish();
    });
    socket.on('error', (error) => finish(`socket error: ${error.message}`));
    socket.on('close', () => finish());
  });
}

interface ParsedHead {
  status: number;
  headers: Record<string, string>;
  bodyStart: number;
}

function parseHead(bytes: Buffer): ParsedHead | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
  }
  return { status, headers, bodyStart: end + 4 };
}

function isComplete(bytes: Buffer): boolean {
  const head = parseHead(bytes);
  if (!head) return false;
  const length = head.headers['content-length'];
  if (length !== undefined) return bytes.length - head.bodyStart >= Number(length);
  if (/chunked/i.test(head.headers['transfer-encoding'] ?? '')) return bytes.includes('\r\n0\r\n\r\n');
  return false;
}

function parseResponse(bytes: Buffer): Omit<FuzzResponse, 'elapsedMs'> | undefined {
  const head = parseHead(bytes);
  if (!head || head.status === 0) return undefined;
  let body = bytes.subarray(head.bodyStart);
  if (/chunked/i.test(head.headers['transfer-encoding'] ?? '')) body = dechunk(body);
  return { status: head.status, headers: head.headers, body: body.toString('utf8') };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(bytes.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
