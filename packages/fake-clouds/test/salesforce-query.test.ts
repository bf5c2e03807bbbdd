import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addConnectedApp,
  addOrganization,
  addUser,
  generateOrganizations,
  MANAGE_ENCRYPTION_KEYS,
  newClientId,
  newClientSecret,
  startFakeClouds,
} from '../src/index.ts';
import { parseSoql } from '../src/salesforce/soql.ts';
import { clientCredentialsToken, login, query, startSeeded } from './helpers.ts';

const SECRET_SOQL =
  'SELECT Id, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp, SecretValueHash, SecretValue, Version, Status, Source, Type, RemoteKeyCertificate, RemoteKeyServiceId, RemoteKeyIdentifier FROM TenantSecret ORDER BY Id';

let fake: Awaited<ReturnType<typeof startSeeded>>;
let token: string;
beforeAll(async () => {
  fake = await startSeeded({ salesforce: { batchSize: 3 } });
  const { clientId, clientSecret } = login(fake.logins, 'new-sfdc-connection', 'client-credentials');
  token = await clientCredentialsToken(fake.clouds, clientId, clientSecret);
});
afterAll(() => fake.clouds.close());

interface QueryPage {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Array<Record<string, unknown> & { attributes: { type: string; url: string } }>;
}

describe('SOQL parser', () => {
  it('when the query is one the connectors send, then it is parsed with canonical field names', () => {
    expect(parseSoql('select id, remotekeyserviceid from tenantsecret order by Id desc limit 5')).toEqual({
      object: 'TenantSecret',
      fields: ['Id', 'RemoteKeyServiceId'],
      orderBy: { field: 'Id', descending: true },
      limit: 5,
    });
    expect(parseSoql('SELECT Id FROM Organization')).toEqual({ object: 'Organization', fields: ['Id'] });
  });

  it.each([
    ["SELECT Id FROM TenantSecret WHERE Type = 'Data'", 'MALFORMED_QUERY'],
    ['SELECT Id, FROM TenantSecret', 'MALFORMED_QUERY'],
    ['DELETE FROM TenantSecret', 'MALFORMED_QUERY'],
    ['SELECT Id FROM', 'MALFORMED_QUERY'],
    ['SELECT Id FROM Account', 'INVALID_TYPE'],
    ['SELECT Secret FROM TenantSecret', 'INVALID_FIELD'],
  ])('when the query is %s, then %s', (soql, errorCode) => {
    expect(parseSoql(soql)).toMatchObject({ errorCode });
  });
});

describe('Salesforce query resource', () => {
  it('when the org has more records than a batch, then pages follow nextRecordsUrl to the end', async () => {
    const first = await query(fake.clouds, token, SECRET_SOQL);
    expect(first.status).toBe(200);
    const page = (await first.json()) as QueryPage;
    expect(page).toMatchObject({ totalSize: 4, done: false });
    expect(page.records).toHaveLength(3);
    expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]{15}-3$/);
    expect(page.records[0]?.attributes).toEqual({
      type: 'TenantSecret',
      url: `/services/data/v62.0/sobjects/TenantSecret/${page.records[0]?.Id}`,
    });
    expect(Object.keys(page.records[0] ?? {})).toContain('RemoteKeyServiceId');
    const second = await fetch(`${fake.clouds.urls.salesforce}${page.nextRecordsUrl}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const last = (await second.json()) as QueryPage;
    expect(last).toMatchObject({ totalSize: 4, done: true });
    expect(last.nextRecordsUrl).toBeUndefined();
    const ids = [...page.records, ...last.records].map((record) => record.Id);
    expect(ids).toEqual([
      '02G190000009TlAAAU',
      '02G190000009TlBBAU',
      '02G190000009TlCCAU',
      '02G190000009TlDDAU',
    ]);
  });

  it('when a client asks for smaller batches, then Sforce-Query-Options is honoured (200 at least)', async () => {
    const big = await startFakeClouds();
    try {
      const [generated] = generateOrganizations(big.state, { organizations: 1, secretsPerOrganization: 450 });
      if (!generated) throw new Error('nothing generated');
      const own = await clientCredentialsToken(big, generated.login.clientId, generated.login.clientSecret);
      const ask = async (options: string) => {
        const response = await fetch(
          `${big.urls.salesforce}/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM TenantSecret')}`,
          { headers: { authorization: `Bearer ${own}`, 'sforce-query-options': options } },
        );
        return ((await response.json()) as QueryPage).records.length;
      };
      expect(await ask('batchSize=250')).toBe(250);
      expect(await ask('batchSize=10')).toBe(200);
      expect(await ask('')).toBe(450);
    } finally {
      await big.close();
    }
  });

  it('when the SOQL is not one it knows, then 400 with Salesforce error array', async () => {
    const response = await query(fake.clouds, token, "SELECT Id FROM TenantSecret WHERE Status = 'ACTIVE'");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([
      { message: "unexpected token: 'WHERE'", errorCode: 'MALFORMED_QUERY' },
    ]);
  });

  it('when the API version predates TenantSecret, then INVALID_TYPE', async () => {
    const response = await query(fake.clouds, token, 'SELECT Id FROM TenantSecret', '33.0');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_TYPE' })]);
  });

  it.each([
    ['has no Shield Platform Encryption', { platformEncryption: false }, [MANAGE_ENCRYPTION_KEYS]],
    ['has Shield but the user lacks "Manage Encryption Keys"', { platformEncryption: true }, []],
  ])(
    'when the org %s, then TenantSecret is an unknown type (INVALID_TYPE) and Organization still answers',
    async (_name, organization, permissions) => {
      const state = fake.clouds.state;
      const org = addOrganization(state, organization);
      const user = addUser(state, org.Id, `integration@${org.Id.toLowerCase()}.example`, permissions);
      const app = addConnectedApp(state, {
        clientId: newClientId(),
        organizationId: org.Id,
        clientSecret: newClientSecret(),
        runAs: user.username,
      });
      const own = await clientCredentialsToken(fake.clouds, app.clientId, app.clientSecret ?? '');
      const refused = await query(fake.clouds, own, 'SELECT Id FROM TenantSecret');
      expect(refused.status).toBe(400);
      const [error] = (await refused.json()) as Array<{ errorCode: string; message: string }>;
      expect(error?.errorCode).toBe('INVALID_TYPE');
      expect(error?.message).toContain("sObject type 'TenantSecret' is not supported.");
      expect(error?.message).toContain('ERROR at Row:1:Column:16');
      expect((await query(fake.clouds, own, 'SELECT Id FROM Organization')).status).toBe(200);
    },
  );

  it('when an org spends its daily API requests, then every answer reports the usage and, past the allocation, TotalRequests is refused until the window starts again', async () => {
    let aheadMs = 0;
    const limited = await startSeeded({
      salesforce: { dailyApiRequests: 2, now: () => Date.now() + aheadMs },
    });
    try {
      const { clientId, clientSecret } = login(limited.logins, 'new-sfdc-connection', 'client-credentials');
      const own = await clientCredentialsToken(limited.clouds, clientId, clientSecret);
      const first = await query(limited.clouds, own, 'SELECT Id FROM Organization');
      expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/2');
      const malformed = await query(limited.clouds, own, 'SELECT FROM Organization');
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('sforce-limit-info')).toBe('api-usage=2/2');
      const refused = await query(limited.clouds, own, 'SELECT Id FROM Organization');
      expect(refused.status).toBe(403);
      expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=2/2');
      expect(await refused.json()).toEqual([
        { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
      ]);
      expect(refused.headers.get('retry-after')).toBeNull();
      aheadMs = 24 * 60 * 60_000;
      const renewed = await clientCredentialsToken(limited.clouds, clientId, clientSecret);
      const later = await query(limited.clouds, renewed, 'SELECT Id FROM Organization');
      expect(later.status).toBe(200);
      expect(later.headers.get('sforce-limit-info')).toBe('api-usage=1/2');
    } finally {
      await limited.clouds.close();
    }
  });

  it('when the token is unknown or the sessions expired, then 401 INVALID_SESSION_ID', async () => {
    const unknown = await query(fake.clouds, 'nope', 'SELECT Id FROM Organization');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);

    const { clientId, clientSecret } = login(fake.logins, 'other-sfdc-connection', 'client-credentials');
    const own = await clientCredentialsToken(fake.clouds, clientId, clientSecret);
    expect((await query(fake.clouds, own, 'SELECT Id FROM Organization')).status).toBe(200);
    fake.clouds.salesforce.sessions.expireAll();
    expect((await query(fake.clouds, own, 'SELECT Id FROM Organization')).status).toBe(401);
    const renewed = login(fake.logins, 'new-sfdc-connection', 'client-credentials');
    token = await clientCredentialsToken(fake.clouds, renewed.clientId, renewed.clientSecret);
  });

  it('when a session is left unused for its timeout, then it is refused; a session in use lives on', async () => {
    let aheadMs = 0;
    const short = await startSeeded({
      salesforce: { sessionTimeoutMs: 60_000, now: () => Date.now() + aheadMs },
    });
    try {
      const { clientId, clientSecret } = login(short.logins, 'new-sfdc-connection', 'client-credentials');
      const used = await clientCredentialsToken(short.clouds, clientId, clientSecret);
      const idle = await clientCredentialsToken(short.clouds, clientId, clientSecret);
      for (const step of [40_000, 80_000, 120_000]) {
        aheadMs = step;
        expect((await query(short.clouds, used, 'SELECT Id FROM Organization')).status).toBe(200);
      }
      expect((await query(short.clouds, idle, 'SELECT Id FROM Organization')).status).toBe(401);
      aheadMs = 180_001;
      expect((await query(short.clouds, used, 'SELECT Id FROM Organization')).status).toBe(401);
    } finally {
      await short.clouds.close();
    }
  });

  it('when query locators are left idle 15 minutes, or the user opens an eleventh, then the oldest are released', async () => {
    let aheadMs = 0;
    const paged = await startFakeClouds({ salesforce: { batchSize: 200, now: () => Date.now() + aheadMs } });
    try {
      const [generated] = generateOrganizations(paged.state, {
        organizations: 1,
        secretsPerOrganization: 450,
      });
      if (!generated) throw new Error('nothing generated');
      const own = await clientCredentialsToken(paged, generated.login.clientId, generated.login.clientSecret);
      const open = async () =>
        ((await (await query(paged, own, 'SELECT Id FROM TenantSecret')).json()) as QueryPage).nextRecordsUrl;
      const more = (next: string | undefined) =>
        fetch(`${paged.urls.salesforce}${next}`, { headers: { authorization: `Bearer ${own}` } });
      const locators = [];
      for (let count = 0; count < 11; count += 1) locators.push(await open());
      // The first of eleven was released; the second still answers.
      const released = await more(locators[0]);
      expect(released.status).toBe(400);
      expect(await released.json()).toEqual([
        expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' }),
      ]);
      expect((await more(locators[1])).status).toBe(200);
      aheadMs = 15 * 60_000;
      expect((await more(locators[2])).status).toBe(400);
    } finally {
      await paged.close();
    }
  });

  it('when batches follow one another, then every second one is a quarter short of the size asked', async () => {
    const paged = await startFakeClouds({ salesforce: { batchSize: 200 } });
    try {
      const [generated] = generateOrganizations(paged.state, {
        organizations: 1,
        secretsPerOrganization: 450,
      });
      if (!generated) throw new Error('nothing generated');
      const own = await clientCredentialsToken(paged, generated.login.clientId, generated.login.clientSecret);
      const sizes: number[] = [];
      let page = (await (await query(paged, own, 'SELECT Id FROM TenantSecret')).json()) as QueryPage;
      sizes.push(page.records.length);
      while (page.nextRecordsUrl) {
        const response = await fetch(`${paged.urls.salesforce}${page.nextRecordsUrl}`, {
          headers: { authorization: `Bearer ${own}` },
        });
        page = (await response.json()) as QueryPage;
        sizes.push(page.records.length);
      }
      expect(sizes).toEqual([200, 150, 100]);
    } finally {
      await paged.close();
    }
  });

  it('when a query locator belongs to another org or does not exist, then INVALID_QUERY_LOCATOR', async () => {
    const first = (await (
      await query(fake.clouds, token, 'SELECT Id FROM TenantSecret')
    ).json()) as QueryPage;
    const { clientId, clientSecret } = login(fake.logins, 'other-sfdc-connection', 'client-credentials');
    const other = await clientCredentialsToken(fake.clouds, clientId, clientSecret);
    const foreign = await fetch(`${fake.clouds.urls.salesforce}${first.nextRecordsUrl}`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' })]);
    const response = await fetch(
      `${fake.clouds.urls.salesforce}/services/data/v62.0/query/01gAAAAAAAAAAAAAAA-3`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' })]);
  });

  it('when a path is unknown, then 404 NOT_FOUND in the error array', async () => {
    const response = await fetch(`${fake.clouds.urls.salesforce}/services/data/v62.0/sobjects`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual([expect.objectContaining({ errorCode: 'NOT_FOUND' })]);
  });
});
