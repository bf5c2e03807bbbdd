import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSapTenant, type SapListing, SEED } from '../src/index.ts';
import { startSeeded } from './helpers.ts';

let fake: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  fake = await startSeeded({ sap: { pageSize: 4 } });
});
afterAll(() => fake.clouds.close());

async function sapLogin(apiKey: string, secret: string) {
  return fetch(`${fake.clouds.urls.sap}/auth/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiKey, secret }),
  });
}

async function token(login = fake.logins.sap['sap-dc-connection']) {
  if (!login) throw new Error('no SAP login');
  const response = await sapLogin(login.apiKey, login.apiSecret);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

function get(path: string, accessToken: string) {
  return fetch(`${fake.clouds.urls.sap.replace(/\/kms\/v2$/, '')}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

interface List {
  value: Array<Record<string, unknown>>;
  count: number;
  '@odata.nextLink'?: string;
}

describe('SAP Data Custodian KMS v2 fake', () => {
  it('when the technical user logs in, then it gets a bearer access token with its lifetime', async () => {
    const login = fake.logins.sap['sap-dc-connection'];
    const response = await sapLogin(login?.apiKey ?? '', login?.apiSecret ?? '');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
    });
  });

  it('when the secret is wrong or missing, then 401 / 400 with an OData error body', async () => {
    const wrong = await sapLogin(fake.logins.sap['sap-dc-connection']?.apiKey ?? '', 'wrong');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Invalid credentials' } });
    const missing = await fetch(`${fake.clouds.urls.sap}/auth/request`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(400);
  });

  it('when credentials were never activated, then login is refused until one activation replaces the secret', async () => {
    const tenant = generateSapTenant(fake.clouds.state, {
      tenantId: 'fresh-tenant',
      groups: 1,
      keysPerGroup: 1,
      activated: false,
    });
    const { apiKey, apiSecret } = tenant.login;
    const refused = await sapLogin(apiKey, apiSecret);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'not activated',
    );
    const activate = (secret: string) =>
      fetch(`${fake.clouds.urls.sap}/auth/credentialActivate`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey, secret }),
      });
    const activated = await activate(apiSecret);
    expect(activated.status).toBe(200);
    const { secret } = (await activated.json()) as { apiKey: string; secret: string };
    expect(secret).not.toBe(apiSecret);
    expect((await sapLogin(apiKey, secret)).status).toBe(200);
    // The secret from before the activation is dead; a second activation is refused.
    expect((await sapLogin(apiKey, apiSecret)).status).toBe(401);
    const again = await activate(secret);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: { code: 'BAD_REQUEST', message: 'Credentials are already activated' },
    });
  });

  it('when a group is asked by ID, then it is answered in value[] with its keystore when expanded', async () => {
    const [finance] = SEED.sapGroups;
    const response = await get(
      `/kms/v2/groups?$filter=id eq ${finance.groupId}&$expand=keystore`,
      await token(),
    );
    const body = (await response.json()) as List;
    expect(body.value).toEqual([
      expect.objectContaining({ id: finance.groupId, name: 'finance', keystore: expect.any(Object) }),
    ]);
  });

  it('when a group has more keys than a page, then pages follow @odata.nextLink to the end', async () => {
    const tenant = generateSapTenant(fake.clouds.state, { tenantId: 'paging', groups: 2, keysPerGroup: 10 });
    const accessToken = await token(tenant.login);
    const ids: unknown[] = [];
    let path: string | undefined = `/kms/v2/keys?$filter=groupId eq '${tenant.groupIds[1]}'`;
    let pages = 0;
    while (path) {
      const body = (await (await get(path, accessToken)).json()) as List;
      expect(body.count).toBe(10);
      expect(body.value.length).toBeLessThanOrEqual(4);
      ids.push(...body.value.map((key) => key.id));
      path = body['@odata.nextLink'];
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, index) => `${tenant.groupIds[1]}-key-${index + 1}`));
  });

  it('when a group belongs to another tenant, then the user does not see it or its keys', async () => {
    const [finance] = SEED.sapGroups;
    const other = generateSapTenant(fake.clouds.state, { tenantId: 'other', groups: 1, keysPerGroup: 1 });
    const accessToken = await token(other.login);
    expect(
      ((await (await get(`/kms/v2/groups?$filter=id eq ${finance.groupId}`, accessToken)).json()) as List)
        .value,
    ).toEqual([]);
    expect(
      ((await (await get(`/kms/v2/keys?$filter=groupId eq ${finance.groupId}`, accessToken)).json()) as List)
        .value,
    ).toEqual([]);
  });

  it('when the token is unknown, expired or the filter unsupported, then 401 / 400', async () => {
    const bad = await get('/kms/v2/keys', 'nope');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Access token expired or invalid' },
    });
    const accessToken = await token();
    expect((await get("/kms/v2/keys?$filter=name eq 'x'", accessToken)).status).toBe(400);
    fake.clouds.sap.sessions.expireAll();
    expect((await get('/kms/v2/keys', accessToken)).status).toBe(401);
  });
});

describe('SAP fake: the other readings of the key list', () => {
  it.each<[string, SapListing, (body: List) => void]>([
    [
      'the filter is ignored',
      { filter: 'ignored' },
      (body) => {
        expect(body.count).toBe(6);
        expect(new Set(body.value.map((key) => key.groupId)).size).toBe(2);
      },
    ],
    [
      'paging is by $skip only',
      { paging: 'skip-only' },
      (body) => {
        expect(body['@odata.nextLink']).toBeUndefined();
        expect(body.count).toBe(3);
      },
    ],
    [
      '$skip is ignored',
      { paging: 'skip-ignored' },
      (body) => {
        expect(body.value.map((key) => key.id)).toEqual(['ignored-group-1-key-1', 'ignored-group-1-key-2']);
        expect(body['@odata.nextLink']).toBeDefined();
      },
    ],
    ['there is no count', { count: false }, (body) => expect(body.count).toBeUndefined()],
  ])('when %s, then the list answers so', async (_name, listing, check) => {
    const modes = await startSeeded({ sap: { pageSize: 2, listing } });
    try {
      const tenant = generateSapTenant(modes.clouds.state, {
        tenantId: 'ignored',
        groups: 2,
        keysPerGroup: 3,
      });
      const login = await fetch(`${modes.clouds.urls.sap}/auth/request`, {
        method: 'POST',
        body: JSON.stringify({ apiKey: tenant.login.apiKey, secret: tenant.login.apiSecret }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const origin = modes.clouds.urls.sap.replace(/\/kms\/v2$/, '');
      const response = await fetch(
        `${origin}/kms/v2/keys?$filter=groupId eq ${tenant.groupIds[0]}&$top=2&$skip=2`,
        { headers: { authorization: `Bearer ${accessToken}` } },
      );
      check((await response.json()) as List);
    } finally {
      await modes.clouds.close();
    }
  });
});
