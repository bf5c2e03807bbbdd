// Paths are matched exactly as the contract writes them (issue 24, defect 3): a path that differs
// in case or by a trailing slash could slip past a proxy's or a WAF's path rules.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYNC_PATH, startTestServer, type TestServer } from '../helpers.ts';

let server: TestServer;
let token: string;
let origin: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.token();
  origin = new URL(server.baseUrl).origin;
});
afterAll(() => server.close());

const LIST = `/api${SYNC_PATH}`;

describe('paths are matched exactly', () => {
  test.each([
    ['upper case', LIST.toUpperCase()],
    ['a capital in one segment', LIST.replace('/sfdc/', '/SFDC/')],
    ['the API root in capitals', LIST.replace('/api/', '/API/')],
    ['a trailing slash', `${LIST}/`],
    ['a trailing slash on the probe', '/healthz/'],
  ])('when the path differs by %s, then the answer is a 404 problem', async (_case, path) => {
    const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('when the path is exactly the contract, then it is served', async () => {
    const response = await fetch(`${origin}${LIST}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });
});
