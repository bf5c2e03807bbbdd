import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO, DEMO_DOMAIN_ID as DEMO_DOMAIN } from '../../../src/index.ts';
import { startTestServer, type TestServer } from '../../helpers.ts';

const PATH = '/v1/cckm/sfdc/organizations/{id}' as const;
const { thales } = DEMO.organizations;
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const patch = (connection: string, id: string = thales.id) =>
  server.admin.PATCH(PATH, { params: { path: { id } }, body: { connection } });

describe('PATCH organizations/{id}', () => {
  test("when seed 004's connection is named, then 200 answers the organization on its new connection", async () => {
    const { data, response } = await patch('new-sfdc-connection');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      id: thales.id,
      uri: `kylo:kylo:cckm:sfdc-organization:${thales.id}`,
      name: 'Thales',
      organization_id: thales.sfdcOrgId,
      connection: 'new-sfdc-connection',
      cloud_name: 'sfdc',
      type: 'Regular',
      createdAt: '2021-07-22T07:10:29.961760Z',
    });
    expect(data?.updatedAt && data.updatedAt > '2021-07-22T07:10:29.961760Z').toBe(true);
    const stored = await server.runtime.store.organizations.get(DEMO_DOMAIN, thales.id);
    expect(stored?.connection_name).toBe('new-sfdc-connection');
  });

  test('when the body is a merge patch (RFC 7396), then it is applied; another media type is a 415 with Accept-Patch', async () => {
    const send = async (contentType: string) =>
      fetch(`${server.baseUrl}/v1/cckm/sfdc/organizations/${thales.id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${await server.token()}`, 'Content-Type': contentType },
        body: JSON.stringify({ connection: 'new-sfdc-connection' }),
      });
    const merged = await send('application/merge-patch+json');
    expect(merged.status).toBe(200);
    expect(((await merged.json()) as { connection: string }).connection).toBe('new-sfdc-connection');
    const refused = await send('text/plain');
    expect(refused.status).toBe(415);
    expect(refused.headers.get('accept-patch')).toBe('application/json, application/merge-patch+json');
  });

  test('when the connection is named by resource ID, then it is used', async () => {
    const { data } = await patch(DEMO.connections.seed004.id);
    expect(data?.connection).toBe('new-sfdc-connection');
  });

  test.each([
    [
      'does not exist',
      'no-such-connection',
      'connection-not-found',
      'No connection named or identified no-such-connection in this domain',
    ],
    [
      'is an SAP connection',
      'sap-dc-connection',
      'connection-not-salesforce',
      'Connection sap-dc-connection is a sap connection, not a Salesforce connection',
    ],
    [
      'reaches another organization',
      'other-sfdc-connection',
      'connection-cannot-reach-organization',
      'Connection other-sfdc-connection reaches Salesforce organization 00DB000000012ABCDE, not 00DB000000040bIMAQ',
    ],
    [
      'cannot log in',
      'expired-sfdc-connection',
      'connection-cannot-reach-organization',
      'Connection expired-sfdc-connection cannot reach Salesforce organization 00DB000000040bIMAQ: Salesforce refused the login of connection expired-sfdc-connection: invalid_client (invalid client credentials)',
    ],
  ])(
    'when the connection %s, then 422 says which check failed and nothing changes',
    async (_case, connection, kind, detail) => {
      const { error, response } = await patch(connection);
      expect(response.status).toBe(422);
      expect(error).toMatchObject({
        type: `tag:cckm-contract.github.io,2026:problem:${kind}`,
        status: 422,
        detail,
      });
      const stored = await server.runtime.store.organizations.get(DEMO_DOMAIN, thales.id);
      expect(stored?.connection_name).toBe('sfdc-connection');
    },
  );

  test('when the organization is unknown, then 404', async () => {
    const { error, response } = await patch('new-sfdc-connection', '2cf88f46-441b-40e2-bc2c-1633f7e4ff4c');
    expect(response.status).toBe(404);
    expect(error?.detail).toBe('No Salesforce organization 2cf88f46-441b-40e2-bc2c-1633f7e4ff4c');
  });

  test.each([
    ['an extra field', { connection: 'new-sfdc-connection', name: 'x' }, '/body/name'],
    ['no connection', {}, '/body/connection'],
    ['an empty connection', { connection: '' }, '/body/connection'],
    ['a number', { connection: 7 }, '/body/connection'],
  ])('when the body has %s, then 400 points at it', async (_case, body, path) => {
    const { error, response } = await server.admin.PATCH(PATH, {
      params: { path: { id: thales.id } },
      body: body as never,
    });
    expect(response.status).toBe(400);
    expect(error?.errors?.map((entry) => entry.path)).toContain(path);
  });

  test('when Salesforce takes longer than CLOUD_TIMEOUT_MS, then 504 cloud-timeout and nothing changes', async () => {
    const slow = await startTestServer({ CLOUD_TIMEOUT_MS: '150' });
    // Salesforce never answers until released: a 504 can only come from the server's own timeout.
    const silent = slow.clouds.faults.hold();
    try {
      const { error, response } = await slow.admin.PATCH(PATH, {
        params: { path: { id: thales.id } },
        body: { connection: 'new-sfdc-connection' },
      });
      expect(response.status).toBe(504);
      expect(error).toMatchObject({
        type: 'tag:cckm-contract.github.io,2026:problem:cloud-timeout',
        detail:
          'Salesforce did not answer within 150 ms while connection new-sfdc-connection was checked; nothing was changed. Try again later.',
      });
      const stored = await slow.runtime.store.organizations.get(DEMO_DOMAIN, thales.id);
      expect(stored?.connection_name).toBe('sfdc-connection');
    } finally {
      silent.release();
      await slow.close();
    }
  });
});
