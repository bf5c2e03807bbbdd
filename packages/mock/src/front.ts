// The mock's front: the server's own request checks with Prism where the server has its features.
// It listens on the public port and runs every step the server runs before its routes
// (createContractApp from @cckm/server: request ID, Host, CORS, the contract validator with
// authentication, the body and query checks, the 404, 405 and problem handler), so a request the
// server refuses gets the server's status, problem type and errors[] here too, built from the
// request. Tokens are checked for what any server would refuse (tokens.ts), not for a signature.
// A request that passes goes to Prism on a private port, with its `Prefer` checked first
// (prefer.ts) and its `Accept` dropped (the server answers JSON whatever it says; decision 0096).
// Prism's answer comes back with the request's own `instance`, `request_id` and, for a 401, the
// server's `WWW-Authenticate`; with `--dynamic` its success bodies are made to fit the request
// (dynamic.ts).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ContractOperation, contractOperations, openapiDocument } from '@cckm/api-types';
import {
  createContractApp,
  createLogger,
  entityTag,
  type Identity,
  type Listening,
  listen,
  noneMatchNames,
  ProblemError,
  type ProblemKind,
} from '@cckm/server';
import type { Request, RequestHandler, Response } from 'express';
import { shapeGenerated } from './dynamic.ts';
import { DEMO_DOMAIN_ID } from './mock-token.ts';
import { checkPreferences, formatPrefer, parsePrefer } from './prefer.ts';
import { verifyMockToken } from './tokens.ts';

export interface MockFrontOptions {
  /** Prism's origin (http://127.0.0.1:<private port>). */
  prismOrigin: string;
  host: string;
  port: number;
  /** Prism runs with --dynamic: every success body is generated and made to fit the request. */
  dynamic?: boolean;
  /** The seed of generated data (else one chosen now, kept for the run). */
  seed?: string;
  /** Browser origins allowed besides localhost and 127.0.0.1 on any port. */
  corsOrigins?: readonly string[];
  /**
   * `jwt` (default): a token must be one some server could accept (tokens.ts). `any`: any bearer
   * token is an admin of the demo domain (for tests of a client's token plumbing, not of auth).
   */
  tokens?: 'jwt' | 'any';
}

const anyToken = async (): Promise<Identity> => ({
  subject: 'mock',
  username: 'admin',
  domainId: DEMO_DOMAIN_ID,
  groups: ['admin'],
});

const OPERATIONS = new Map<string, ContractOperation>(
  contractOperations(openapiDocument).map(({ operation }) => [operation.operationId, operation]),
);

/** Headers of Prism's answer that the front sets itself or that belong to one connection. */
const DROPPED_ANSWER_HEADERS =
  /^(access-control-.*|content-length|content-encoding|connection|keep-alive|transfer-encoding|date|x-request-id)$/i;

/** The forwarder in the features' place: to Prism, and back, adjusted. */
function forwardToPrism(options: MockFrontOptions): RequestHandler {
  const runSeed = options.seed ?? randomUUID();
  return async (req: Request, res: Response) => {
    const operation = OPERATIONS.get(
      (req as { openapi?: { schema?: { operationId?: string } } }).openapi?.schema?.operationId ?? '',
    );
    // The validator answers 404 for every path it does not know; this is only for safety.
    if (!operation) throw new Error(`no operation matched ${req.method} ${req.originalUrl}`);
    const preferences = parsePrefer(req.headers.prefer);
    checkPreferences(operation, preferences);
    const dynamic =
      preferences.get('dynamic') === 'true' ||
      (options.dynamic === true && preferences.get('dynamic') !== 'false');

    const headers: Record<string, string> = { authorization: req.headers.authorization ?? '' };
    const prefer = formatPrefer(preferences);
    if (prefer) headers.prefer = prefer;
    // The server's checks let a body through only as JSON, and only where the operation takes one.
    const hasBody = req.body !== undefined;
    // The media type the server accepted (application/json, or merge-patch+json on PATCH).
    if (hasBody) headers['content-type'] = req.headers['content-type'] ?? 'application/json';
    const answer = await fetch(`${options.prismOrigin}${req.originalUrl}`, {
      method: req.method === 'HEAD' ? 'GET' : req.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
    });
    const text = await answer.text();
    const contentType = answer.headers.get('content-type') ?? '';
    for (const [name, value] of answer.headers) {
      if (!DROPPED_ANSWER_HEADERS.test(name)) res.setHeader(name, value);
    }
    let body: unknown = text;
    if (/json/.test(contentType) && text !== '') {
      body = JSON.parse(text) as unknown;
      if (dynamic) {
        const url = new URL(req.originalUrl, 'http://mock');
        const shaped = shapeGenerated(
          {
            operationId: operation.operationId,
            ...pathIdOf(url.pathname),
            query: url.searchParams,
            body: req.body as unknown,
            seed: preferences.get('seed') ?? runSeed,
            nowMs: Date.now(),
          },
          answer.status,
        );
        if (shaped) {
          body = shaped.body;
          for (const [name, value] of Object.entries(shaped.headers)) res.setHeader(name, value);
        }
      }
      if (/problem\+json/.test(contentType)) {
        body = asThisRequestsProblem(dynamic ? generatedProblem(body, answer.status) : body, req, res);
      }
    }
    res.status(answer.status);
    if (typeof body === 'string') {
      res.send(body);
      return;
    }
    const json = JSON.stringify(body);
    // The list's conditional GET, as the server answers it: the tag is the digest of the bytes
    // sent, so the same example (or the same seeded page) revalidates to a 304.
    if (operation.operationId === 'listSfdcSynchronizationJobs' && answer.status === 200) {
      const etag = entityTag(json);
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', 'private, no-cache');
      if (noneMatchNames(req.headers['if-none-match'], etag)) {
        res.status(304).end();
        return;
      }
    }
    res.type(contentType || 'application/json').send(json);
  };
}

/** `{id}` of `/.../keys/{id}/delete-backup` and `/.../organizations/{id}`. */
function pathIdOf(pathname: string): { pathId?: string } {
  const match = /\/(?:keys|organizations)\/([^/]+)(?:\/delete-backup)?$/.exec(pathname);
  return match?.[1] ? { pathId: decodeURIComponent(match[1]) } : {};
}

/**
 * A problem Prism generated, made one the server could send: `status` is the answer's, `title` the
 * one of its `type` (the server's constant per kind).
 */
function generatedProblem(body: unknown, status: number): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const problem = body as Record<string, unknown>;
  const kind = String(problem.type ?? '').replace(PROBLEM_TYPE_PREFIX, '') as ProblemKind;
  let title = problem.title;
  try {
    title = new ProblemError(kind, '').title ?? title;
  } catch {
    // A kind the server does not know: keep what was generated.
  }
  return { ...problem, status, title };
}

/** The detail of the server's 401 when no Authorization header was sent. */
const MISSING_TOKEN = 'Authorization header required';
const PROBLEM_TYPE_PREFIX = 'tag:cckm-contract.github.io,2026:problem:';

/** A problem example made this request's: its path and request ID; a 401's WWW-Authenticate. */
function asThisRequestsProblem(body: unknown, req: Request, res: Response): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const problem = body as Record<string, unknown>;
  const requestId = res.getHeader('x-request-id');
  if (problem.status === 401) {
    // As the server's problem handler writes it (RFC 6750): no error code when no token was sent,
    // which is what the `missingToken` example plays.
    const description = String(problem.detail ?? '').replace(/["\\]/g, "'");
    res.setHeader(
      'WWW-Authenticate',
      description === MISSING_TOKEN
        ? 'Bearer realm="cckm"'
        : `Bearer realm="cckm", error="invalid_token", error_description="${description}"`,
    );
  }
  return {
    ...problem,
    instance: req.originalUrl,
    ...(typeof requestId === 'string' ? { request_id: requestId } : {}),
  };
}

/** Listens on host:port: the server's checks, then Prism at `prismOrigin`. */
export async function startMockFront(options: MockFrontOptions): Promise<Listening> {
  const app = createContractApp(
    {
      logger: createLogger({ level: 'silent' }),
      verifyToken: options.tokens === 'any' ? anyToken : verifyMockToken,
      cors: { origins: options.corsOrigins ?? [], allowLocal: true },
      validateResponses: false,
      checkReady: async () => {},
    },
    [forwardToPrism(options)],
  );
  const listening = await listen(
    app,
    { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 },
    options.port,
    options.host,
  );
  const { port } = listening.server.address() as AddressInfo;
  return { ...listening, origin: `http://${options.host}:${port}` };
}
