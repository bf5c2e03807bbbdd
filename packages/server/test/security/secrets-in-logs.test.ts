// No credential, token or key material reaches a log line, and no credential reaches a response:
// every log line (trace level) and every answer of a session that logs in to both clouds over
// both Salesforce flows, fails a login, and syncs secrets is searched for them.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger, DEMO, type SalesforceCredentials, type SapCredentials } from '../../src/index.ts';
import {
  SAP_SYNC_PATH,
  type SharedClouds,
  SYNC_PATH,
  startDemoClouds,
  startTestServer,
  type TestServer,
} from '../helpers.ts';

let clouds: SharedClouds;
let server: TestServer;
const logged: string[] = [];
const answered: string[] = [];

beforeAll(async () => {
  clouds = await startDemoClouds();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  server = await startTestServer({ LOG_LEVEL: 'trace' }, {}, clouds, createLogger({ level: 'trace' }, sink));
  const record = async <T extends { response?: Response }>(call: Promise<T>) => {
    const result = await call;
    answered.push(JSON.stringify(result));
    return result;
  };
  const all = await record(server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } }));
  await server.waitForJob((all as { data?: { id: string } }).data?.id as string);
  await record(server.admin.POST(SAP_SYNC_PATH, { body: { synchronize_all: true } }));
  await server.runtime.runner.idle();
  for (const connection of ['new-sfdc-connection', 'expired-sfdc-connection', 'other-sfdc-connection']) {
    await record(
      server.admin.PATCH('/v1/cckm/sfdc/organizations/{id}', {
        params: { path: { id: DEMO.organizations.thales.id } },
        body: { connection },
      }),
    );
  }
  await record(server.admin.GET(SYNC_PATH, { params: { query: { limit: 50 } } }));
}, 60_000);
afterAll(async () => {
  await server.close();
  await clouds.clouds.close();
});

describe('secrets', () => {
  test('when both clouds were used, then the log has lines (the search below is not vacuous)', () => {
    const text = logged.join('');
    expect(text).toContain('"msg":"request"');
    expect(text).toContain('"status":422');
    expect(text).toContain('"msg":"job finished"');
  });

  test('when the logs and answers are searched, then no credential, token or key material is in them', async () => {
    const secrets: string[] = [await server.token()];
    for (const credentials of Object.values(clouds.demoCredentials)) {
      const { privateKeyPem, clientSecret } = credentials as SalesforceCredentials & {
        privateKeyPem?: string;
        clientSecret?: string;
      };
      if (privateKeyPem) secrets.push(privateKeyPem.split('\n')[1] as string);
      if (clientSecret) secrets.push(clientSecret);
      const { apiSecret } = credentials as Partial<SapCredentials>;
      if (apiSecret) secrets.push(apiSecret);
    }
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const logText = logged.join('');
    const answerText = answered.join('');
    for (const secret of secrets) {
      expect(logText).not.toContain(secret);
      expect(answerText).not.toContain(secret);
    }
    // Salesforce session IDs (org ID, "!", token) and the tenant secrets' backup values.
    expect(logText).not.toMatch(/00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{10,}/);
    expect(logText).not.toMatch(/"access_token"|Bearer [A-Za-z0-9._-]{20,}/);
    for (const organization of clouds.cloudState.salesforce.organizations.values())
      for (const secret of organization.secrets) expect(logText).not.toContain(secret.SecretValue);
  });
});
