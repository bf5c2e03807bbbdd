// The SAP Data Custodian KMS v2 connector over HTTP: technical-user login
// (`POST <apiEndpoint>/auth/request` with `{apiKey, secret}` -> `{accessToken, expiresIn?}`), then,
// for a group, a check that the group exists for this user (`GET /groups?$filter=id eq <id>`) and
// its keys page by page (`GET /keys?$filter=groupId eq <id>&$top=<pageSize>`, following
// `@odata.nextLink` until an answer has none). SAP publishes no paging contract; this OData,
// server-driven reading is our decision (decisions/0044-sap-key-paging.md), checked page by page
// against the other readings a tenant might have (decisions/0095-sap-key-listing-read-defensively.md).
// Same call policy, token cache and re-login once per expiry as the Salesforce connector
// (../http/cloud-http.ts, ../http/cloud-sessions.ts). Credentials are activated once, by
// activateSapCredentials (cckm-admin --activate).
import type { CallOptions, ConnectionRef, SapConnector, SapKeyRecord } from '../cloud-connectors.ts';
import { CloudCallError, safeText } from '../http/cloud-call-error.ts';
import {
  type CloudHttp,
  type CloudHttpOptions,
  type CloudResponse,
  createCloudHttp,
} from '../http/cloud-http.ts';
import {
  type CloudSession,
  createCloudSessions,
  credentialsFingerprint,
  type SessionOperation,
} from '../http/cloud-sessions.ts';

export interface SapCredentials {
  /** The KMS API endpoint with its version path, e.g. https://kms-api-demo.datacustodian.cloud.sap/kms/v2. */
  apiEndpoint: string;
  /** The technical user's API key. */
  apiKey: string;
  /** The technical user's (activated) secret. */
  apiSecret: string;
}

/** Throw a CloudError for a connection that cannot log in; other errors count as internal. */
export type SapCredentialResolver = (connection: ConnectionRef) => Promise<SapCredentials>;

export interface SapConnectorDeps extends CloudHttpOptions {
  credentials: SapCredentialResolver;
  /** Milliseconds since the epoch (Date.now by default). */
  now?: () => number;
  /** Keys asked per page (`$top`); the server may answer fewer. Default 100. */
  pageSize?: number;
  /** Token reuse when the login answer has no `expiresIn` (default 10 minutes). */
  tokenReuseMs?: number;
}

export const SAP_DEFAULTS = Object.freeze({ pageSize: 100, tokenReuseMs: 10 * 60_000 });

/** A token is not reused in its last 30 seconds. */
const EXPIRY_MARGIN_MS = 30_000;
const GROUP_ID = /^[A-Za-z0-9._~-]{1,100}$/;
const KEY_TYPES = new Set(['AES', 'RSA']);
/** Pages of one list, at most: a bound for a server that keeps answering. */
const MAX_PAGES = 10_000;

interface Session extends CloudSession {
  expiresAt: number;
}

interface Operation extends SessionOperation {
  apiEndpoint: string;
  credentials: SapCredentials;
}

function sapErrorCode(response: CloudResponse): string | undefined {
  const error = (response.json as { error?: { code?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? safeText(error.code, 40) : undefined;
}

function sapErrorMessage(response: CloudResponse): string {
  const error = (response.json as { error?: { message?: unknown } } | undefined)?.error;
  return safeText(error?.message);
}

/** The endpoint with `/kms/v2` at the end (added when the connection gives only the origin). */
function apiBase(value: string, connection: ConnectionRef): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CloudCallError('credentials', `the API endpoint of connection ${connection.name} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CloudCallError(
      'credentials',
      `the API endpoint of connection ${connection.name} is not an http(s) URL`,
    );
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/kms/v2') ? path : `${path}/kms/v2`}`;
}

export function createSapConnector(deps: SapConnectorDeps): SapConnector {
  const now = deps.now ?? Date.now;
  const pageSize = deps.pageSize ?? SAP_DEFAULTS.pageSize;
  const tokenReuseMs = deps.tokenReuseMs ?? SAP_DEFAULTS.tokenReuseMs;
  const http: CloudHttp = createCloudHttp({ ...deps, cloud: 'SAP Data Custodian', errorCode: sapErrorCode });
  const sessions = createCloudSessions<Session, Operation>({
    login,
    isFresh: (session) => session.expiresAt > now(),
  });

  async function begin(connection: ConnectionRef, signal: AbortSignal): Promise<Operation> {
    signal.throwIfAborted();
    const credentials = await deps.credentials(connection);
    signal.throwIfAborted();
    return {
      connection,
      apiEndpoint: apiBase(credentials.apiEndpoint, connection),
      credentials,
      fingerprint: credentialsFingerprint(credentials),
      signal,
      reloggedIn: false,
    };
  }

  async function login(operation: Operation): Promise<Session> {
    const { connection, credentials } = operation;
    const response = await http.send(
      connection.id,
      {
        method: 'POST',
        url: `${operation.apiEndpoint}/auth/request`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: credentials.apiKey, secret: credentials.apiSecret }),
      },
      operation.signal,
    );
    if (response.status !== 200) {
      const code = sapErrorCode(response);
      const message = sapErrorMessage(response);
      const hint = /not activated/i.test(message)
        ? '; activate the credentials once with cckm-admin (connections add or rotate-secret with --activate), which stores the secret SAP returns'
        : '';
      throw new CloudCallError(
        response.status === 401 || response.status === 403 ? 'unauthorized' : 'refused',
        `SAP Data Custodian refused the login of connection ${connection.name}: ${response.status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''}${hint}`,
        { status: response.status, ...(code ? { code } : {}) },
      );
    }
    const answer = (response.json ?? {}) as { accessToken?: unknown; expiresIn?: unknown };
    if (typeof answer.accessToken !== 'string' || answer.accessToken === '')
      throw new CloudCallError(
        'invalid-response',
        'SAP Data Custodian answered the login without an access token',
      );
    const lifetime =
      typeof answer.expiresIn === 'number' && answer.expiresIn > 0
        ? Math.max(0, answer.expiresIn * 1000 - EXPIRY_MARGIN_MS)
        : tokenReuseMs;
    return {
      accessToken: answer.accessToken,
      expiresAt: now() + lifetime,
      fingerprint: operation.fingerprint,
    };
  }

  /** GET a path (relative to the API origin) as the connection, logging in again once on 401. */
  async function get(operation: Operation, path: string, action: string): Promise<unknown> {
    const origin = new URL(operation.apiEndpoint).origin;
    const { response } = await sessions.send(
      operation,
      (current) =>
        http.send(
          operation.connection.id,
          {
            method: 'GET',
            url: `${origin}${path}`,
            headers: { authorization: `Bearer ${current.accessToken}` },
          },
          operation.signal,
        ),
      () =>
        new CloudCallError(
          'unauthorized',
          `SAP Data Custodian ended the session of connection ${operation.connection.name} again right after a new login`,
          { status: 401 },
        ),
    );
    if (response.malformed)
      throw new CloudCallError(
        'invalid-response',
        `SAP Data Custodian answered ${action} with malformed JSON`,
        {
          status: response.status,
        },
      );
    if (response.status < 200 || response.status >= 300) {
      const code = sapErrorCode(response);
      const message = sapErrorMessage(response);
      throw new CloudCallError(
        response.status === 404 ? 'not-found' : 'refused',
        `SAP Data Custodian refused ${action}: ${response.status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''}`,
        { status: response.status, ...(code ? { code } : {}) },
      );
    }
    return response.json;
  }

  function listPage(
    json: unknown,
    action: string,
    apiEndpoint: string,
  ): { value: unknown[]; next: string | undefined; count: number | undefined } {
    const page = (json ?? {}) as { value?: unknown; '@odata.nextLink'?: unknown; count?: unknown };
    if (!Array.isArray(page.value))
      throw new CloudCallError(
        'invalid-response',
        `SAP Data Custodian answered ${action} without a value list`,
      );
    const count =
      typeof page.count === 'number' && Number.isInteger(page.count) && page.count >= 0
        ? page.count
        : undefined;
    const link = page['@odata.nextLink'];
    if (link === undefined || link === null) return { value: page.value, next: undefined, count };
    if (typeof link !== 'string')
      throw new CloudCallError(
        'invalid-response',
        `SAP Data Custodian answered ${action} with an unusable next link`,
      );
    // The link may be relative or absolute, but must stay on the API's origin and version path.
    const api = new URL(apiEndpoint);
    let next: URL | undefined;
    try {
      next = new URL(link, api);
    } catch {
      next = undefined;
    }
    if (!next || next.origin !== api.origin || !next.pathname.startsWith(`${api.pathname}/`))
      throw new CloudCallError(
        'invalid-response',
        `SAP Data Custodian answered ${action} with an unusable next link`,
      );
    return { value: page.value, next: `${next.pathname}${next.search}`, count };
  }

  /** Whether the group is among the technical user's, following the group list's pages. */
  async function groupExists(operation: Operation, basePath: string, groupId: string): Promise<boolean> {
    const action = 'the group query';
    const seen = new Set<unknown>();
    let path: string | undefined = `${basePath}/groups?$filter=${encodeURIComponent(`id eq ${groupId}`)}`;
    for (let pages = 0; path && pages < MAX_PAGES; pages += 1) {
      const page = listPage(await get(operation, path, action), action, operation.apiEndpoint);
      const ids = page.value.map((group) => (group as { id?: unknown } | null)?.id);
      if (ids.includes(groupId)) return true;
      if (ids.length > 0 && ids.every((id) => seen.has(id))) return false;
      for (const id of ids) seen.add(id);
      path = page.next;
    }
    return false;
  }

  async function* listKeys(
    connection: ConnectionRef,
    groupId: string,
    { signal }: CallOptions,
  ): AsyncGenerator<SapKeyRecord[]> {
    const operation = await begin(connection, signal);
    if (!GROUP_ID.test(groupId))
      throw new CloudCallError('refused', `${safeText(groupId, 40)} is not an SAP Data Custodian group ID`);
    const basePath = new URL(operation.apiEndpoint).pathname;
    if (!(await groupExists(operation, basePath, groupId)))
      throw new CloudCallError(
        'not-found',
        `SAP group ${groupId} does not exist for the technical user of connection ${connection.name}`,
      );
    // SAP publishes no paging or filter contract for the key list: each page is checked against
    // what a misreading would do (decisions/0095-sap-key-listing-read-defensively.md). Keys of another
    // group are dropped; a key seen before is not repeated; a page of keys all seen before ends
    // the listing as a failure; with no next link the listing goes on with $skip while the count
    // says keys remain (or, without a count, until a page brings nothing new); fewer keys than
    // the count fail the group rather than flag the missing keys gone.
    const action = 'the key list';
    const filter = encodeURIComponent(`groupId eq ${groupId}`);
    const keysFrom = (skip: number) =>
      `${basePath}/keys?$filter=${filter}&$top=${pageSize}${skip > 0 ? `&$skip=${skip}` : ''}`;
    const received = new Set<string>();
    let reported: number | undefined;
    let path: string | undefined = keysFrom(0);
    for (let pages = 0; path; pages += 1) {
      if (pages >= MAX_PAGES)
        throw new CloudCallError(
          'invalid-response',
          `SAP Data Custodian answered more than ${MAX_PAGES} pages of keys for group ${groupId}; the group is left as it was`,
        );
      const page = listPage(await get(operation, path, action), action, operation.apiEndpoint);
      reported ??= page.count;
      const keys: SapKeyRecord[] = [];
      let fresh = 0;
      for (const raw of page.value) {
        const id = keyId(raw);
        if (received.has(id)) continue;
        received.add(id);
        fresh += 1;
        const owner = (raw as { groupId?: unknown }).groupId;
        if (typeof owner === 'string' && owner !== groupId) continue;
        keys.push(toKey(raw));
      }
      if (page.value.length > 0 && fresh === 0)
        throw new CloudCallError(
          'invalid-response',
          `SAP Data Custodian answered a page of keys of group ${groupId} it had sent already; the group is left as it was`,
        );
      yield keys;
      const more = fresh > 0 && (reported === undefined || received.size < reported);
      path = page.next ?? (more ? keysFrom(received.size) : undefined);
    }
    if (reported !== undefined && received.size < reported)
      throw new CloudCallError(
        'invalid-response',
        `SAP Data Custodian counted ${reported} keys for group ${groupId} but sent ${received.size}; the group is left as it was`,
      );
  }

  return { listKeys };
}

function keyId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id === '')
    throw new CloudCallError('invalid-response', 'SAP Data Custodian answered a key without id');
  return id;
}

function toKey(raw: unknown): SapKeyRecord {
  const key = (raw ?? {}) as {
    id?: unknown;
    name?: unknown;
    type?: unknown;
    size?: unknown;
    enabled?: unknown;
    meta?: { totalVersions?: unknown };
  };
  if (typeof key.id !== 'string' || key.id === '')
    throw new CloudCallError('invalid-response', 'SAP Data Custodian answered a key without id');
  if (typeof key.type !== 'string' || !KEY_TYPES.has(key.type))
    throw new CloudCallError(
      'invalid-response',
      `SAP Data Custodian answered key ${safeText(key.id, 60)} with an unknown type ${safeText(String(key.type), 20)}`,
    );
  const totalVersions = Number(key.meta?.totalVersions ?? 1);
  return {
    id: key.id,
    name: typeof key.name === 'string' ? key.name : '',
    type: key.type as SapKeyRecord['type'],
    size: Number(key.size) || 0,
    enabled: key.enabled === true,
    totalVersions: Number.isInteger(totalVersions) ? totalVersions : 1,
  };
}

/**
 * Activates a technical user's credentials (`PUT <apiEndpoint>/auth/credentialActivate` with
 * `{apiKey, secret}`): SAP answers a new secret, the only one that logs in from then on, and
 * refuses credentials already activated (the Fortanix `datacustodian` plugin's configure operation,
 * the one public client). Sent once, never retried: an activation whose answer was lost has changed
 * the secret anyway, and a second one would be refused. Returns the credentials with the new secret.
 */
export async function activateSapCredentials(
  credentials: SapCredentials,
  options: CloudHttpOptions & { signal: AbortSignal },
): Promise<SapCredentials> {
  const connection = { id: `activation:${credentials.apiKey}`, name: 'being added' };
  const base = apiBase(credentials.apiEndpoint, connection);
  const http = createCloudHttp({
    ...options,
    policy: { ...options.policy, maxAttempts: 1 },
    cloud: 'SAP Data Custodian',
    errorCode: sapErrorCode,
  });
  const response = await http.send(
    connection.id,
    {
      method: 'PUT',
      url: `${base}/auth/credentialActivate`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: credentials.apiKey, secret: credentials.apiSecret }),
    },
    options.signal,
  );
  if (response.status !== 200) {
    const code = sapErrorCode(response);
    const message = sapErrorMessage(response);
    throw new CloudCallError(
      response.status === 401 || response.status === 403 ? 'unauthorized' : 'refused',
      `SAP Data Custodian refused to activate the credentials: ${response.status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''}`,
      { status: response.status, ...(code ? { code } : {}) },
    );
  }
  const secret = (response.json as { secret?: unknown } | undefined)?.secret;
  if (typeof secret !== 'string' || secret === '')
    throw new CloudCallError(
      'invalid-response',
      'SAP Data Custodian answered the activation without a new secret',
    );
  return { ...credentials, apiSecret: secret };
}
