// The SAP Data Custodian KMS v2 fake: technical-user activation (`PUT /kms/v2/auth/credentialActivate`
// with `{apiKey, secret}` -> `{apiKey, secret}`, a new secret, once per technical user) and login
// (`POST /kms/v2/auth/request` with `{apiKey, secret}` -> `{accessToken, tokenType, expiresIn}`,
// refused for credentials never activated), groups (`GET /kms/v2/groups`) and
// keys (`GET /kms/v2/keys`), bearer-token protected. SAP publishes no paging contract or error body
// for these; the choices below are ours (see the package README, "SAP paging"):
// - lists are OData-style: `{ value: [...], count, "@odata.nextLink"? }`, filtered with
//   `$filter=groupId eq <id>` (keys) or `$filter=id eq <id>` (groups), quotes around the ID optional;
// - the server pages: at most `pageSize` items per answer whatever `$top` asks, and a page that is
//   not the last carries `@odata.nextLink`, a path-absolute URL (with `$skip`) to GET as is;
// - errors are `{ error: { code, message } }` (OData JSON error format) with the HTTP status.
// Since none of that is published, `listing` turns on the other readings a real tenant might have:
// a filter that is ignored, paging by `$skip` only (no link), a `$skip` that is ignored, no count.
// A connector must come out right under each (decisions/0095-sap-key-listing-read-defensively.md).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeEndpoint, FaultEngine, RequestContext } from '../faults.ts';
import {
  answerTransportFault,
  BodyTooLargeError,
  delay,
  readBody,
  retryAfterHeader,
  sendJson,
} from '../http-util.ts';
import type { FakeCloudState, SapGroup, SapKey } from '../state.ts';

/** How the list endpoints page and filter (each default is our assumption, see above). */
export interface SapListing {
  /** `$filter` honoured (default) or ignored: every group or key of the tenant comes back. */
  filter?: 'honoured' | 'ignored';
  /**
   * `next-link` (default): a page that is not the last carries `@odata.nextLink`; `skip-only`: no
   * link ever, the client pages with `$skip`; `skip-ignored`: `$skip` is ignored (the first page
   * again), with a link.
   */
  paging?: 'next-link' | 'skip-only' | 'skip-ignored';
  /** Whether answers carry `count`, the number of items the filter selects (default true). */
  count?: boolean;
}

export interface SapFakeOptions {
  /** Most items in one list answer whatever `$top` asks (default 100): the server caps `$top`. */
  pageSize?: number;
  listing?: SapListing;
  /** Access token lifetime (default 1 hour), reported as `expiresIn` seconds. */
  tokenTtlMs?: number;
  now?: () => number;
}

export interface SapSessions {
  expireAll(): void;
  count(): number;
}

export interface SapFake {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  sessions: SapSessions;
  options: { pageSize: number; tokenTtlMs: number; listing: Required<SapListing> };
}

interface Session {
  tenantId: string;
  expiresAt: number;
}

const PREFIX = '/kms/v2';

export function createSapFake(
  state: FakeCloudState,
  faults: FaultEngine,
  fakeOptions: SapFakeOptions = {},
): SapFake {
  const options = {
    pageSize: fakeOptions.pageSize ?? 100,
    tokenTtlMs: fakeOptions.tokenTtlMs ?? 60 * 60_000,
  };
  const listing: Required<SapListing> = {
    filter: fakeOptions.listing?.filter ?? 'honoured',
    paging: fakeOptions.listing?.paging ?? 'next-link',
    count: fakeOptions.listing?.count ?? true,
  };
  const now = fakeOptions.now ?? Date.now;
  const sessions = new Map<string, Session>();

  function error(response: ServerResponse, status: number, code: string, message: string, headers = {}) {
    sendJson(response, status, { error: { code, message } }, headers);
  }

  function bearerToken(request: IncomingMessage): string | undefined {
    return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  }

  function sessionOf(request: IncomingMessage): { token: string; session: Session } | undefined {
    const token = bearerToken(request);
    const session = token ? sessions.get(token) : undefined;
    if (!token || !session) return undefined;
    if (session.expiresAt <= now()) {
      sessions.delete(token);
      return undefined;
    }
    return { token, session };
  }

  function unauthorized(response: ServerResponse) {
    error(response, 401, 'UNAUTHORIZED', 'Access token expired or invalid', { 'www-authenticate': 'Bearer' });
  }

  async function injected(context: RequestContext, response: ServerResponse, token: string | undefined) {
    const { latencyMs, holds, fault } = faults.decide(context);
    await delay(response, latencyMs, holds);
    if (response.destroyed) return true;
    if (!fault) return false;
    if (answerTransportFault(fault, response)) return true;
    switch (fault.kind) {
      case 'server-error':
        error(response, fault.status ?? 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
        return true;
      case 'request-limit':
      case 'too-many-requests':
        error(
          response,
          429,
          'TOO_MANY_REQUESTS',
          'Rate limit exceeded',
          retryAfterHeader(fault.retryAfterSeconds),
        );
        return true;
      case 'expire-session':
        if (context.endpoint === 'sap.auth') return false;
        if (token) sessions.delete(token);
        unauthorized(response);
        return true;
      default:
        return false;
    }
  }

  /** The `{apiKey, secret}` body of the auth endpoints, or an answer already sent. */
  function credentialsOf(
    text: string,
    response: ServerResponse,
  ): { apiKey: string; secret: string } | undefined {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      error(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
      return undefined;
    }
    const { apiKey, secret } = (body ?? {}) as { apiKey?: unknown; secret?: unknown };
    if (typeof apiKey !== 'string' || typeof secret !== 'string') {
      error(response, 400, 'BAD_REQUEST', 'apiKey and secret are required');
      return undefined;
    }
    return { apiKey, secret };
  }

  /** The technical user whose apiKey and secret the body names; answers the request otherwise. */
  async function technicalUser(request: IncomingMessage, response: ServerResponse, endpoint: FakeEndpoint) {
    faults.track(endpoint, response);
    const text = await readBody(request);
    if (await injected({ endpoint }, response, undefined)) return undefined;
    const given = credentialsOf(text, response);
    if (!given) return undefined;
    const user = state.sap.technicalUsers.get(given.apiKey);
    if (!user || user.secret !== given.secret) {
      error(response, 401, 'UNAUTHORIZED', 'Invalid credentials');
      return undefined;
    }
    return user;
  }

  async function activate(request: IncomingMessage, response: ServerResponse) {
    const user = await technicalUser(request, response, 'sap.activate');
    if (!user) return;
    if (user.activated) return error(response, 400, 'BAD_REQUEST', 'Credentials are already activated');
    user.secret = randomBytes(24).toString('base64url');
    user.activated = true;
    sendJson(response, 200, { apiKey: user.apiKey, secret: user.secret });
  }

  async function login(request: IncomingMessage, response: ServerResponse) {
    const user = await technicalUser(request, response, 'sap.auth');
    if (!user) return;
    if (!user.activated)
      return error(
        response,
        401,
        'UNAUTHORIZED',
        'Credentials are not activated; activate them with PUT /kms/v2/auth/credentialActivate',
      );
    const accessToken = randomBytes(48).toString('base64url');
    sessions.set(accessToken, { tenantId: user.tenantId, expiresAt: now() + options.tokenTtlMs });
    sendJson(response, 200, {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: Math.floor(options.tokenTtlMs / 1000),
    });
  }

  /** `$filter=<field> eq <value>` (value optionally quoted); undefined when absent, null when unsupported. */
  function filterValue(url: URL, field: string): string | undefined | null {
    const filter = url.searchParams.get('$filter');
    if (filter === null) return undefined;
    const match = new RegExp(`^\\s*${field}\\s+eq\\s+'?([^'\\s]+)'?\\s*$`).exec(filter);
    return match?.[1] ?? null;
  }

  function paged<T>(response: ServerResponse, url: URL, items: T[]) {
    const top = Number(url.searchParams.get('$top') ?? options.pageSize);
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    if (!Number.isInteger(top) || top < 1 || !Number.isInteger(skip) || skip < 0)
      return error(
        response,
        400,
        'BAD_REQUEST',
        '$top must be a positive integer and $skip a non-negative integer',
      );
    const size = Math.min(top, options.pageSize);
    const from = listing.paging === 'skip-ignored' ? 0 : skip;
    const value = items.slice(from, from + size);
    const nextSkip = skip + value.length;
    const more = from + value.length < items.length && value.length > 0;
    let nextLink: string | undefined;
    if (more && listing.paging !== 'skip-only') {
      const next = new URLSearchParams(url.searchParams);
      next.set('$skip', String(nextSkip));
      next.set('$top', String(top));
      nextLink = `${url.pathname}?${next.toString()}`;
    }
    sendJson(response, 200, {
      value,
      ...(listing.count ? { count: items.length } : {}),
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    });
  }

  function groupJson(group: SapGroup, expandKeystore: boolean) {
    const { keys, keystore, tenantId, ...rest } = group;
    return { ...rest, tenantId, ...(expandKeystore ? { keystore } : {}) };
  }

  async function list(request: IncomingMessage, response: ServerResponse, url: URL, what: 'groups' | 'keys') {
    const endpoint: FakeEndpoint = what === 'groups' ? 'sap.groups' : 'sap.keys';
    faults.track(endpoint, response);
    const groupFilter = filterValue(url, what === 'groups' ? 'id' : 'groupId');
    const context: RequestContext = { endpoint, ...(groupFilter ? { groupId: groupFilter } : {}) };
    if (await injected(context, response, bearerToken(request))) return;
    // The token is checked when the request is served, after any latency or hold: a session that
    // ended meanwhile is refused, as by a real server.
    const auth = sessionOf(request);
    if (!auth) return unauthorized(response);
    if (groupFilter === null)
      return error(
        response,
        400,
        'BAD_REQUEST',
        `Unsupported $filter; use ${what === 'groups' ? 'id' : 'groupId'} eq <id>`,
      );
    const filtered = listing.filter === 'honoured' ? groupFilter : undefined;
    const groups = [...state.sap.groups.values()].filter(
      (group) =>
        group.tenantId === auth.session.tenantId &&
        (filtered === undefined || what === 'keys' || group.id === filtered),
    );
    if (what === 'groups') {
      const expand = (url.searchParams.get('$expand') ?? '').split(',').includes('keystore');
      return paged(
        response,
        url,
        groups.map((group) => groupJson(group, expand)),
      );
    }
    const keys: SapKey[] = groups
      .filter((group) => filtered === undefined || group.id === filtered)
      .flatMap((group) => group.keys.map((key) => ({ ...key, groupId: group.id })));
    return paged(response, url, keys);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/\/$/, '');
    try {
      if (path === `${PREFIX}/auth/request`) {
        if (request.method !== 'POST') return error(response, 405, 'METHOD_NOT_ALLOWED', 'Use POST');
        return await login(request, response);
      }
      if (path === `${PREFIX}/auth/credentialActivate`) {
        if (request.method !== 'PUT') return error(response, 405, 'METHOD_NOT_ALLOWED', 'Use PUT');
        return await activate(request, response);
      }
      if (path === `${PREFIX}/groups` || path === `${PREFIX}/keys`) {
        if (request.method !== 'GET') return error(response, 405, 'METHOD_NOT_ALLOWED', 'Use GET');
        return await list(request, response, url, path.endsWith('groups') ? 'groups' : 'keys');
      }
      error(response, 404, 'NOT_FOUND', 'Resource not found');
    } catch (caught) {
      if (response.headersSent) response.destroy();
      else if (caught instanceof BodyTooLargeError)
        error(response, 413, 'PAYLOAD_TOO_LARGE', 'Request too large');
      else error(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  }

  return {
    handle,
    options: { ...options, listing },
    sessions: {
      expireAll: () => sessions.clear(),
      count: () => [...sessions.values()].filter((session) => session.expiresAt > now()).length,
    },
  };
}
