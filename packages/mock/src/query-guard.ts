// The one refusal Prism cannot be told about: an unknown query parameter. OpenAPI has no way to
// close a query string, and Prism validates only the parameters an operation declares, so
// `?limt=5` would be answered 200 by the mock while the server answers 400. This small front,
// in the mock's own process, answers such a request with the operation's 400 example (what
// Prism itself answers for any other invalid request) and passes everything else through to
// Prism untouched.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { ContractDocument, ContractExample } from '@cckm/api-types';
import { contractOperations } from '@cckm/api-types';

/** Prism's own query switches (`__code`, `__example`, `__dynamic`) are not the contract's. */
const PRISM_SWITCHES = new Set(['__code', '__example', '__dynamic']);

interface GuardedOperation {
  method: string;
  path: RegExp;
  queryNames: ReadonlySet<string>;
  refusal: unknown;
}

/** Each operation of the (mock) document: its path as a pattern, its query names, its 400 example. */
export function guardedOperations(document: ContractDocument): GuardedOperation[] {
  const parameters = (document.components.parameters ?? {}) as Record<string, { name: string; in: string }>;
  const responses = (document.components.responses ?? {}) as Record<string, unknown>;
  const resolve = <T>(node: T & { $ref?: string }, table: Record<string, unknown>): T =>
    (node.$ref ? table[node.$ref.split('/').pop() as string] : node) as T;
  return contractOperations(document).map(({ path, method, operation }) => {
    const declared = ((operation.parameters ?? []) as { $ref?: string; name: string; in: string }[])
      .map((parameter) => resolve(parameter, parameters))
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => parameter.name);
    const badRequest = resolve(
      (operation.responses['400'] ?? {}) as {
        content?: Record<string, { examples?: Record<string, ContractExample>; $ref?: string }>;
      },
      responses,
    );
    const example = Object.values(badRequest.content?.['application/problem+json']?.examples ?? {})[0];
    const refusal = example ? resolve(example, document.components.examples).value : undefined;
    const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return {
      method: method.toUpperCase(),
      path: new RegExp(`^${pattern}$`),
      queryNames: new Set(declared),
      refusal,
    };
  });
}

/** The unknown query names of a request to a known operation, with its refusal; undefined otherwise. */
export function unknownQuery(
  operations: readonly GuardedOperation[],
  method: string,
  url: URL,
): { names: string[]; refusal: unknown } | undefined {
  const operation = operations.find(
    (candidate) => candidate.method === method && candidate.path.test(url.pathname),
  );
  if (!operation || operation.refusal === undefined) return undefined;
  const names = [...new Set(url.searchParams.keys())].filter(
    (name) => !operation.queryNames.has(name) && !PRISM_SWITCHES.has(name),
  );
  return names.length > 0 ? { names, refusal: operation.refusal } : undefined;
}

/** Listens on host:port and forwards to Prism at `upstream` (an origin), refusing unknown query keys. */
export async function startQueryGuard(options: {
  document: ContractDocument;
  upstream: string;
  host: string;
  port: number;
}): Promise<Server> {
  const operations = guardedOperations(options.document);
  const target = new URL(options.upstream);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    // Unauthenticated requests go to Prism, which answers 401 first, as the server does.
    const unknown = /^Bearer\s/i.test(req.headers.authorization ?? '')
      ? unknownQuery(operations, req.method ?? 'GET', url)
      : undefined;
    if (unknown) {
      req.resume();
      const body = JSON.stringify(unknown.refusal);
      res.writeHead(400, {
        'Content-Type': 'application/problem+json',
        'Content-Length': Buffer.byteLength(body),
        'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      });
      res.end(body);
      return;
    }
    const forwarded = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
