// HEAD goes wherever GET goes (RFC 9110 9.3.2; issue 24, defect 2).
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

describe('HEAD goes wherever GET goes', () => {
  test('when the list is asked for with HEAD, then it answers as GET does, without a body', async () => {
    const get = await fetch(`${origin}${LIST}?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    const head = await fetch(`${origin}${LIST}?limit=1`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  test('when HEAD has no token or a bad query, then it is refused as GET would be', async () => {
    const anonymous = await fetch(`${origin}${LIST}`, { method: 'HEAD' });
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${origin}${LIST}?limit=0`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  test('when a method the path lacks is used, then Allow names HEAD beside GET', async () => {
    const response = await fetch(`${origin}${LIST}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
  });

  test('when a path has no GET, then HEAD is not allowed there either', async () => {
    const response = await fetch(`${origin}/api/v1/cckm/sap/synchronization-jobs`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
