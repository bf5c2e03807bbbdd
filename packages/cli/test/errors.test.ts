// How cckm reports what went wrong (issue 24, defect 10): JSON problems with --json, a malformed job
// ID as a usage error, a hint when the URL lacks the /api root, and singular nouns in progress.
// The server is a fetch that answers canned responses and records what was asked.
import type { SynchronizationJob } from '@cckm/client';
import { describe, expect, test } from 'vitest';
import { createProgress } from '../src/index.ts';
import { captureStream, cckm } from './helpers.ts';

const problemResponse = (status: number, problem: Record<string, unknown>) => () =>
  Promise.resolve(
    new Response(JSON.stringify({ status, request_id: 'r-1', ...problem }), {
      status,
      headers: { 'content-type': 'application/problem+json' },
    }),
  );

const tooLarge = problemResponse(400, {
  type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
  title: 'Validation failed',
  detail: 'query.limit must be <= 1000',
  errors: [{ path: '/query/limit', message: 'must be <= 1000' }],
});

describe('--json errors', () => {
  test('when the server answers a problem, then stderr is that problem as JSON (exit 1)', async () => {
    const run = await cckm(['jobs', 'list', '--json'], {
      env: { CCKM_URL: 'http://cckm.test/api', CCKM_TOKEN: 't' },
      fetch: tooLarge,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(run.stderr)).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
      status: 400,
      detail: 'query.limit must be <= 1000',
      errors: [{ path: '/query/limit', message: 'must be <= 1000' }],
    });
  });

  test('when nothing answers, then stderr is a JSON problem naming the network error (exit 3)', async () => {
    const run = await cckm(['jobs', 'list', '--json'], {
      env: { CCKM_URL: 'http://cckm.test/api', CCKM_TOKEN: 't' },
      fetch: () =>
        Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') })),
    });

    expect(run.code).toBe(3);
    expect(JSON.parse(run.stderr)).toMatchObject({
      title: 'Network error',
      detail: expect.stringContaining('ECONNREFUSED'),
    });
  });

  test.each([
    [['jobs', 'list', '--json', '--limit', 'ten'], /--limit must be an integer/],
    [['jobs', 'list', '--json', '--frobnicate'], /unknown option '--frobnicate'/],
    [['sfdc', 'sync', '--json'], /Name organizations with --org/],
  ])('when %j is a usage error, then stderr is one JSON problem (exit 2)', async (argv, detail) => {
    const run = await cckm(argv, { env: { CCKM_URL: 'http://cckm.test/api', CCKM_TOKEN: 't' } });

    expect(run.code).toBe(2);
    const problem = JSON.parse(run.stderr) as { title: string; detail: string };
    expect(problem.title).toBe('Usage error');
    expect(problem.detail).toMatch(detail);
  });
});

describe('job IDs', () => {
  test('when jobs watch is given an ID that is not a UUID, then it is a usage error (exit 2) and nothing is sent', async () => {
    const run = await cckm(['jobs', 'watch', 'nope'], {
      env: { CCKM_URL: 'http://cckm.test/api', CCKM_TOKEN: 't' },
      fetch: tooLarge,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/job ID must be a UUID/);
    expect(run.requests).toHaveLength(0);
  });
});

describe('the API root', () => {
  const notFound = problemResponse(404, {
    type: 'tag:cckm-contract.github.io,2026:problem:not-found',
    title: 'Resource not found',
    detail: 'No resource at GET /v1/cckm/sfdc/keys/synchronization-jobs',
  });

  test('when CCKM_URL lacks /api and the server says not found, then a hint names the base path', async () => {
    const run = await cckm(['jobs', 'list'], {
      env: { CCKM_URL: 'http://cckm.test:8080', CCKM_TOKEN: 't' },
      fetch: notFound,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Resource not found: /);
    expect(run.stderr).toContain('Hint: the API root ends in /api (e.g. http://cckm.test:8080/api)');
  });

  test('when CCKM_URL ends in /api, then a not found is printed without the hint', async () => {
    const run = await cckm(['jobs', 'list'], {
      env: { CCKM_URL: 'http://cckm.test:8080/api', CCKM_TOKEN: 't' },
      fetch: notFound,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('Hint');
  });
});

describe('progress lines', () => {
  test('when a job has one organization, then the line says organization, not organizations', () => {
    const stream = captureStream(false);
    const progress = createProgress(stream, () => 0);
    progress.update({
      id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      uri: 'kylo:kylo:cckm:synchronize:c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      account: 'kylo:kylo:admin:accounts:kylo',
      application: 'ncryptify:gemalto:admin:apps:kylo',
      devAccount: 'ncryptify:gemalto:admin:accounts:gemalto',
      createdAt: '2021-07-27T03:06:20.002297124Z',
      updatedAt: '2021-07-27T03:06:20.002297124Z',
      overall_status: 'in_progress',
      cloud: 'sfdc',
      kms: ['00DB000000040bIMAQ'],
      abort: false,
    } satisfies SynchronizationJob);

    expect(stream.text()).toBe(
      '[0s] job c8d2f27b-fb4f-4557-b63c-00d4a1439c4a in_progress (1 organization)\n',
    );
  });
});
