// Conformance between the two things a frontend talks to: one table of requests that break the
// contract, sent to the mock (`@cckm/mock`, what `pnpm mock` runs: Prism behind the server's own
// request checks) and to the real server. Both must answer with the same status, the same problem
// `type`, the same `errors[]` pointers and, for a 401, the same `WWW-Authenticate`, so a frontend
// built against the mock handles the server's refusals without surprises. A few valid requests
// close the table: accepted by both.

import { createHmac } from 'node:crypto';
import { mockToken, type RunningPrism, startPrism } from '@cckm/mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_DOMAIN_ID } from '../../src/index.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers.ts';

const VALIDATION_FAILED = 'tag:cckm-contract.github.io,2026:problem:validation-failed';
const UNAUTHORIZED = 'tag:cckm-contract.github.io,2026:problem:unauthorized';
const FORBIDDEN = 'tag:cckm-contract.github.io,2026:problem:forbidden';
const NOT_FOUND = 'tag:cckm-contract.github.io,2026:problem:not-found';
const METHOD_NOT_ALLOWED = 'tag:cckm-contract.github.io,2026:problem:method-not-allowed';

const SYNC = '/v1/cckm/sfdc/keys/synchronization-jobs';
const SAP = '/v1/cckm/sap/synchronization-jobs';
const { thales } = DEMO.organizations;
const ORG = `/v1/cckm/sfdc/organizations/${thales.id}`;
const BACKUP = `/v1/cckm/sfdc/keys/${DEMO.activeSecretId}/delete-backup`;

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  /** A raw body, sent as application/json unless `contentType` says otherwise. */
  body?: string;
  contentType?: string;
  /** Send no Authorization header. */
  anonymous?: boolean;
  /** Send this token to both instead of a valid admin token of each. */
  token?: 'malformed' | 'expired' | 'unsigned' | 'no-domain' | 'user';
  status: number;
  type?: string;
}

/** An HS256 token over these claims, signed with the test server's key (so only its claims are wrong). */
function signed(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
) {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac('sha256', TEST_SECRET).update(input).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);
const admin = { sub: 'local|x', cust: { domain_id: DEMO_DOMAIN_ID, groups: ['admin'] } };
const TOKENS: Record<NonNullable<Row['token']>, () => string> = {
  malformed: () => 'any-token-works-with-the-mock',
  expired: () => signed({ ...admin, iat: now() - 7200, exp: now() - 3600 }),
  unsigned: () => signed({ ...admin, exp: now() + 600 }, { alg: 'none' }),
  'no-domain': () => signed({ sub: 'local|x', cust: {}, exp: now() + 600 }),
  user: () => '',
};

const INVALID: Row[] = [
  {
    name: 'misspelt synchronise_all',
    method: 'POST',
    path: SYNC,
    body: '{"synchronise_all":true}',
    status: 400,
  },
  {
    name: 'both organization_ids and synchronize_all: true',
    method: 'POST',
    path: SYNC,
    body: `{"organization_ids":["${thales.id}"],"synchronize_all":true}`,
    status: 400,
  },
  {
    name: 'both groups and synchronize_all: true',
    method: 'POST',
    path: SAP,
    body: '{"groups":["00RT000000060vKLOP"],"synchronize_all":true}',
    status: 400,
  },
  { name: 'neither field', method: 'POST', path: SYNC, body: '{}', status: 400 },
  {
    name: 'synchronize_all: false alone',
    method: 'POST',
    path: SYNC,
    body: '{"synchronize_all":false}',
    status: 400,
  },
  {
    name: 'an empty organization list',
    method: 'POST',
    path: SYNC,
    body: '{"organization_ids":[]}',
    status: 400,
  },
  { name: 'an empty group list', method: 'POST', path: SAP, body: '{"groups":[]}', status: 400 },
  {
    name: 'a repeated organization',
    method: 'POST',
    path: SYNC,
    body: '{"organization_ids":["00DB000000040bIMAQ","00DB000000040bIMAQ"]}',
    status: 400,
  },
  {
    name: 'synchronize_all as a string',
    method: 'POST',
    path: SYNC,
    body: '{"synchronize_all":"yes"}',
    status: 400,
  },
  {
    name: 'organization_ids as a string',
    method: 'POST',
    path: SYNC,
    body: `{"organization_ids":"${thales.id}"}`,
    status: 400,
  },
  {
    name: 'a malformed organization ID',
    method: 'POST',
    path: SYNC,
    body: '{"organization_ids":["Thales"]}',
    status: 400,
  },
  {
    name: 'an unknown body field',
    method: 'POST',
    path: SYNC,
    body: '{"synchronize_all":true,"dry_run":true}',
    status: 400,
  },
  { name: 'a JSON array body', method: 'POST', path: SYNC, body: '[]', status: 400 },
  {
    name: 'PATCH with a misspelt field',
    method: 'PATCH',
    path: ORG,
    body: '{"conection":"new-sfdc-connection"}',
    status: 400,
  },
  {
    name: 'PATCH with a number for connection',
    method: 'PATCH',
    path: ORG,
    body: '{"connection":7}',
    status: 400,
  },
  {
    name: 'PATCH with an empty connection',
    method: 'PATCH',
    path: ORG,
    body: '{"connection":""}',
    status: 400,
  },
  {
    name: 'PATCH on an ID that is not a UUID',
    method: 'PATCH',
    path: '/v1/cckm/sfdc/organizations/Thales',
    body: '{"connection":"new-sfdc-connection"}',
    status: 400,
  },
  {
    name: 'delete-backup of an ID that is not a UUID',
    method: 'POST',
    path: '/v1/cckm/sfdc/keys/not-a-uuid/delete-backup',
    status: 400,
  },
  { name: 'an unknown query parameter', method: 'GET', path: `${SYNC}?limt=5`, status: 400 },
  {
    name: 'an unknown query parameter on delete-backup',
    method: 'POST',
    path: `${BACKUP}?force=true`,
    status: 400,
  },
  { name: 'a sort key that is no field', method: 'GET', path: `${SYNC}?sort=name`, status: 400 },
  { name: 'a sort list with an empty key', method: 'GET', path: `${SYNC}?sort=-createdAt,`, status: 400 },
  { name: 'limit above 1000', method: 'GET', path: `${SYNC}?limit=5000`, status: 400 },
  { name: 'limit not a number', method: 'GET', path: `${SYNC}?limit=ten`, status: 400 },
  { name: 'an id filter that is not a UUID', method: 'GET', path: `${SYNC}?id=nope`, status: 400 },
  {
    name: 'an unknown overall_status',
    method: 'GET',
    path: `${SYNC}?overall_status=in%20progress`,
    status: 400,
  },
  { name: 'no token', method: 'GET', path: SYNC, anonymous: true, status: 401, type: UNAUTHORIZED },
  {
    name: 'no token and a bad body',
    method: 'POST',
    path: SYNC,
    body: '{"synchronise_all":true}',
    anonymous: true,
    status: 401,
    type: UNAUTHORIZED,
  },
  {
    name: 'a body that is not JSON',
    method: 'POST',
    path: SYNC,
    body: '{"synchronize_all": tru',
    status: 400,
  },
  { name: 'no body where one is required', method: 'POST', path: SYNC, status: 400 },
  {
    name: 'a text/plain body',
    method: 'POST',
    path: SYNC,
    body: 'synchronize_all',
    contentType: 'text/plain',
    status: 415,
    type: 'tag:cckm-contract.github.io,2026:problem:unsupported-media-type',
  },
  {
    name: 'a body in UTF-16',
    method: 'POST',
    path: SYNC,
    body: '{"synchronize_all":true}',
    contentType: 'application/json; charset=utf-16',
    status: 400,
  },
  {
    name: 'a body over 100 KiB',
    method: 'POST',
    path: SYNC,
    body: `{"x":"${'a'.repeat(110_000)}"}`,
    status: 400,
  },
  { name: 'limit 0', method: 'GET', path: `${SYNC}?limit=0`, status: 400 },
  { name: 'limit with a fraction', method: 'GET', path: `${SYNC}?limit=1.5`, status: 400 },
  { name: 'skip below 0', method: 'GET', path: `${SYNC}?skip=-1`, status: 400 },
  { name: 'skip in exponent notation', method: 'GET', path: `${SYNC}?skip=1e3`, status: 400 },
  { name: 'an empty organizations filter', method: 'GET', path: `${SYNC}?organizations=`, status: 400 },
  {
    name: 'an organizations entry that names nothing',
    method: 'GET',
    path: `${SYNC}?organizations=Thales`,
    status: 400,
  },
  {
    name: 'overall_status in capitals',
    method: 'GET',
    path: `${SYNC}?overall_status=COMPLETED`,
    status: 400,
  },
  { name: 'a sort key in bracket notation', method: 'GET', path: `${SYNC}?sort[0]=createdAt`, status: 400 },
  {
    name: 'an SAP group with spaces',
    method: 'POST',
    path: SAP,
    body: '{"groups":["finance team"]}',
    status: 400,
  },
  {
    name: '101 organizations',
    method: 'POST',
    path: SYNC,
    body: JSON.stringify({
      organization_ids: Array.from({ length: 101 }, (_, n) => `00DB0000000${String(n).padStart(4, '0')}AAA`),
    }),
    status: 400,
  },
  { name: 'PATCH with an empty object', method: 'PATCH', path: ORG, body: '{}', status: 400 },
  { name: 'a body sent to delete-backup', method: 'POST', path: BACKUP, body: '{"force":true}', status: 400 },
  { name: 'DELETE on the job list', method: 'DELETE', path: SYNC, status: 405, type: METHOD_NOT_ALLOWED },
  {
    name: 'PUT on an organization',
    method: 'PUT',
    path: ORG,
    body: '{}',
    status: 405,
    type: METHOD_NOT_ALLOWED,
  },
  { name: 'an unknown path', method: 'GET', path: '/v1/cckm/sfdc/keys', status: 404, type: NOT_FOUND },
  { name: 'a trailing slash', method: 'GET', path: `${SYNC}/`, status: 404, type: NOT_FOUND },
  { name: 'a path in capitals', method: 'GET', path: SYNC.toUpperCase(), status: 404, type: NOT_FOUND },
  {
    name: 'a token that is not a JWT',
    method: 'GET',
    path: SYNC,
    token: 'malformed',
    status: 401,
    type: UNAUTHORIZED,
  },
  { name: 'an expired token', method: 'GET', path: SYNC, token: 'expired', status: 401, type: UNAUTHORIZED },
  {
    name: 'a token signed with none',
    method: 'GET',
    path: SYNC,
    token: 'unsigned',
    status: 401,
    type: UNAUTHORIZED,
  },
  {
    name: 'a token without a domain',
    method: 'GET',
    path: SYNC,
    token: 'no-domain',
    status: 401,
    type: UNAUTHORIZED,
  },
  {
    name: 'a CCKM Users token starting a job',
    method: 'POST',
    path: SYNC,
    body: '{"synchronize_all":true}',
    token: 'user',
    status: 403,
    type: FORBIDDEN,
  },
];

const VALID: Row[] = [
  {
    name: 'a list with synchronize_all: false',
    method: 'POST',
    path: SYNC,
    body: `{"organization_ids":["${thales.id}"],"synchronize_all":false}`,
    status: 201,
  },
  { name: 'a sort list', method: 'GET', path: `${SYNC}?sort=-updatedAt,createdAt&limit=5`, status: 200 },
];

let server: TestServer;
let mock: RunningPrism;
let token: string;

beforeAll(async () => {
  [server, mock] = await Promise.all([startTestServer(), startPrism({ mode: 'mock' })]);
  token = await server.token();
}, 60_000);
afterAll(async () => {
  await mock?.close();
  await server?.close();
});

async function send(baseUrl: string, row: Row, bearer: string) {
  const headers: Record<string, string> = row.anonymous ? {} : { Authorization: `Bearer ${bearer}` };
  if (row.body !== undefined) headers['Content-Type'] = row.contentType ?? 'application/json';
  const response = await fetch(`${baseUrl}${row.path}`, {
    method: row.method,
    headers,
    ...(row.body !== undefined ? { body: row.body } : {}),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { type?: string; errors?: { path: string }[] }) : {};
  return {
    status: response.status,
    type: body.type,
    pointers: (body.errors ?? []).map((error) => error.path).sort(),
    contentType: response.headers.get('content-type'),
    wwwAuthenticate: response.headers.get('www-authenticate'),
    allow: response.headers.get('allow'),
  };
}

/** The token each side gets for a row: the row's own, or a valid one of each. */
async function tokensFor(row: Row): Promise<[mockToken: string, serverToken: string]> {
  if (row.token === 'user')
    return [mockToken({ groups: ['CCKM Users'] }), await server.token({ groups: ['CCKM Users'] })];
  if (row.token) {
    const shared = TOKENS[row.token]();
    return [shared, shared];
  }
  return [mockToken(), token];
}

describe('mock and server agree', () => {
  test('the table holds at least 40 invalid requests', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(40);
  });

  test.each(INVALID.map((row) => [row.name, row] as const))(
    'when the request has %s, then mock and server answer the same status, problem type and errors[]',
    async (_name, row) => {
      const [forMock, forServer] = await tokensFor(row);
      const [fromMock, fromServer] = await Promise.all([
        send(mock.url, row, forMock),
        send(server.baseUrl, row, forServer),
      ]);
      expect(fromServer).toMatchObject({ status: row.status, type: row.type ?? VALIDATION_FAILED });
      expect(fromServer.contentType).toContain('application/problem+json');
      if (fromServer.type === VALIDATION_FAILED) expect(fromServer.pointers.length).toBeGreaterThan(0);
      expect(fromMock).toEqual(fromServer);
    },
  );

  test.each(VALID.map((row) => [row.name, row] as const))(
    'when the request is valid (%s), then both accept it',
    async (_name, row) => {
      const fromMock = await send(mock.url, row, mockToken());
      const fromServer = await send(server.baseUrl, row, token);
      expect(fromServer.status).toBe(row.status);
      expect(fromMock.status).toBe(row.status);
    },
  );
});
