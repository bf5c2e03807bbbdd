// Browser apps on the allowed origins can call the API; nobody else gets a CORS header.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/index.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers.ts';

const APP = 'https://app.example.com';
const LIST = '/v1/cckm/sfdc/keys/synchronization-jobs';
let server: TestServer;
let dev: TestServer;
beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: `${APP}, https://ops.example.com` });
  dev = await startTestServer({ CCKM_PROFILE: 'dev' });
});
afterAll(async () => {
  await server.close();
  await dev.close();
});

const preflight = (target: TestServer, origin: string, method = 'PATCH') =>
  fetch(`${target.baseUrl}${LIST}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'authorization,content-type',
    },
  });

describe('CORS', () => {
  test('when an allowed origin sends a preflight, then it is answered with that origin and no credentials', async () => {
    const response = await preflight(server, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PATCH');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    // A poller's conditional GET sends If-None-Match, which is not a CORS-safelisted header.
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('when an allowed origin calls an operation, then Location, X-Request-Id and ETag are exposed', async () => {
    const response = await fetch(`${server.baseUrl}${LIST}`, {
      headers: { Origin: APP, Authorization: `Bearer ${await server.token()}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toBe(
      'Location,X-Request-Id,WWW-Authenticate,ETag',
    );
    expect(response.headers.get('vary')).toContain('Origin');
  });

  test.each(['https://evil.example.com', 'http://localhost:5173', 'null'])(
    'when the origin %s is not allowed, then no CORS header is sent',
    async (origin) => {
      const response = await preflight(server, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const call = await fetch(`${server.baseUrl}${LIST}`, {
        headers: { Origin: origin, Authorization: `Bearer ${await server.token()}` },
      });
      expect(call.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  test('when a request sends no Origin, then it gets no CORS header and a preflight without one is not answered as CORS', async () => {
    const call = await fetch(`${server.baseUrl}${LIST}`, {
      headers: { Authorization: `Bearer ${await server.token()}` },
    });
    expect(call.status).toBe(200);
    const corsHeaders = [...call.headers.keys()].filter((name) => name.startsWith('access-control-'));
    expect(corsHeaders).toEqual([]);
    expect(call.headers.get('vary') ?? '').not.toContain('Origin');
    const bare = await fetch(`${server.baseUrl}${LIST}`, {
      method: 'OPTIONS',
      headers: { 'Access-Control-Request-Method': 'PATCH' },
    });
    expect(bare.status).not.toBe(204);
    expect(bare.headers.get('access-control-allow-methods')).toBeNull();
  });

  test('when the dev profile runs, then localhost and 127.0.0.1 on any port are allowed, other hosts not', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:4173']) {
      expect((await preflight(dev, origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }
    expect(
      (await preflight(dev, 'http://localhost.example.com:5173')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  test('when CORS_ORIGINS holds something that is not an origin, then the configuration is refused', () => {
    expect(() =>
      loadConfig({ JWT_SECRET: TEST_SECRET, CORS_ORIGINS: 'https://app.example.com/path' }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ JWT_SECRET: TEST_SECRET, CORS_ORIGINS: '*' })).toThrow(ConfigError);
  });
});
