// Conformance, server side: the real server (its own response validation off, so Prism is the
// judge) behind `prism proxy --errors`. A scenario drives all five operations through a typed
// client, success and error paths; no response may carry an sl-violations header or be turned
// into a proxy error. A deliberately wrong upstream proves the proxy does catch drift.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { paths } from '@cckm/api-types';
import { type RunningPrism, startPrism } from '@cckm/mock';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../src/index.ts';
import { OTHER_DOMAIN_ID, startTestServer, type TestServer } from '../helpers.ts';

interface Seen {
  label: string;
  status: number;
  violations: string | null;
}

let server: TestServer;
let proxy: RunningPrism;
const seen: Seen[] = [];

beforeAll(async () => {
  server = await startTestServer({ VALIDATE_RESPONSES: 'false' });
  proxy = await startPrism({
    mode: 'proxy',
    upstream: server.baseUrl.replace(/\/api$/, ''),
    validateRequests: false,
  });
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

/** A typed client to the proxy that records every response's status and sl-violations header. */
async function through(label: string, claims: Parameters<TestServer['token']>[0] | null = {}) {
  const token = claims === null ? undefined : await server.token(claims);
  return createClient<paths>({
    baseUrl: proxy.url,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    querySerializer: { array: { style: 'form', explode: false } },
    fetch: async (request) => {
      const response = await fetch(request);
      seen.push({
        label: `${label}: ${request.method} ${new URL(request.url).pathname}`,
        status: response.status,
        violations: response.headers.get('sl-violations'),
      });
      return response;
    },
  });
}

const SYNC = '/v1/cckm/sfdc/keys/synchronization-jobs' as const;
const SAP = '/v1/cckm/sap/synchronization-jobs' as const;
const BACKUP = '/v1/cckm/sfdc/keys/{id}/delete-backup' as const;
const ORG = '/v1/cckm/sfdc/organizations/{id}' as const;
const { thales, seed002 } = DEMO.organizations;

describe('server behind prism proxy --errors', () => {
  test('when a scenario exercises every operation and error path, then no response violates the contract', async () => {
    const admin = await through('admin');
    const users = await through('CCKM Users', { groups: ['CCKM Users'] });
    const stranger = await through('other domain', { domainId: OTHER_DOMAIN_ID });
    const anonymous = await through('anonymous', null);
    // The job stays running until released, so the second sync is refused however fast the machine.
    const running = server.clouds.faults.hold({ endpoint: 'salesforce.query' });

    const started = await admin.POST(SYNC, { body: { organization_ids: [thales.id] } });
    expect(started.response.status).toBe(201);
    expect((await admin.POST(SYNC, { body: { synchronize_all: true } })).response.status).toBe(409);
    running.release();
    expect(
      (await admin.POST(SYNC, { body: { organization_ids: ['00DB00000009999ZZZ'] } })).response.status,
    ).toBe(422);
    expect(
      (await admin.POST(SYNC, { body: { synchronize_all: true, organization_ids: [seed002.id] } as never }))
        .response.status,
    ).toBe(400);
    expect((await users.POST(SYNC, { body: { synchronize_all: true } })).response.status).toBe(403);
    expect((await anonymous.GET(SYNC)).response.status).toBe(401);

    expect(
      (
        await users.GET(SYNC, {
          params: { query: { organizations: [thales.sfdcOrgId], sort: ['-updatedAt', 'createdAt'] } },
        })
      ).response.status,
    ).toBe(200);
    expect((await admin.GET(SYNC, { params: { query: { limit: 5000 } } })).response.status).toBe(400);

    expect(
      (await admin.POST(BACKUP, { params: { path: { id: DEMO.destroyedSecretId } } })).response.status,
    ).toBe(200);
    expect(
      (await admin.POST(BACKUP, { params: { path: { id: DEMO.destroyedSecretId } } })).response.status,
    ).toBe(404);
    expect(
      (await admin.POST(BACKUP, { params: { path: { id: DEMO.activeSecretId } } })).response.status,
    ).toBe(409);
    expect((await admin.POST(BACKUP, { params: { path: { id: 'not-a-uuid' } } })).response.status).toBe(400);

    expect((await admin.POST(SAP, { body: { groups: ['00RT000000060vKLOP'] } })).response.status).toBe(201);
    expect((await admin.POST(SAP, { body: { groups: ['00RT000000099zzZZZ'] } })).response.status).toBe(422);
    expect((await stranger.POST(SAP, { body: { synchronize_all: true } })).response.status).toBe(422);

    const patch = (client: typeof admin, id: string, connection: unknown) =>
      client.PATCH(ORG, { params: { path: { id } }, body: { connection } as never });
    expect((await patch(admin, thales.id, 'new-sfdc-connection')).response.status).toBe(200);
    expect((await patch(admin, thales.id, 'sap-dc-connection')).response.status).toBe(422);
    expect((await patch(admin, thales.id, 'other-sfdc-connection')).response.status).toBe(422);
    expect((await patch(stranger, thales.id, 'new-sfdc-connection')).response.status).toBe(404);
    expect((await patch(admin, thales.id, 7)).response.status).toBe(400);

    await server.runtime.runner.idle();
    const finished = await admin.GET(SYNC, { params: { query: { id: started.data?.id as string } } });
    expect(finished.data?.resources[0]?.overall_status).toBe('completed');
    expect(finished.data?.resources[0]?.detailed_status).toBeDefined();

    expect(new Set(seen.map((entry) => entry.status))).toEqual(
      new Set([200, 201, 400, 401, 403, 404, 409, 422]),
    );
    expect(seen.filter((entry) => entry.violations !== null)).toEqual([]);
  }, 90_000);
});

describe('the proxy itself', () => {
  let wrong: Server;
  let wrongProxy: RunningPrism;

  beforeAll(async () => {
    // An upstream that drifted: the job lacks its id and the POST answers 200 instead of 201.
    wrong = createServer((request, response) => {
      const job = {
        uri: 'kylo:kylo:cckm:synchronize:x',
        overall_status: 'in progress',
        cloud: 'sfdc',
        abort: false,
      };
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify(request.method === 'POST' ? job : { skip: 0, limit: 10, total: 1, resources: [job] }),
      );
    });
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    wrongProxy = await startPrism({
      mode: 'proxy',
      upstream: `http://127.0.0.1:${(wrong.address() as AddressInfo).port}`,
      validateRequests: false,
    });
  }, 60_000);
  afterAll(async () => {
    await wrongProxy?.close();
    await new Promise((resolve) => wrong.close(resolve));
  });

  test('when the upstream answers outside the contract, then the proxy reports the violations', async () => {
    const list = await fetch(`${wrongProxy.url}/v1/cckm/sfdc/keys/synchronization-jobs`, {
      headers: { Authorization: 'Bearer x' },
    });
    expect(list.status).toBe(500);
    const violations = JSON.parse(list.headers.get('sl-violations') ?? '[]') as { message: string }[];
    expect(violations.map((violation) => violation.message).join('\n')).toMatch(/id/);

    const created = await fetch(`${wrongProxy.url}/v1/cckm/sfdc/keys/synchronization-jobs`, {
      method: 'POST',
      headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' },
      body: '{"synchronize_all":true}',
    });
    expect(created.headers.get('sl-violations')).not.toBeNull();
  });
});
