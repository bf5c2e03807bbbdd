// cckm against the real server: every command, with the outcomes the demo data gives and every
// problem caused for real (unknown organization, ACTIVE secret, SAP connection, refused token).
//
// The server is started here in-process (helpers.ts: dev profile, in-memory SQLite, the demo data,
// its own fake Salesforce and SAP). To run the same tests against a running server instead, set
// CCKM_TEST_SERVER_URL (its API root, e.g. http://127.0.0.1:8080/api) and CCKM_TEST_SERVER_TOKEN
// (an admin token of the demo domain, e.g. from `pnpm token`); it needs the dev profile's demo
// data. The tests leave the organizations on their connections; they delete the demo backup (on a
// server that already lost it, the 404 that follows is accepted).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cckm, cckmProcess, startDemoServer } from './helpers.ts';

const THALES = { id: '2473e846-31a8-4ee6-8299-17025548b4e2', sfdcOrgId: '00DB000000040bIMAQ' };
const EUROPE = { id: 'ce0ffe4b-fbda-4e87-88af-4b9b4e6484f9', sfdcOrgId: '00DB000000012ABCDE' };
const DESTROYED_SECRET = '912c7e4d-121e-42bc-ba28-33005cc665cf';
const ACTIVE_SECRET = '5c1f0b3e-8a53-4e0a-9d1c-2b7f4f0e6a11';
const SAP_GROUP = '00RT000000060vKLOP';
const UNKNOWN_ID = '0f6a3d9e-5b7c-4d2e-9f1a-2b3c4d5e6f70';
const UNKNOWN_ORGANIZATION = '00DB00000009999ZZZ';
/** How long a real job may take on a loaded machine. */
const JOB_TEST_TIMEOUT = 90_000;

const externalUrl = process.env.CCKM_TEST_SERVER_URL;
const external = externalUrl
  ? { baseUrl: externalUrl, token: process.env.CCKM_TEST_SERVER_TOKEN ?? '', close: async () => {} }
  : undefined;

let env: { CCKM_URL: string; CCKM_TOKEN: string };
let stop: () => Promise<void> = async () => {};
let scratch: string;
beforeAll(async () => {
  const server = external ?? (await startDemoServer());
  env = { CCKM_URL: server.baseUrl, CCKM_TOKEN: server.token };
  stop = () => server.close();
  scratch = await mkdtemp(join(tmpdir(), 'cckm-cli-'));
}, 60_000);
afterAll(async () => {
  await stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The first stderr line: `title: detail`. */
const firstLine = (stderr: string) => stderr.split('\n')[0] ?? '';

describe(`commands against the server${external ? ` at ${externalUrl}` : ''}`, () => {
  test(
    'when sfdc sync --all --wait --json runs, then the job completes for every demo organization',
    async () => {
      const run = await cckm(['sfdc', 'sync', '--all', '--wait', '--json', '--interval', '100'], { env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const job = JSON.parse(run.stdout);
      expect(job).toMatchObject({ cloud: 'sfdc', overall_status: 'completed', abort: false });
      expect([...job.kms].sort()).toEqual([EUROPE.sfdcOrgId, THALES.sfdcOrgId].sort());
      expect(Object.keys(job.detailed_status).sort()).toEqual([...job.kms].sort());
      expect(job.completed_at).toEqual(expect.any(String));
      // The first request started the job, the later ones asked for it by ID.
      expect(run.requests[0]?.method).toBe('POST');
      expect(await run.requests[0]?.json()).toEqual({ synchronize_all: true });
      expect(new URL(run.requests.at(-1)?.url as string).searchParams.get('id')).toBe(job.id);
    },
    JOB_TEST_TIMEOUT,
  );

  test(
    'when sfdc sync --org --wait runs without a terminal, then progress is plain lines, then the finished job',
    async () => {
      const run = await cckm(['sfdc', 'sync', '--org', THALES.id, '--wait', '--interval', '100'], { env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await run.requests[0]?.json()).toEqual({ organization_ids: [THALES.id] });
      const lines = run.stdout.split('\n');
      expect(lines[0]).toMatch(/^\[\d+s\] job [0-9a-f-]{36} (in_progress|completed) \(1 organization\)$/);
      expect(run.stdout).toMatch(/^\[\d+s\] job [0-9a-f-]{36} completed \(1 organization\)$/m);
      expect(run.stdout).not.toContain('\u001b[');
      expect(run.stdout).toMatch(/│ status +│ completed/);
      expect(run.stdout).toMatch(new RegExp(`│ organizations +│ ${THALES.sfdcOrgId}`));
    },
    JOB_TEST_TIMEOUT,
  );

  test(
    'when --wait runs on a terminal, then the progress block is drawn in place and ends with a tick',
    async () => {
      const run = await cckm(['sfdc', 'sync', '--org', EUROPE.sfdcOrgId, '--wait', '--interval', '100'], {
        env,
        tty: true,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('\u001b[');
      expect(run.stdout).toMatch(/✔ Job [0-9a-f-]{36} completed: 1 of 1 organization handled/);
      expect(run.stdout).toContain(EUROPE.sfdcOrgId);
    },
    JOB_TEST_TIMEOUT,
  );

  test('when jobs list has filters and a sort, then the server applies them', async () => {
    const run = await cckm(
      ['jobs', 'list', '--status', 'completed', '--org', THALES.sfdcOrgId, '--sort', 'createdAt', '--json'],
      { env },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const page = JSON.parse(run.stdout);
    expect(page).toMatchObject({ skip: 0, limit: 10 });
    expect(page.total).toBeGreaterThanOrEqual(2); // the two syncs above that covered Thales
    for (const job of page.resources) {
      expect(job.overall_status).toBe('completed');
      expect(job.kms).toContain(THALES.sfdcOrgId);
    }
    const created = page.resources.map((job: { createdAt: string }) => job.createdAt);
    expect(created).toEqual([...created].sort());

    const table = await cckm(['jobs', 'list', '--limit', '1'], { env });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ ID +│ STATUS +│ ORGANIZATIONS +│ CREATED +│ COMPLETED +│/);
    expect(table.stdout).toMatch(/^Jobs 1-1 of \d+\.$/m);
  });

  test('when jobs list --all runs, then it pages through every job the server counts', async () => {
    const first = await cckm(['jobs', 'list', '--limit', '1', '--json'], { env });
    const { total } = JSON.parse(first.stdout);
    expect(total).toBeGreaterThanOrEqual(3);
    const all = await cckm(['jobs', 'list', '--all', '--json'], { env });
    expect(all.code).toBe(0);
    const jobs = JSON.parse(all.stdout) as { id: string }[];
    expect(jobs).toHaveLength(total);
    expect(new Set(jobs.map((job) => job.id)).size).toBe(total);
  });

  test('when jobs watch names a finished job, then it is printed at once; an unknown one is not found (1)', async () => {
    const latest = JSON.parse((await cckm(['jobs', 'list', '--limit', '1', '--json'], { env })).stdout);
    const id = latest.resources[0].id as string;
    const run = await cckm(['jobs', 'watch', id, '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id, overall_status: 'completed' });

    const unknown = await cckm(['jobs', 'watch', UNKNOWN_ID], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Job not found: /);
  });

  test('when sap sync runs, then an SAP job starts; an SAP job cannot then be watched (1)', async () => {
    const run = await cckm(['sap', 'sync', '--group', SAP_GROUP, '--json'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await run.requests[0]?.json()).toEqual({ groups: [SAP_GROUP] });
    const job = JSON.parse(run.stdout);
    expect(job).toMatchObject({ cloud: 'sap', groups: [SAP_GROUP] });

    const watched = await cckm(['jobs', 'watch', job.id], { env });
    expect(watched.code).toBe(1);
    expect(watched.stderr).toMatch(new RegExp(`^Job not found: .*${job.id}`));
    expect(watched.stderr).toContain('SAP job cannot be waited for');
  });

  test('when sap sync names a group the domain lacks, then the problem is printed (1)', async () => {
    const run = await cckm(['sap', 'sync', '--group', UNKNOWN_ID], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(firstLine(run.stderr)).toMatch(/^Unknown SAP group: .*0f6a3d9e-5b7c-4d2e-9f1a-2b3c4d5e6f70/);
  });

  test('when sfdc sync names an unknown or malformed organization, then the problem is printed (1)', async () => {
    const unknown = await cckm(['sfdc', 'sync', '--org', UNKNOWN_ORGANIZATION], { env });
    expect(unknown.code).toBe(1);
    expect(firstLine(unknown.stderr)).toMatch(
      new RegExp(`^Unknown Salesforce organization: .*${UNKNOWN_ORGANIZATION}`),
    );

    const malformed = await cckm(['sfdc', 'sync', '--org', 'not-an-organization'], { env });
    expect(malformed.code).toBe(1);
    expect(firstLine(malformed.stderr)).toMatch(/^Request validation failed: /);
    expect(malformed.stderr).toMatch(/^ {2}\/body\/organization_ids\/0: /m);
  });

  test('when the demo backup is deleted, then the secret is shown; again, it is not found (1)', async () => {
    const run = await cckm(['secrets', 'delete-backup', DESTROYED_SECRET], { env });
    if (run.code === 0) {
      expect(run.stdout).toMatch(new RegExp(`│ id +│ ${DESTROYED_SECRET}`));
      expect(run.stdout).toMatch(/│ status +│ DESTROYED/);
      expect(run.stdout).toMatch(new RegExp(`│ organization +│ ${EUROPE.sfdcOrgId} \\(${EUROPE.id}\\)`));
    } else {
      // Only a server whose demo backup an earlier run deleted.
      expect({ external: Boolean(external), stderr: firstLine(run.stderr) }).toEqual({
        external: true,
        stderr: expect.stringMatching(/^Resource not found: /),
      });
    }
    const again = await cckm(['secrets', 'delete-backup', DESTROYED_SECRET, '--json'], { env });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    // With --json the problem is printed as JSON (issue 24, defect 10).
    expect(JSON.parse(again.stderr)).toMatchObject({ title: 'Resource not found', status: 404 });
  });

  test('when a backup cannot be deleted, then the problem says why (1)', async () => {
    const active = await cckm(['secrets', 'delete-backup', ACTIVE_SECRET], { env });
    expect(active.code).toBe(1);
    expect(firstLine(active.stderr)).toMatch(/^Tenant secret is not destroyed: .*DESTROYED/);

    const unknown = await cckm(['secrets', 'delete-backup', UNKNOWN_ID], { env });
    expect(unknown.code).toBe(1);
    expect(firstLine(unknown.stderr)).toMatch(/^Resource not found: /);

    const malformed = await cckm(['secrets', 'delete-backup', 'not-a-uuid'], { env });
    expect(malformed.code).toBe(1);
    expect(firstLine(malformed.stderr)).toMatch(/^Request validation failed: /);
    expect(malformed.stderr).toMatch(/^ {2}\/\w+\/id: .*uuid/m);
  });

  test('when orgs set-connection runs, then the organization moves; refused connections are problems (1)', async () => {
    const moved = await cckm(['orgs', 'set-connection', THALES.id, 'new-sfdc-connection', '--json'], { env });
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.requests[0]?.method).toBe('PATCH');
    expect(JSON.parse(moved.stdout)).toMatchObject({
      id: THALES.id,
      organization_id: THALES.sfdcOrgId,
      connection: 'new-sfdc-connection',
    });

    const refusals: [string[], RegExp][] = [
      [[THALES.id, 'sap-dc-connection'], /^Not a Salesforce connection: .*sap-dc-connection/],
      [[THALES.id, 'no-such-connection'], /^Connection not found: .*no-such-connection/],
      // sfdc-connection logs in to Thales' organization, not to Thales Europe's.
      [[EUROPE.id, 'sfdc-connection'], /^Connection cannot reach the organization: /],
      [[UNKNOWN_ID, 'sfdc-connection'], /^Resource not found: /],
    ];
    for (const [args, message] of refusals) {
      const run = await cckm(['orgs', 'set-connection', ...args], { env });
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 1, stdout: '' });
      expect(firstLine(run.stderr)).toMatch(message);
    }

    // Back on its original connection, shown as a table.
    const back = await cckm(['orgs', 'set-connection', THALES.id, 'sfdc-connection'], { env });
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/│ connection +│ sfdc-connection/);
    expect(back.stdout).toMatch(/│ name +│ Thales/);
  });

  test('when a query is out of range, then the field errors are printed (1)', async () => {
    const run = await cckm(['jobs', 'list', '--limit', '5000'], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(firstLine(run.stderr)).toMatch(/^Request validation failed: /);
    expect(run.stderr).toMatch(/^ {2}\/query\/limit: /m);
  });
});

describe('tokens against the server', () => {
  test('when the token is refused, then the 401 problem is printed (1)', async () => {
    const run = await cckm(['jobs', 'list', '--token', 'not-a-token'], { env: { CCKM_URL: env.CCKM_URL } });
    expect(run.code).toBe(1);
    expect(firstLine(run.stderr)).toMatch(/^Unauthorized: /);
  });

  test('when the token command first prints a refused token, then it runs again on the 401 and the retry succeeds', async () => {
    const marker = join(scratch, 'asked-once');
    // First run: a token the server refuses; every later run: the real one.
    const command = `if [ -e '${marker}' ]; then printf '%s' "$GOOD_TOKEN"; else : > '${marker}'; printf stale; fi`;
    const run = await cckm(['jobs', 'list', '--limit', '1', '--json', '--token-command', command], {
      env: { CCKM_URL: env.CCKM_URL, GOOD_TOKEN: env.CCKM_TOKEN },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.requests.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer stale',
      `Bearer ${env.CCKM_TOKEN}`,
    ]);
    expect(JSON.parse(run.stdout)).toMatchObject({ limit: 1 });
  });
});

describe('the executable against the server', () => {
  test('when run as a process, then it lists jobs as JSON and a problem sets exit code 1', async () => {
    const run = (args: string[]) => cckmProcess(args, env);
    const list = await run(['jobs', 'list', '--json']);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).total).toBeGreaterThanOrEqual(1);
    const refused = await run(['secrets', 'delete-backup', ACTIVE_SECRET]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Tenant secret is not destroyed: /);
  }, 60_000);
});
