// Conformance between the two things a frontend talks to: one table of requests that break the
// contract, sent to the Prism mock (`@cckm/mock`, what `pnpm mock` runs) and to the real server.
// Both must answer with the same status and the same problem `type`, so a frontend built against
// the mock handles the server's refusals without surprises. A few valid requests close the table:
// accepted by both.
import { type RunningPrism, startPrism } from '@cckm/mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../src/index.ts';
import { startTestServer, type TestServer } from '../helpers.ts';

const VALIDATION_FAILED = 'tag:cckm-contract.github.io,2026:problem:validation-failed';
const UNAUTHORIZED = 'tag:cckm-contract.github.io,2026:problem:unauthorized';

const SYNC = '/v1/cckm/sfdc/keys/synchronization-jobs';
const SAP = '/v1/cckm/sap/synchronization-jobs';
const { thales } = DEMO.organizations;
const ORG = `/v1/cckm/sfdc/organizations/${thales.id}`;
const BACKUP = `/v1/cckm/sfdc/keys/${DEMO.activeSecretId}/delete-backup`;

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  /** A raw JSON body, sent as application/json. */
  body?: string;
  /** Send no Authorization header. */
  anonymous?: boolean;
  status: number;
  type?: string;
}

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
  if (row.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${row.path}`, {
    method: row.method,
    headers,
    ...(row.body !== undefined ? { body: row.body } : {}),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { type?: string }) : {};
  return { status: response.status, type: body.type, contentType: response.headers.get('content-type') };
}

describe('mock and server agree', () => {
  test.each(INVALID.map((row) => [row.name, row] as const))(
    'when the request has %s, then mock and server answer the same status and problem type',
    async (_name, row) => {
      const [fromMock, fromServer] = await Promise.all([
        send(mock.url, row, 'any-token-works-with-the-mock'),
        send(server.baseUrl, row, token),
      ]);
      expect(fromServer).toMatchObject({ status: row.status, type: row.type ?? VALIDATION_FAILED });
      expect(fromServer.contentType).toContain('application/problem+json');
      expect({ status: fromMock.status, type: fromMock.type }).toEqual({
        status: fromServer.status,
        type: fromServer.type,
      });
      expect(fromMock.contentType).toContain('application/problem+json');
    },
  );

  test.each(VALID.map((row) => [row.name, row] as const))(
    'when the request is valid (%s), then both accept it',
    async (_name, row) => {
      const fromMock = await send(mock.url, row, 'any-token-works-with-the-mock');
      const fromServer = await send(server.baseUrl, row, token);
      expect(fromServer.status).toBe(row.status);
      expect(fromMock.status).toBe(row.status);
    },
  );
});
