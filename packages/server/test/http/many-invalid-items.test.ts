// A body with thousands of invalid items gets a short problem (issue 24, defect 1): 20,000 invalid
// organization_ids (80 KB) got a 2.97 MB problem with one error per item, and the work to build
// it blocked the event loop for over a second.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { toProblemError } from '../../src/http/validator-errors.ts';
import { SYNC_PATH, startTestServer, type TestServer } from '../helpers.ts';

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.token();
});
afterAll(() => server.close());

interface Problem {
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

describe('a body with very many invalid items', () => {
  test('when 20,000 organization_ids are invalid, then the problem names the first 20 and counts the rest', async () => {
    const body = JSON.stringify({ organization_ids: Array.from({ length: 20_000 }, () => 'x') });
    expect(body.length).toBeLessThan(100 * 1024);

    const response = await fetch(`${server.baseUrl}${SYNC_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    const text = await response.text();

    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(16 * 1024);
    const problem = JSON.parse(text) as Problem;
    expect(problem.errors).toHaveLength(21);
    expect(problem.errors.slice(0, 20).every((error) => error.path.startsWith('/body/'))).toBe(true);
    const more = /^and ([\d,]+) more errors$/.exec(problem.errors[20]?.message ?? '');
    expect(Number(more?.[1]?.replace(/,/g, ''))).toBeGreaterThanOrEqual(19_980);
    expect(problem.detail.endsWith(`; ${problem.errors[20]?.message}`)).toBe(true);
  });

  test('when a validator error repeats one entry many times, then it is listed once', () => {
    const repeated = Array.from({ length: 5_000 }, () => ({
      path: '/body/organization_ids',
      message: 'must NOT have more than 100 items',
    }));
    const problem = toProblemError({ status: 400, message: 'invalid', errors: repeated }).toProblem('/x');

    expect(problem.errors).toEqual([
      { path: '/body/organization_ids', message: 'must NOT have more than 100 items' },
    ]);
  });

  test('when there are at most 20 errors, then each is listed and nothing is counted', () => {
    const errors = Array.from({ length: 20 }, (_, i) => ({
      path: `/body/organization_ids/${i}`,
      message: 'must match pattern',
    }));
    const problem = toProblemError({ status: 400, message: 'invalid', errors }).toProblem('/x');

    expect(problem.errors).toHaveLength(20);
    expect(problem.detail).not.toMatch(/more errors/);
  });
});
