// The probe-style check, kept as a test: every fault the fake clouds can inject, on every endpoint a
// synchronization calls, held for the whole job (the harshest case). Each Salesforce and SAP job
// ends (never left in progress), every target's line says what happened without quoting a cloud's
// body, and once the fault is gone the next jobs of the same organizations and groups are accepted
// and complete: no organization or group is left blocked (issue 24, issue 27).
import type { FakeEndpoint, Fault } from '@cckm/fake-clouds';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SAP_SYNC_PATH, SYNC_PATH, startTestServer, type TestServer } from '../../helpers.ts';

let server: TestServer;
beforeAll(async () => {
  // Fast retries, and a timeout short enough for a stalled answer to end a job soon.
  server = await startTestServer({ CLOUD_CALL_TIMEOUT_MS: '300', CLOUD_MAX_ATTEMPTS: '3' });
});
afterEach(() => server.clouds.faults.clear());
afterAll(() => server.close());

const FAULTS: Fault[] = [
  { kind: 'latency', ms: 5 },
  { kind: 'server-error' },
  { kind: 'server-error', status: 503 },
  { kind: 'request-limit' },
  { kind: 'request-limit', limit: 'daily' },
  { kind: 'request-limit', retryAfterSeconds: 3600 },
  { kind: 'too-many-requests' },
  { kind: 'expire-session' },
  { kind: 'malformed-json' },
  { kind: 'html-error' },
  { kind: 'redirect' },
  { kind: 'reset' },
  { kind: 'stall' },
];
const ENDPOINTS: FakeEndpoint[] = [
  'salesforce.token',
  'salesforce.query',
  'sap.auth',
  'sap.groups',
  'sap.keys',
];

/** Starts a Salesforce and an SAP job over every organization and group; their IDs. */
async function startJobs(): Promise<string[]> {
  const salesforce = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
  const sap = await server.admin.POST(SAP_SYNC_PATH, { body: { synchronize_all: true } });
  expect([salesforce.response.status, sap.response.status]).toEqual([201, 201]);
  return [salesforce.data?.id as string, sap.data?.id as string];
}

/** The job once it is no longer in progress, with its targets' lines. */
async function ended(id: string) {
  for (let attempt = 0; attempt < 800; attempt += 1) {
    const row = await server.runtime.store.syncJobs.get(id);
    if (row && row.job.overall_status !== 'in_progress') return row;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${id} still in progress after 20 s`);
}

describe('fault scenarios', () => {
  it.each(FAULTS.map((fault) => [JSON.stringify(fault), fault] as const))(
    'when %s holds on every endpoint in turn, then every job ends and nothing stays blocked',
    async (_name, fault) => {
      for (const endpoint of ENDPOINTS) {
        server.clouds.faults.inject({ endpoint, fault });
        const faulted = await Promise.all((await startJobs()).map(ended));
        for (const { job, targets } of faulted) {
          expect(['completed', 'failed'], `${endpoint}: ${job.overall_status}`).toContain(job.overall_status);
          for (const target of targets) expect(target.message, endpoint).not.toMatch(/<html|<!DOCTYPE/i);
        }
        server.clouds.faults.clear();
        const after = await Promise.all((await startJobs()).map(ended));
        for (const { job, targets } of after) {
          expect(job.overall_status, `${endpoint}, after the fault`).toBe('completed');
          for (const target of targets) expect(target.message, endpoint).toMatch(/^synchronized /);
        }
      }
    },
  );
});
