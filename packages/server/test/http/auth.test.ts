import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Clock, DEMO, systemClock } from '../../src/index.ts';
import { OTHER_DOMAIN_ID, SYNC_PATH, startTestServer, TEST_SECRET, type TestServer } from '../helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const key = new TextEncoder().encode(TEST_SECRET);
const claims = { cust: { domain_id: DEMO.organizations.thales.id, groups: ['admin'] } };

async function listWith(header: string | undefined) {
  const { error, response } = await server.clientWithAuthorization(header).GET(SYNC_PATH);
  return { status: response.status, error, challenge: response.headers.get('www-authenticate') };
}

function unsigned(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

describe('authentication', () => {
  test.each([
    ['no Authorization header', undefined, 'Authorization header required'],
    ['another scheme', 'Basic YWRtaW46YWRtaW4=', "Authorization header with scheme 'Bearer' required"],
    ['a malformed token', 'Bearer not.a.jwt', 'The bearer token is malformed'],
  ])('when the request has %s, then 401 with a Bearer challenge', async (_case, header, detail) => {
    const result = await listWith(header);
    expect(result.status).toBe(401);
    expect(result.error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:unauthorized',
      detail,
    });
    expect(result.challenge).toMatch(/^Bearer realm="cckm"/);
  });

  test('when no credentials are sent, then the challenge carries no error code (RFC 6750)', async () => {
    expect((await listWith(undefined)).challenge).toBe('Bearer realm="cckm"');
  });

  test('when the token has expired beyond the clock skew, then 401 says so', async () => {
    const token = await server.token({ ttlSeconds: -60 });
    const result = await listWith(`Bearer ${token}`);
    expect(result.status).toBe(401);
    expect(result.error?.detail).toBe('The bearer token has expired');
    expect(result.challenge).toContain('error_description="The bearer token has expired"');
  });

  test('when the token expired within the clock skew, then it is still accepted', async () => {
    const token = await server.token({ ttlSeconds: -5 });
    expect((await listWith(`Bearer ${token}`)).status).toBe(200);
  });

  test('when the token is not valid yet, then 401', async () => {
    const token = await server.token({ notBefore: Math.floor(Date.now() / 1000) + 600 });
    expect((await listWith(`Bearer ${token}`)).error?.detail).toBe('The bearer token is not valid yet');
  });

  test('when the token is signed with another key, then 401', async () => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    expect((await listWith(`Bearer ${token}`)).error?.detail).toBe("The bearer token's signature is invalid");
  });

  test('when the token uses alg none, then 401', async () => {
    const token = unsigned({ ...claims, sub: 'x', exp: Math.floor(Date.now() / 1000) + 600 });
    const result = await listWith(`Bearer ${token}`);
    expect(result.status).toBe(401);
    expect(result.error?.detail).toBe("The bearer token's signing algorithm is not accepted");
  });

  test('when the token uses an unexpected algorithm, then 401', async () => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(key);
    expect((await listWith(`Bearer ${token}`)).error?.detail).toBe(
      "The bearer token's signing algorithm is not accepted",
    );
  });

  test('when the token lacks cust.domain_id, then 401', async () => {
    const token = await new SignJWT({ cust: { groups: ['admin'] } })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(key);
    expect((await listWith(`Bearer ${token}`)).error?.detail).toBe(
      'The bearer token lacks the sub or cust.domain_id claim',
    );
  });

  test('when a seed page token (expired in 2021) is sent, then 401', async () => {
    const seedToken =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiI0MmFmZDExNy02YzllLTRhNGUtOTAwYS1lYjlhNDNjYWE5ZDIiLCJzdWIiOiJsb2NhbHwzMTI5ODdkMS0wOWNiLTQxZTEtOThmNy1jZjRhNzgwNTZiMTMiLCJpc3MiOiJreWxvIiwiYWNjIjoia3lsbyIsInByZWZlcnJlZF91c2VybmFtZSI6ImFkbWluIiwiY3VzdCI6eyJkb21haW5faWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJncm91cHMiOlsiYWRtaW4iXSwic2lkIjoiNDVmOWE3NWUtMzI1NC00NWJkLWE0NzYtOWU2NWUyNjdmNGVkIiwiem9uZV9pZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMCJ9LCJqd3RpZCI6IjdiYzNkOWM4LWRiYTQtNDVmMy05YWNiLWI3NGM2MzQyYzYyMCIsImlhdCI6MTYxNDc1MTg1MSwiZXhwIjoxNjE0NzUyMTUxfQ.ahdxfM7-WA4u7sotHy6qelc9MkoZytst7oZWsvE7Cr0';
    expect((await listWith(`Bearer ${seedToken}`)).status).toBe(401);
  });

  test('when the body is invalid and the token missing, then 401 comes first', async () => {
    const response = await fetch(`${server.baseUrl}${SYNC_PATH}`, {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(401);
  });
});

describe('authorization', () => {
  test('when a CCKM Users member lists jobs, then 200', async () => {
    const client = await server.clientFor({ groups: ['CCKM Users'] });
    expect((await client.GET(SYNC_PATH)).response.status).toBe(200);
  });

  test.each([
    ['CCKM Users', ['CCKM Users']],
    ['no group', []],
    ['an unrelated group', ['Key Users']],
  ])('when a member of %s starts a job, then 403 and no job', async (_case, groups) => {
    const client = await server.clientFor({ groups });
    const { error, response } = await client.POST(SYNC_PATH, { body: { synchronize_all: true } });
    expect(response.status).toBe(403);
    expect(error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:forbidden',
      detail: 'This operation needs one of the groups admin, CCKM Admins',
    });
  });

  test('when a CCKM Admins member starts a job, then 201', async () => {
    const client = await server.clientFor({ groups: ['CCKM Admins'] });
    const { response, data } = await client.POST('/v1/cckm/sap/synchronization-jobs', {
      body: { synchronize_all: true },
    });
    expect(response.status).toBe(201);
    await server.runtime.runner.idle();
    expect(data?.cloud).toBe('sap');
  });

  test('when a member without a group lists, then 403', async () => {
    const client = await server.clientFor({ groups: [] });
    expect((await client.GET(SYNC_PATH)).response.status).toBe(403);
  });
});

describe('domain isolation', () => {
  test("when another domain's admin acts on the demo domain's resources, then it sees none of them", async () => {
    const { data: job } = await server.admin.POST('/v1/cckm/sfdc/keys/synchronization-jobs', {
      body: { organization_ids: [DEMO.organizations.seed002.id] },
    });
    const other = await server.clientFor({ domainId: OTHER_DOMAIN_ID });

    const list = await other.GET(SYNC_PATH, { params: { query: { id: job?.id as string } } });
    expect(list.data).toEqual({ skip: 0, limit: 10, total: 0, resources: [] });

    const sync = await other.POST(SYNC_PATH, { body: { organization_ids: [DEMO.organizations.thales.id] } });
    expect(sync.response.status).toBe(422);
    const all = await other.POST(SYNC_PATH, { body: { synchronize_all: true } });
    expect(all.error?.detail).toBe(
      'synchronize_all was requested, but this domain has no Salesforce organizations',
    );

    const backup = await other.POST('/v1/cckm/sfdc/keys/{id}/delete-backup', {
      params: { path: { id: DEMO.destroyedSecretId } },
    });
    expect(backup.response.status).toBe(404);
    const patch = await other.PATCH('/v1/cckm/sfdc/organizations/{id}', {
      params: { path: { id: DEMO.organizations.thales.id } },
      body: { connection: 'new-sfdc-connection' },
    });
    expect(patch.response.status).toBe(404);
    await server.runtime.runner.idle();
  });
});

describe('verified-token cache', () => {
  test('when a token accepted earlier expires, then the next request with it is 401', async () => {
    // The server's clock, moved on by the test instead of waiting for the token to expire.
    const system = systemClock();
    let aheadMs = 0;
    const clock: Clock = { now: () => system.now(), nowMs: () => system.nowMs() + aheadMs };
    const strict = await startTestServer({ JWT_CLOCK_TOLERANCE_SECONDS: '0' }, { clock });
    try {
      const client = await strict.clientFor({ ttlSeconds: 2 });
      const unused = await strict.clientFor({ ttlSeconds: 2, subject: 'unused' });
      expect((await client.GET(SYNC_PATH)).response.status).toBe(200);
      expect((await client.GET(SYNC_PATH)).response.status).toBe(200);
      aheadMs = 2_100;
      // Never verified before: jose judges `exp` by the same clock.
      const fresh = await unused.GET(SYNC_PATH);
      expect(fresh.response.status).toBe(401);
      expect(fresh.error?.detail).toBe('The bearer token has expired');
      const { error, response } = await client.GET(SYNC_PATH);
      expect(response.status).toBe(401);
      expect(error?.detail).toBe('The bearer token has expired');
    } finally {
      await strict.close();
    }
  });
});
