// The Salesforce fake: the OAuth 2.0 token endpoint (JWT bearer and client credentials), the REST
// query resource with query locators (`nextRecordsUrl`), the identity URL, and Salesforce's error
// shapes: OAuth errors as `{error, error_description}` with 400, REST errors as `[{message,
// errorCode}]`. One origin plays login.salesforce.com, the My Domain and the instance.
import {
  createHmac,
  createPublicKey,
  type KeyObject,
  randomBytes,
  timingSafeEqual,
  verify,
  X509Certificate,
} from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeEndpoint, FaultEngine, RequestContext } from '../faults.ts';
import {
  answerTransportFault,
  BodyTooLargeError,
  delay,
  MAINTENANCE_PATH,
  readBody,
  retryAfterHeader,
  sendHtml,
  sendJson,
} from '../http-util.ts';
import { randomId } from '../ids.ts';
import {
  type ConnectedApp,
  type FakeCloudState,
  MANAGE_ENCRYPTION_KEYS,
  type SalesforceOrganization,
} from '../state.ts';
import { isSoqlError, parseSoql, type SoqlQuery } from './soql.ts';

export interface SalesforceFakeOptions {
  /** Records per query batch, Salesforce's default and maximum (2000); a client may ask for fewer. */
  batchSize?: number;
  /**
   * How long a session lives without being used (default 2 hours, Salesforce's default session
   * timeout): every call with it starts the wait again, so a session in use never ends.
   */
  sessionTimeoutMs?: number;
  /** Longest JWT assertion lifetime accepted (default 180 s). */
  maxAssertionLifetimeSeconds?: number;
  /**
   * The JWT `aud` values accepted. Default, as Salesforce: https://login.salesforce.com for a
   * production org, https://test.salesforce.com for a sandbox (never the fake's own origin, the
   * way a real org refuses its My Domain URL as audience).
   */
  audiences?: string[];
  /**
   * API requests an org may make in 24 hours (default 100,000, an Enterprise Edition org's base
   * allocation); past it every REST call is 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit
   * exceeded." until the window starts again. Every REST answer reports the usage in
   * `Sforce-Limit-Info: api-usage=<used>/<allocation>`.
   */
  dailyApiRequests?: number;
  now?: () => number;
}

export interface SalesforceSessions {
  /** Ends every session now; the next call with any token gets 401 INVALID_SESSION_ID. */
  expireAll(): void;
  /** Ends the sessions of one organization. */
  expireOrganization(organizationId: string): void;
  /** Sessions alive now. */
  count(): number;
}

interface Session {
  organizationId: string;
  userId: string;
  lastUsedAt: number;
}

/** A query locator: the rest of a query's records, the user's, until released or idle too long. */
interface Cursor {
  organizationId: string;
  userId: string;
  records: Record<string, unknown>[];
  batchSize: number;
  createdAt: number;
  lastUsedAt: number;
}

const PRODUCTION_AUDIENCE = 'https://login.salesforce.com';
const SANDBOX_AUDIENCE = 'https://test.salesforce.com';
/** Query locators expire after 15 minutes of inactivity; a user has at most 10 open (SOAP API guide, QueryLocator). */
const CURSOR_IDLE_MS = 15 * 60_000;
const CURSORS_PER_USER = 10;
const DAY_MS = 24 * 60 * 60_000;
const QUERY_PATH = /^\/services\/data\/v(\d{2})\.(\d)\/query\/?$/;
const QUERY_MORE_PATH = /^\/services\/data\/v(\d{2})\.(\d)\/query\/(01g[A-Za-z0-9]{15})-(\d+)$/;
const IDENTITY_PATH = /^\/id\/(00D[A-Za-z0-9]{15})\/(005[A-Za-z0-9]{15})$/;

export interface SalesforceFake {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  sessions: SalesforceSessions;
  options: Required<Omit<SalesforceFakeOptions, 'audiences' | 'now'>> &
    Pick<SalesforceFakeOptions, 'audiences'>;
}

export function createSalesforceFake(
  state: FakeCloudState,
  faults: FaultEngine,
  origin: () => string,
  fakeOptions: SalesforceFakeOptions = {},
): SalesforceFake {
  const options = {
    batchSize: fakeOptions.batchSize ?? 2000,
    sessionTimeoutMs: fakeOptions.sessionTimeoutMs ?? 2 * 60 * 60_000,
    maxAssertionLifetimeSeconds: fakeOptions.maxAssertionLifetimeSeconds ?? 180,
    dailyApiRequests: fakeOptions.dailyApiRequests ?? 100_000,
    ...(fakeOptions.audiences ? { audiences: fakeOptions.audiences } : {}),
  };
  const now = fakeOptions.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const cursors = new Map<string, Cursor>();
  /** API requests per organization in the current 24-hour window. */
  const usage = new Map<string, { used: number; since: number }>();

  function usageOf(organizationId: string) {
    let current = usage.get(organizationId);
    if (!current || now() - current.since >= DAY_MS) {
      current = { used: 0, since: now() };
      usage.set(organizationId, current);
    }
    return current;
  }

  function reportUsage(
    response: ServerResponse,
    organizationId: string,
    used = usageOf(organizationId).used,
  ) {
    if (!response.headersSent)
      response.setHeader('sforce-limit-info', `api-usage=${used}/${options.dailyApiRequests}`);
  }

  /** Counts one API request of the org; false (and nothing counted) when its allocation is used up. */
  function spend(organizationId: string): boolean {
    const current = usageOf(organizationId);
    if (current.used >= options.dailyApiRequests) return false;
    current.used += 1;
    return true;
  }

  function restError(
    response: ServerResponse,
    status: number,
    errorCode: string,
    message: string,
    headers = {},
  ) {
    sendJson(response, status, [{ message, errorCode }], headers);
  }

  function oauthError(response: ServerResponse, error: string, description: string) {
    sendJson(response, 400, { error, error_description: description });
  }

  function sessionOf(request: IncomingMessage): { token: string; session: Session } | undefined {
    const match = /^(?:Bearer|OAuth) (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match?.[1]) return undefined;
    const session = sessions.get(match[1]);
    if (!session) return undefined;
    if (now() - session.lastUsedAt >= options.sessionTimeoutMs) {
      sessions.delete(match[1]);
      return undefined;
    }
    return { token: match[1], session };
  }

  function invalidSession(response: ServerResponse) {
    restError(response, 401, 'INVALID_SESSION_ID', 'Session expired or invalid', {
      'www-authenticate': 'Token',
    });
  }

  /** Applies latency and the answering fault; true when the fault answered the request. */
  async function injected(
    context: RequestContext,
    response: ServerResponse,
    token: string | undefined,
  ): Promise<boolean> {
    const { latencyMs, holds, fault } = faults.decide(context);
    await delay(response, latencyMs, holds);
    if (response.destroyed) return true;
    if (!fault) return false;
    if (answerTransportFault(fault, response)) return true;
    switch (fault.kind) {
      case 'server-error': {
        const status = fault.status ?? 500;
        if (status === 503)
          restError(response, 503, 'SERVER_UNAVAILABLE', 'Server unavailable, try again later');
        else
          restError(
            response,
            status,
            'UNKNOWN_EXCEPTION',
            'An unexpected error occurred. Please include this ErrorId if you contact support: 1742319447-12345 (-1234567)',
          );
        return true;
      }
      case 'request-limit':
        if (fault.limit === 'daily' && context.organizationId)
          reportUsage(response, context.organizationId, options.dailyApiRequests);
        restError(
          response,
          403,
          'REQUEST_LIMIT_EXCEEDED',
          fault.limit === 'daily'
            ? 'TotalRequests Limit exceeded.'
            : 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.',
          retryAfterHeader(fault.retryAfterSeconds),
        );
        return true;
      case 'too-many-requests':
        restError(
          response,
          429,
          'REQUEST_LIMIT_EXCEEDED',
          'Too many requests',
          retryAfterHeader(fault.retryAfterSeconds),
        );
        return true;
      case 'refuse-login':
        if (context.endpoint !== 'salesforce.token') return false;
        oauthError(response, fault.error ?? 'invalid_grant', fault.description ?? 'authentication failure');
        return true;
      case 'expire-session':
        if (context.endpoint === 'salesforce.token') return false;
        if (token) sessions.delete(token);
        invalidSession(response);
        return true;
      default:
        return false;
    }
  }

  function publicKeyOf(app: ConnectedApp): KeyObject | undefined {
    if (!app.certificatePem) return undefined;
    try {
      return app.certificatePem.includes('BEGIN CERTIFICATE')
        ? new X509Certificate(app.certificatePem).publicKey
        : createPublicKey(app.certificatePem);
    } catch {
      return undefined;
    }
  }

  function decodePart(part: string): Record<string, unknown> | undefined {
    try {
      const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      return value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }

  type Login =
    | { organizationId: string; userId: string; app: ConnectedApp }
    | { error: string; description: string };

  function jwtBearerLogin(assertion: string | null): Login {
    const invalid = (description = 'invalid assertion') => ({ error: 'invalid_grant', description });
    const parts = (assertion ?? '').split('.');
    if (parts.length !== 3) return invalid();
    const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
    const header = decodePart(headerPart);
    const claims = decodePart(payloadPart);
    if (!header || !claims) return invalid();
    if (header.alg !== 'RS256') return invalid('invalid assertion: algorithm not supported, use RS256');
    const app = typeof claims.iss === 'string' ? state.salesforce.apps.get(claims.iss) : undefined;
    if (!app) return { error: 'invalid_client_id', description: 'client identifier invalid' };
    const publicKey = publicKeyOf(app);
    if (!publicKey) return invalid('invalid assertion: no certificate is registered for this client');
    const signed = verify(
      'sha256',
      Buffer.from(`${headerPart}.${payloadPart}`),
      publicKey,
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!signed) return invalid();
    const organization = state.salesforce.organizations.get(app.organizationId);
    const audiences = options.audiences ?? [organization?.IsSandbox ? SANDBOX_AUDIENCE : PRODUCTION_AUDIENCE];
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audience.some((value) => typeof value === 'string' && audiences.includes(value.replace(/\/$/, ''))))
      return invalid('audience is invalid');
    const nowSeconds = now() / 1000;
    if (typeof claims.exp !== 'number') return invalid('invalid assertion: exp is missing');
    if (claims.exp <= nowSeconds) return invalid('expired authorization code');
    if (claims.exp > nowSeconds + options.maxAssertionLifetimeSeconds + 5)
      return invalid('invalid assertion: exp is too far in the future');
    const user = typeof claims.sub === 'string' ? state.salesforce.users.get(claims.sub) : undefined;
    if (!user || user.organizationId !== app.organizationId || !app.approvedUsers?.includes(user.username))
      return invalid("user hasn't approved this consumer");
    return { organizationId: app.organizationId, userId: user.id, app };
  }

  function clientCredentialsLogin(request: IncomingMessage, form: URLSearchParams): Login {
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic (\S+)$/.exec(request.headers.authorization ?? '');
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    const app = clientId ? state.salesforce.apps.get(clientId) : undefined;
    if (!app) return { error: 'invalid_client_id', description: 'client identifier invalid' };
    if (!app.clientSecret || !clientSecret || !sameText(app.clientSecret, clientSecret))
      return { error: 'invalid_client', description: 'invalid client credentials' };
    const user = app.runAs ? state.salesforce.users.get(app.runAs) : undefined;
    if (!user || user.organizationId !== app.organizationId)
      return { error: 'invalid_grant', description: 'no client credentials user enabled' };
    return { organizationId: app.organizationId, userId: user.id, app };
  }

  async function token(request: IncomingMessage, response: ServerResponse) {
    const endpoint: FakeEndpoint = 'salesforce.token';
    faults.track(endpoint, response);
    const body = await readBody(request);
    if (request.method !== 'POST') {
      restError(
        response,
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method '${request.method}' not allowed. Allowed are POST`,
      );
      return;
    }
    const form = new URLSearchParams(
      (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? body : '',
    );
    const grantType = form.get('grant_type');
    const clientHint =
      grantType === 'client_credentials'
        ? form.get('client_id')
        : (decodePart((form.get('assertion') ?? '').split('.')[1] ?? '')?.iss as string | undefined);
    const hintedApp = clientHint ? state.salesforce.apps.get(clientHint) : undefined;
    const context: RequestContext = {
      endpoint,
      ...(hintedApp ? { organizationId: hintedApp.organizationId } : {}),
    };
    if (await injected(context, response, undefined)) return;

    let login: Login;
    if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      login = jwtBearerLogin(form.get('assertion'));
    else if (grantType === 'client_credentials') login = clientCredentialsLogin(request, form);
    else {
      oauthError(response, 'unsupported_grant_type', 'grant type not supported');
      return;
    }
    if ('error' in login) {
      oauthError(response, login.error, login.description);
      return;
    }
    const organization = state.salesforce.organizations.get(login.organizationId);
    if (!organization) {
      oauthError(response, 'inactive_org', 'organization is inactive');
      return;
    }
    const accessToken = `${organization.Id.slice(0, 15)}!AQ${randomBytes(48).toString('base64url')}`;
    const issuedAt = now();
    sessions.set(accessToken, {
      organizationId: organization.Id,
      userId: login.userId,
      lastUsedAt: issuedAt,
    });
    const id = `${origin()}/id/${organization.Id}/${login.userId}`;
    sendJson(response, 200, {
      access_token: accessToken,
      signature: createHmac('sha256', login.app.clientSecret ?? login.app.clientId)
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'api',
      instance_url: origin(),
      id,
      token_type: 'Bearer',
      issued_at: String(issuedAt),
    });
  }

  /**
   * TenantSecret exists for the API from 34.0, in orgs with Shield Platform Encryption, for users
   * with "Manage Encryption Keys"; to anyone else it is an unknown type.
   */
  function canReadTenantSecrets(organization: SalesforceOrganization, userId: string, version: string) {
    const user = [...state.salesforce.users.values()].find((candidate) => candidate.id === userId);
    return (
      Number(version) >= 34 &&
      organization.platformEncryption &&
      (user?.permissions.includes(MANAGE_ENCRYPTION_KEYS) ?? false)
    );
  }

  function project(
    object: SoqlQuery['object'],
    record: Record<string, unknown>,
    query: SoqlQuery,
    version: string,
  ) {
    const projected: Record<string, unknown> = {
      attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${record.Id}` },
    };
    for (const field of query.fields) projected[field] = record[field] ?? null;
    return projected;
  }

  function rowsOf(organization: SalesforceOrganization, query: SoqlQuery): Record<string, unknown>[] {
    let rows: Record<string, unknown>[] =
      query.object === 'Organization'
        ? [{ ...organization }]
        : organization.secrets.filter((secret) => !secret.IsDeleted).map((secret) => ({ ...secret }));
    if (query.orderBy) {
      const { field, descending } = query.orderBy;
      rows = [...rows].sort((a, b) => {
        const left = a[field] as string | number;
        const right = b[field] as string | number;
        const order = left < right ? -1 : left > right ? 1 : 0;
        return descending ? -order : order;
      });
    }
    return query.limit === undefined ? rows : rows.slice(0, query.limit);
  }

  function requestedBatchSize(request: IncomingMessage): number {
    const match = /batchSize=(\d+)/i.exec(String(request.headers['sforce-query-options'] ?? ''));
    const asked = match?.[1] ? Number(match[1]) : options.batchSize;
    return Math.max(1, Math.min(options.batchSize, Math.max(asked, Math.min(200, options.batchSize))));
  }

  /**
   * One batch: every second one a quarter short of the size asked, as Salesforce gives fewer
   * records than asked when they are large; a client follows nextRecordsUrl and never counts.
   */
  function page(response: ServerResponse, version: string, locator: string, cursor: Cursor, offset: number) {
    const index = Math.round(offset / cursor.batchSize);
    const size = index % 2 === 1 ? Math.max(1, Math.ceil((cursor.batchSize * 3) / 4)) : cursor.batchSize;
    const records = cursor.records.slice(offset, offset + size);
    const end = offset + records.length;
    const done = end >= cursor.records.length;
    if (done) cursors.delete(locator);
    else cursor.lastUsedAt = now();
    sendJson(response, 200, {
      totalSize: cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locator}-${end}` }),
      records,
    });
  }

  /**
   * What every REST call goes through: faults (with the org the session names), then the session,
   * checked when the request is served (after any latency or hold), then the org's daily API
   * allocation. Every answer from here on carries Sforce-Limit-Info. Undefined: answered already.
   */
  async function served(
    request: IncomingMessage,
    response: ServerResponse,
    endpoint: FakeEndpoint,
  ): Promise<{ token: string; session: Session } | undefined> {
    const hinted = sessionOf(request);
    const organizationId = hinted?.session.organizationId;
    if (organizationId) reportUsage(response, organizationId);
    const context: RequestContext = { endpoint, ...(organizationId ? { organizationId } : {}) };
    if (await injected(context, response, hinted?.token)) return undefined;
    const auth = sessionOf(request);
    if (!auth) {
      invalidSession(response);
      return undefined;
    }
    if (!spend(auth.session.organizationId)) {
      reportUsage(response, auth.session.organizationId);
      restError(response, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
      return undefined;
    }
    reportUsage(response, auth.session.organizationId);
    auth.session.lastUsedAt = now();
    return auth;
  }

  /** Opens a cursor: idle ones are gone, and the user's oldest goes when ten are open already. */
  function openCursor(locator: string, cursor: Cursor) {
    const idleSince = now() - CURSOR_IDLE_MS;
    for (const [other, open] of cursors) if (open.lastUsedAt <= idleSince) cursors.delete(other);
    const own = [...cursors].filter(([, open]) => open.userId === cursor.userId);
    own.sort(([, a], [, b]) => a.createdAt - b.createdAt);
    for (const [oldest] of own.slice(0, Math.max(0, own.length - CURSORS_PER_USER + 1)))
      cursors.delete(oldest);
    cursors.set(locator, cursor);
  }

  async function query(request: IncomingMessage, response: ServerResponse, url: URL, version: string) {
    faults.track('salesforce.query', response);
    const auth = await served(request, response, 'salesforce.query');
    if (!auth) return;
    const organization = state.salesforce.organizations.get(auth.session.organizationId);
    if (!organization) return invalidSession(response);
    const soql = url.searchParams.get('q');
    if (!soql) return restError(response, 400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const parsed = parseSoql(soql);
    if (isSoqlError(parsed)) return restError(response, 400, parsed.errorCode, parsed.message);
    if (parsed.object === 'TenantSecret' && !canReadTenantSecrets(organization, auth.session.userId, version))
      return restError(response, 400, 'INVALID_TYPE', invalidType(soql, 'TenantSecret'));
    const records = rowsOf(organization, parsed).map((row) => project(parsed.object, row, parsed, version));
    const cursor: Cursor = {
      organizationId: organization.Id,
      userId: auth.session.userId,
      records,
      batchSize: requestedBatchSize(request),
      createdAt: now(),
      lastUsedAt: now(),
    };
    const locator = randomId('01g');
    if (records.length > cursor.batchSize) openCursor(locator, cursor);
    page(response, version, locator, cursor, 0);
  }

  async function queryMore(
    request: IncomingMessage,
    response: ServerResponse,
    version: string,
    locator: string,
    offset: number,
  ) {
    faults.track('salesforce.queryMore', response);
    const auth = await served(request, response, 'salesforce.queryMore');
    if (!auth) return;
    const cursor = cursors.get(locator);
    if (cursor && now() - cursor.lastUsedAt >= CURSOR_IDLE_MS) cursors.delete(locator);
    if (
      !cursor ||
      !cursors.has(locator) ||
      cursor.userId !== auth.session.userId ||
      offset > cursor.records.length
    )
      return restError(response, 400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    page(response, version, locator, cursor, offset);
  }

  function identity(
    request: IncomingMessage,
    response: ServerResponse,
    organizationId: string,
    userId: string,
  ) {
    const auth = sessionOf(request);
    if (!auth) return restError(response, 403, 'Bad_OAuth_Token', 'Bad_OAuth_Token');
    if (auth.session.organizationId !== organizationId || auth.session.userId !== userId)
      return restError(response, 403, 'Bad_Id', 'Bad_Id');
    const user = [...state.salesforce.users.values()].find((candidate) => candidate.id === userId);
    sendJson(response, 200, {
      id: `${origin()}/id/${organizationId}/${userId}`,
      organization_id: organizationId,
      user_id: userId,
      username: user?.username ?? null,
      active: true,
      urls: { query: `${origin()}/services/data/v{version}/query/` },
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake');
    try {
      if (url.pathname === '/services/oauth2/token') return await token(request, response);
      const queryPath = QUERY_PATH.exec(url.pathname);
      const queryMorePath = QUERY_MORE_PATH.exec(url.pathname);
      const identityPath = IDENTITY_PATH.exec(url.pathname);
      if (request.method !== 'GET' && (queryPath || queryMorePath || identityPath))
        return restError(
          response,
          405,
          'METHOD_NOT_ALLOWED',
          `HTTP Method '${request.method}' not allowed. Allowed are GET,HEAD`,
        );
      if (queryPath) return await query(request, response, url, `${queryPath[1]}.${queryPath[2]}`);
      if (queryMorePath)
        return await queryMore(
          request,
          response,
          `${queryMorePath[1]}.${queryMorePath[2]}`,
          queryMorePath[3] ?? '',
          Number(queryMorePath[4]),
        );
      if (identityPath) return identity(request, response, identityPath[1] ?? '', identityPath[2] ?? '');
      if (url.pathname === MAINTENANCE_PATH)
        return sendHtml(response, 200, 'Maintenance', 'Salesforce is down for maintenance.');
      // The REST API answers its own unknown paths in JSON; the web server, anything else in HTML.
      if (!url.pathname.startsWith('/services/'))
        return sendHtml(response, 404, 'Not Found', 'The page you requested does not exist.');
      restError(response, 404, 'NOT_FOUND', 'The requested resource does not exist');
    } catch (error) {
      if (response.headersSent) response.destroy();
      else if (error instanceof BodyTooLargeError)
        restError(response, 413, 'REQUEST_ENTITY_TOO_LARGE', 'Request too large');
      else restError(response, 500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.');
    }
  }

  return {
    handle,
    options,
    sessions: {
      expireAll: () => sessions.clear(),
      expireOrganization(organizationId) {
        for (const [token, session] of sessions)
          if (session.organizationId === organizationId) sessions.delete(token);
      },
      count: () =>
        [...sessions.values()].filter((session) => now() - session.lastUsedAt < options.sessionTimeoutMs)
          .length,
    },
  };
}

/** Salesforce's INVALID_TYPE message: the query, a caret under the type, and the advice. */
function invalidType(soql: string, object: string): string {
  const column = soql.indexOf(object) + 1;
  return `\n${soql}\n${' '.repeat(Math.max(0, column - 1))}^\nERROR at Row:1:Column:${column}\nsObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
}

function sameText(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
