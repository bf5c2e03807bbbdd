// cckm against `prism mock --errors` on the contract: every command, tables and --json, the exit
// codes (1 problem, 2 usage, 3 network), tokens from flags, environment and a token command.
// The same commands against the real server, with problems caused for real: cli-vs-server.test.ts.
import { freePort, mockToken, type RunningPrism, startPrism } from '@cckm/mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cckm, cckmProcess } from './helpers.ts';

const JOB = 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a';
const ORG = '2473e846-31a8-4ee6-8299-17025548b4e2';
const SECRET = '912c7e4d-121e-42bc-ba28-33005cc665cf';

// The mock refuses what no server would accept: tokens are well-formed JWTs (any signature).
const TOKEN = mockToken();
const FROM_COMMAND = mockToken({ username: 'from-command' });
const FROM_ENV = mockToken({ username: 'env-token' });
const FROM_FLAG = mockToken({ username: 'flag-token' });

let prism: RunningPrism;
let env: Record<string, string>;
beforeAll(async () => {
  prism = await startPrism({ mode: 'mock' });
  env = { CCKM_URL: prism.url, CCKM_TOKEN: TOKEN };
}, 60_000);
afterAll(() => prism?.close());

describe('commands against the mock', () => {
  test('when sfdc sync --all runs, then it posts synchronize_all and prints the started job as a table', async () => {
    const run = await cckm(['sfdc', 'sync', '--all'], { env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(await run.requests[0]?.json()).toEqual({ synchronize_all: true });
    expect(run.requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(run.stdout).toMatch(new RegExp(`│ id +│ ${JOB}`));
    expect(run.stdout).toMatch(/│ status +│ in_progress/);
  });

  test('when sfdc sync --org is repeated or comma-separated, then every organization is sent', async () => {
    const run = await cckm(
      ['sfdc', 'sync', '--org', ORG, '--org', '00DB000000040bIMAQ,00DB000000040bIMAX', '--json'],
      {
        env,
      },
    );
    expect(run.code).toBe(0);
    expect(await run.requests[0]?.json()).toEqual({
      organization_ids: [ORG, '00DB000000040bIMAQ', '00DB000000040bIMAX'],
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ id: JOB, overall_status: 'in_progress', cloud: 'sfdc' });
  });

  test('when sfdc sync --all --wait runs without a terminal, then progress is plain lines, then the job', async () => {
    const run = await cckm(['sfdc', 'sync', '--all', '--wait', '--interval', '100'], { env });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\[\\d+s\\] job ${JOB} completed \\(1 organization\\)$`));
    expect(lines[1]).toMatch(/^\[\d+s\] {3}00DB000000040bIMAQ: Error listing keys from SFDC:/);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toMatch(/│ status +│ completed/);
    const poll = new URL(run.requests[1]?.url as string);
    expect(poll.searchParams.get('id')).toBe(JOB);
  });

  test('when --wait runs on a terminal, then the progress block is drawn in place', async () => {
    const run = await cckm(['sfdc', 'sync', '--all', '--wait'], { env, tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\u001b['); // cursor movement/erase from log-update
    expect(run.stdout).toContain(`✔ Job ${JOB} completed: 1 of 1 organization handled`);
    expect(run.stdout).toMatch(/• 00DB000000040bIMAQ {2}Error listing keys from SFDC:/);
  });

  test('when --wait and --json are combined, then stdout is only the finished job as JSON', async () => {
    const run = await cckm(['sfdc', 'sync', '--all', '--wait', '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: JOB, overall_status: 'completed' });
  });

  test('when jobs list has filters, then they reach the query and the page prints as a table', async () => {
    const run = await cckm(
      [
        'jobs',
        'list',
        '--status',
        'completed',
        '--org',
        ORG,
        '--sort',
        '-createdAt',
        '--sort',
        'overall_status',
        '--limit',
        '5',
      ],
      { env },
    );
    expect(run.code).toBe(0);
    const query = new URL(run.requests[0]?.url as string).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      overall_status: 'completed',
      organizations: ORG,
      sort: '-createdAt,overall_status',
      limit: '5',
    });
    expect(run.stdout).toMatch(/│ ID +│ STATUS +│ ORGANIZATIONS +│ CREATED +│ COMPLETED +│/);
    expect(run.stdout).toContain('8d5ccc9f-0d18-482d-bb13-593665a4813c');
    expect(run.stdout).toContain('Jobs 1-2 of 2.');
  });

  test('when jobs list --json runs, then stdout is the page as the contract has it', async () => {
    const run = await cckm(['jobs', 'list', '--json'], { env });
    expect(run.code).toBe(0);
    const page = JSON.parse(run.stdout);
    expect(page).toMatchObject({ skip: 0, limit: 10, total: 2 });
    expect(page.resources.map((job: { id: string }) => job.id)).toEqual([
      JOB,
      '8d5ccc9f-0d18-482d-bb13-593665a4813c',
    ]);
  });

  test('when jobs list --all runs, then it pages until total and prints every job', async () => {
    const run = await cckm(['jobs', 'list', '--all', '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });

  test('when jobs watch runs, then the job is followed by id and printed', async () => {
    const run = await cckm(['jobs', 'watch', JOB, '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: JOB, overall_status: 'completed' });
    expect(new URL(run.requests[0]?.url as string).searchParams.get('id')).toBe(JOB);
  });

  test('when jobs watch names a job the list does not have, then it says not found and exits 1', async () => {
    const run = await cckm(['jobs', 'watch', '0f6a3d9e-5b7c-4d2e-9f1a-2b3c4d5e6f70'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Job not found: No Salesforce synchronization job 0f6a3d9e-/);
    expect(run.stderr).toContain('SAP job cannot be waited for');
  });

  test('when sap sync --group runs, then groups are sent and the SAP job printed (table and JSON)', async () => {
    const table = await cckm(['sap', 'sync', '--group', '00RT000000060vKLOP'], { env });
    expect(table.code).toBe(0);
    expect(await table.requests[0]?.json()).toEqual({ groups: ['00RT000000060vKLOP'] });
    expect(table.stdout).toMatch(/│ cloud +│ sap/);
    expect(table.stdout).toMatch(/│ groups +│/);
    expect(table.stdout).toContain('SAP jobs cannot be followed');
    const json = await cckm(['sap', 'sync', '--all', '--json'], { env });
    expect(await json.requests[0]?.json()).toEqual({ synchronize_all: true });
    expect(JSON.parse(json.stdout)).toMatchObject({ cloud: 'sap' });
  });

  test('when sap sync --wait is asked, then it refuses before any request: SAP jobs are not observable', async () => {
    const run = await cckm(['sap', 'sync', '--all', '--wait'], { env });
    expect(run.code).toBe(2);
    expect(run.requests).toHaveLength(0);
    expect(run.stderr).toContain('SAP jobs cannot be waited for');
  });

  test('when secrets delete-backup runs, then the deleted backup is shown (table and JSON)', async () => {
    const table = await cckm(['secrets', 'delete-backup', SECRET], { env });
    expect(table.code).toBe(0);
    expect(new URL(table.requests[0]?.url as string).pathname).toBe(
      `/api/v1/cckm/sfdc/keys/${SECRET}/delete-backup`,
    );
    expect(table.stdout).toMatch(/│ status +│ DESTROYED/);
    const json = await cckm(['secrets', 'delete-backup', SECRET, '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      id: SECRET,
      name: '12345678901ABCDEFG-DeterministicData',
    });
  });

  test('when orgs set-connection runs, then the connection is patched and the organization shown', async () => {
    const table = await cckm(['orgs', 'set-connection', ORG, 'new-sfdc-connection'], { env });
    expect(table.code).toBe(0);
    expect(table.requests[0]?.method).toBe('PATCH');
    expect(await table.requests[0]?.json()).toEqual({ connection: 'new-sfdc-connection' });
    expect(table.stdout).toMatch(/│ connection +│ new-sfdc-connection/);
    const json = await cckm(['orgs', 'set-connection', ORG, 'new-sfdc-connection', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ id: ORG, connection: 'new-sfdc-connection' });
  });
});

describe('problems, usage errors and network errors', () => {
  test('when the server refuses the input, then title: detail and the field errors go to stderr, exit 1', async () => {
    const run = await cckm(['jobs', 'list', '--limit', '5000'], { env });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const [first, ...fields] = run.stderr.trim().split('\n');
    expect(first).toMatch(/^[^:]+: .+/);
    expect(fields.join('\n')).toContain('limit');
  });

  test('when a path ID is not a UUID, then the problem is printed and the exit code is 1', async () => {
    const run = await cckm(['secrets', 'delete-backup', 'not-a-uuid'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^[^:\n]+: /);
  });

  test.each([
    [['jobs', 'list', '--status', 'running'], /argument 'running' is invalid/],
    [['jobs', 'list', '--sort', 'name'], /unknown sort key name/],
    [['jobs', 'list', '--limit', 'ten'], /--limit must be an integer/],
    [['jobs', 'list', '--frobnicate'], /unknown option '--frobnicate'/],
    [['sfdc', 'sync'], /Name organizations with --org/],
    [['sfdc', 'sync', '--all', '--org', ORG], /cannot be used with option '--org/],
    [['jobs', 'watch'], /missing required argument 'id'/],
    [['orgs', 'set-connection', ORG], /missing required argument 'connection'/],
    [['launch'], /unknown command 'launch'/],
    [[], /Usage: cckm/],
  ])(
    'when cckm %j is called, then it is a usage error (exit 2) and nothing is sent',
    async (argv, message) => {
      const run = await cckm(argv, { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.requests).toHaveLength(0);
    },
  );

  test('when no URL or no token is configured, then it says how to give one (exit 2)', async () => {
    const noUrl = await cckm(['jobs', 'list'], { env: { CCKM_TOKEN: 'x' } });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('pass --url <url> or set CCKM_URL');
    const noToken = await cckm(['jobs', 'list', '--url', prism.url], {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('CCKM_TOKEN_COMMAND');
  });

  test('when nothing listens at the URL, then a network error is printed and the exit code is 3', async () => {
    const port = await freePort();
    const run = await cckm(['jobs', 'list', '--url', `http://127.0.0.1:${port}/api`, '--token', 'x']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^Network error: GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/cckm\/sfdc\/keys\/synchronization-jobs failed: .*ECONNREFUSED/,
    );
  });

  test('when a watched job ends failed, then the job is printed and the exit code is 1', async () => {
    const failed = {
      id: JOB,
      uri: `kylo:kylo:cckm:synchronize:${JOB}`,
      account: 'kylo:kylo:admin:accounts:kylo',
      application: 'ncryptify:gemalto:admin:apps:kylo',
      devAccount: 'ncryptify:gemalto:admin:accounts:gemalto',
      createdAt: '2021-07-27T03:06:20.002297124Z',
      updatedAt: '2021-07-27T03:06:21.002297124Z',
      completed_at: '2021-07-27T03:06:21.002297124Z',
      overall_status: 'failed',
      detailed_status: { '00DB000000040bIMAQ': 'Salesforce refused the connection' },
      cloud: 'sfdc',
      kms: ['00DB000000040bIMAQ'],
      abort: false,
    };
    const fetch = async () => Response.json({ skip: 0, limit: 1, total: 1, resources: [failed] });
    const run = await cckm(['jobs', 'watch', JOB], { env, fetch });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/│ status +│ failed/);
    expect(run.stderr).toContain(`job ${JOB} ended failed`);
  });
});

describe('tokens', () => {
  test('when --token-command is given, then its stdout (trimmed) is the bearer token', async () => {
    const run = await cckm([
      'jobs',
      'list',
      '--url',
      prism.url,
      '--token-command',
      `echo "  ${FROM_COMMAND}  "`,
    ]);
    expect(run.code).toBe(0);
    expect(run.requests[0]?.headers.get('authorization')).toBe(`Bearer ${FROM_COMMAND}`);
  });

  test('when CCKM_TOKEN_COMMAND is set, then it is used; a --token flag beats it', async () => {
    const fromEnv = await cckm(['jobs', 'list'], {
      env: { CCKM_URL: prism.url, CCKM_TOKEN_COMMAND: `printf ${FROM_ENV}` },
    });
    expect(fromEnv.requests[0]?.headers.get('authorization')).toBe(`Bearer ${FROM_ENV}`);
    const fromFlag = await cckm(['jobs', 'list', '--token', FROM_FLAG], {
      env: { CCKM_URL: prism.url, CCKM_TOKEN_COMMAND: `printf ${FROM_ENV}` },
    });
    expect(fromFlag.requests[0]?.headers.get('authorization')).toBe(`Bearer ${FROM_FLAG}`);
  });

  test('when the token command fails, then its stderr is shown and the exit code is 2', async () => {
    const run = await cckm([
      'jobs',
      'list',
      '--url',
      prism.url,
      '--token-command',
      'echo vault sealed >&2; exit 4',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('The token command failed (exit 4): vault sealed');
    expect(run.requests).toHaveLength(0);
  });
});

describe('help', () => {
  test.each([
    [[], 'Usage: cckm [options] [command]'],
    [['sfdc'], 'Usage: cckm sfdc [options] [command]'],
    [['sfdc', 'sync'], 'Usage: cckm sfdc sync [options]'],
    [['sap', 'sync'], 'Usage: cckm sap sync [options]'],
    [['jobs', 'list'], 'Usage: cckm jobs list [options]'],
    [['jobs', 'watch'], 'Usage: cckm jobs watch [options] <id>'],
    [['secrets', 'delete-backup'], 'Usage: cckm secrets delete-backup [options] <id>'],
    [['orgs', 'set-connection'], 'Usage: cckm orgs set-connection [options] <id> <connection>'],
  ])(
    'when %j --help is asked, then usage is printed on stdout and the exit code is 0',
    async (argv, usage) => {
      const run = await cckm([...argv, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(usage);
      expect(run.requests).toHaveLength(0);
    },
  );
});

describe('the executable', () => {
  const run = (args: string[]) => cckmProcess(args, env);

  test('when run as a process, then it prints JSON on stdout and sets the exit code', async () => {
    const list = await run(['jobs', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 2 });
    const closed = await run(['jobs', 'list', '--url', `http://127.0.0.1:${await freePort()}/api`]);
    expect(closed.code).toBe(3);
    expect(closed.stderr).toContain('Network error');
  }, 90_000);
});
