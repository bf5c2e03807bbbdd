import {
  addConnectedApp,
  addOrganization,
  addUser,
  generateSigningKeyPair,
  generateTenantSecrets,
  MANAGE_ENCRYPTION_KEYS,
  newClientId,
  newClientSecret,
  SEED,
  selfSignedCertificate,
} from '@cckm/fake-clouds';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloudError, type SalesforceTenantSecretRecord } from '../../src/clouds/cloud-connectors.ts';
import { CloudCallError } from '../../src/clouds/http/cloud-call-error.ts';
import type { RetryEvent } from '../../src/clouds/http/cloud-http.ts';
import {
  createSalesforceConnector,
  type SalesforceConnectorDeps,
} from '../../src/clouds/salesforce/salesforce-connector.ts';
import { defaultAudience } from '../../src/clouds/salesforce/salesforce-credentials.ts';
import {
  type CloudFixture,
  closedPort,
  collect,
  connection,
  FAST_POLICY,
  failure,
  pemLines,
  startCloudFixture,
} from './cloud-test-helpers.ts';

let fixture: CloudFixture;
/** Every CloudError any test saw, checked at the end for leaked secrets. */
const seen: Error[] = [];

beforeAll(async () => {
  fixture = await startCloudFixture();
});
afterEach(() => fixture.clouds.faults.clear());
afterAll(() => fixture.clouds.close());

function connector(overrides: Partial<SalesforceConnectorDeps> = {}) {
  return createSalesforceConnector({
    credentials: fixture.salesforceCredentials,
    policy: FAST_POLICY,
    fetch: fixture.fetch,
    ...overrides,
  });
}

async function cloudFailure(work: () => Promise<unknown>): Promise<CloudCallError> {
  const error = await failure(work);
  seen.push(error);
  expect(error).toBeInstanceOf(CloudCallError);
  expect(error).toBeInstanceOf(CloudError);
  return error as CloudCallError;
}

const signal = () => AbortSignal.timeout(60_000);
const { thales, seed002 } = SEED.organizations;

/** A fresh org with `count` secrets and a client-credentials connection named `name`. */
function organizationWithSecrets(name: string, count: number) {
  const { state } = fixture.clouds;
  const organization = addOrganization(state, {
    Name: name,
    platformEncryption: true,
    secrets: generateTenantSecrets(state, count),
  });
  const user = addUser(state, organization.Id, `${name}@example.com`, [MANAGE_ENCRYPTION_KEYS]);
  const app = addConnectedApp(state, {
    clientId: newClientId(),
    organizationId: organization.Id,
    clientSecret: newClientSecret(),
    runAs: user.username,
  });
  fixture.extraSalesforce.set(name, {
    flow: 'client-credentials',
    clientId: app.clientId,
    clientSecret: app.clientSecret ?? '',
    myDomainUrl: fixture.clouds.urls.salesforce,
  });
  return { organizationId: organization.Id, connection: connection(name) };
}

describe('Salesforce connector: logins', () => {
  it('when a connection uses the JWT bearer flow, then it reaches its org and lists its secrets', async () => {
    const salesforce = connector();
    expect(await salesforce.identifyOrganization(connection('sfdc-connection'), { signal: signal() })).toBe(
      thales.id,
    );
    const pages = await collect(
      salesforce.listTenantSecrets(connection('sfdc-connection'), thales.id, { signal: signal() }),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]?.map((secret) => [secret.Id, secret.Type, secret.Version, secret.Status])).toEqual([
      ['02G190000009TlAAAU', 'Data', 3, 'ACTIVE'],
      ['02G190000009TlBBAU', 'Data', 2, 'ARCHIVED'],
      ['02G190000009TlCCAU', 'Data', 1, 'DESTROYED'],
      ['02G190000009TlDDAU', 'SearchIndex', 1, 'ACTIVE'],
    ]);
    expect(pages[0]?.[0]).toEqual({
      Id: '02G190000009TlAAAU',
      CreatedDate: '2021-08-19T14:46:44.000+0000',
      CreatedById: '0053h000000r5rKAAQ',
      LastModifiedDate: '2021-08-19T16:34:26.000+0000',
      LastModifiedById: '0053h000000r5rKAAQ',
      SystemModstamp: '2021-08-19T16:34:26.000+0000',
      SecretValueHash: 'UNKNOWM=',
      SecretValue: Buffer.from('demo secret 02G190000009TlAAAU v3').toString('base64'),
      Version: 3,
      Status: 'ACTIVE',
      Source: 'HSM',
      Type: 'Data',
      RemoteKeyCertificate: null,
      RemoteKeyServiceID: null,
      RemoteKeyIdentifier: null,
    });
  });

  it('when a connection uses client credentials, then identifyOrganization returns the org it logs in to', async () => {
    const salesforce = connector();
    expect(
      await salesforce.identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
    ).toBe(seed002.id);
    expect(
      await salesforce.identifyOrganization(connection('new-sfdc-connection'), { signal: signal() }),
    ).toBe(thales.id);
  });

  it('when the assertion is signed with a key the app does not hold, then a readable unauthorized CloudError', async () => {
    const seeded = fixture.logins.salesforce['sfdc-connection'];
    if (seeded?.flow !== 'jwt-bearer') throw new Error('seed changed');
    fixture.extraSalesforce.set('tampered', {
      ...seeded,
      loginUrl: fixture.clouds.urls.salesforce,
      privateKeyPem: generateSigningKeyPair().privateKeyPem,
    });
    const error = await cloudFailure(() =>
      connector().identifyOrganization(connection('tampered'), { signal: signal() }),
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe(
      'Salesforce refused the login of connection tampered: invalid_grant (invalid assertion)',
    );
  });

  it('when the connected app has not pre-approved the integration user, then the line says how to approve it (issue 27.2)', async () => {
    const seeded = fixture.logins.salesforce['sfdc-connection'];
    if (seeded?.flow !== 'jwt-bearer') throw new Error('seed changed');
    const app = fixture.clouds.state.salesforce.apps.get(seeded.clientId);
    const approved = app?.approvedUsers;
    if (!app || !approved) throw new Error('seed changed');
    delete app.approvedUsers;
    try {
      const error = await cloudFailure(() =>
        connector().identifyOrganization(connection('sfdc-connection'), { signal: signal() }),
      );
      expect(error.kind).toBe('unauthorized');
      expect(error.message).toBe(
        "Salesforce refused the login of connection sfdc-connection: invalid_grant (user hasn't approved this consumer); pre-authorize the integration user: in the connected app's policies set Permitted Users to \"Admin approved users are pre-authorized\" and add the user's profile or a permission set",
      );
    } finally {
      app.approvedUsers = approved;
    }
  });

  it('when the assertion has expired (clock behind), then the login is refused', async () => {
    const error = await cloudFailure(() =>
      connector({ now: () => Date.now() - 10 * 60_000 }).identifyOrganization(connection('sfdc-connection'), {
        signal: signal(),
      }),
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('invalid_grant (expired authorization code)');
  });

  it('when the client secret is wrong, then the login is refused without retries', async () => {
    const before = fixture.clouds.faults.stats.requests['salesforce.token'];
    const error = await cloudFailure(() =>
      connector().identifyOrganization(connection('expired-sfdc-connection'), { signal: signal() }),
    );
    expect(error.message).toBe(
      'Salesforce refused the login of connection expired-sfdc-connection: invalid_client (invalid client credentials)',
    );
    expect(error.status).toBe(400);
    expect(fixture.clouds.faults.stats.requests['salesforce.token'] - before).toBe(1);
  });

  it('when the private key is not a key, then a credentials CloudError and no call', async () => {
    const seeded = fixture.logins.salesforce['sfdc-connection'];
    if (seeded?.flow !== 'jwt-bearer') throw new Error('seed changed');
    fixture.extraSalesforce.set('garbled', {
      ...seeded,
      loginUrl: fixture.clouds.urls.salesforce,
      privateKeyPem:
        '-----BEGIN PRIVATE KEY-----\nnot a key at all, but long enough to look like one\n-----END PRIVATE KEY-----',
    });
    const error = await cloudFailure(() =>
      connector().identifyOrganization(connection('garbled'), { signal: signal() }),
    );
    expect(error.kind).toBe('credentials');
    expect(error.message).toBe('the private key of connection garbled is not a PEM private key');
  });

  it('when the connection reaches another org than the one synchronized, then wrong-organization', async () => {
    const error = await cloudFailure(() =>
      collect(
        connector().listTenantSecrets(connection('new-sfdc-connection'), seed002.id, { signal: signal() }),
      ),
    );
    expect(error.kind).toBe('wrong-organization');
    expect(error.message).toBe(
      `connection new-sfdc-connection reaches Salesforce organization ${thales.id}, not ${seed002.id}`,
    );
  });

  it('when calls repeat, then the token is reused; when the session ends, the next call logs in again', async () => {
    const salesforce = connector();
    const before = fixture.clouds.faults.stats.requests['salesforce.token'];
    for (let call = 0; call < 3; call += 1)
      await salesforce.identifyOrganization(connection('new-sfdc-connection'), { signal: signal() });
    expect(fixture.clouds.faults.stats.requests['salesforce.token'] - before).toBe(1);
    fixture.clouds.salesforce.sessions.expireOrganization(thales.id);
    expect(
      await salesforce.identifyOrganization(connection('new-sfdc-connection'), { signal: signal() }),
    ).toBe(thales.id);
    expect(fixture.clouds.faults.stats.requests['salesforce.token'] - before).toBe(2);
  });
});

describe('Salesforce connector: what a login answers', () => {
  /** A fetch that rewrites the token answer's instance_url and sends calls to `fakeHost` to the fake. */
  function rewritingInstance(instanceUrl: string, fakeHost?: string) {
    const asked: string[] = [];
    const rewriting: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      asked.push(url.host);
      if (fakeHost && url.host === fakeHost) {
        const fake = new URL(fixture.clouds.urls.salesforce);
        url.protocol = fake.protocol;
        url.host = fake.host;
      }
      const response = await fixture.fetch(url.toString(), init);
      if (!url.pathname.endsWith('/oauth2/token') || response.status !== 200) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, instance_url: instanceUrl });
    };
    return { asked, rewriting };
  }

  it.each([
    [
      'http on another host',
      'http://10.255.255.1:6379',
      'an instance URL that is not https (10.255.255.1:6379)',
    ],
    [
      'https outside the Salesforce domains',
      'https://collector.example',
      'an instance URL outside the allowed Salesforce domains (collector.example; allowed: salesforce.com, force.com)',
    ],
    [
      'http on loopback but not the login URL',
      'http://127.0.0.1:6379',
      'an instance URL outside the allowed Salesforce domains (127.0.0.1:6379; allowed: salesforce.com, force.com)',
    ],
  ])(
    'when the token answer names an instance URL %s, then the login fails and the token goes nowhere (issue 24.5)',
    async (_name, instanceUrl, refused) => {
      const { asked, rewriting } = rewritingInstance(instanceUrl);
      const error = await cloudFailure(() =>
        connector({
          fetch: rewriting,
          instanceDomains: ['salesforce.com', 'force.com'],
        }).identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
      );
      expect(error.kind).toBe('invalid-response');
      expect(error.message).toBe(
        `Salesforce answered the login of connection other-sfdc-connection with ${refused}; the access token was not sent there`,
      );
      expect(asked).toEqual([new URL(fixture.clouds.urls.salesforce).host]);
    },
  );

  it('when the instance URL is under an allowed domain, or the connection names its own, then the token goes there', async () => {
    const allowed = rewritingInstance('https://acme.my.salesforce.com', 'acme.my.salesforce.com');
    expect(
      await connector({ fetch: allowed.rewriting, instanceDomains: ['salesforce.com'] }).identifyOrganization(
        connection('other-sfdc-connection'),
        { signal: signal() },
      ),
    ).toBe(seed002.id);
    expect(allowed.asked.at(-1)).toBe('acme.my.salesforce.com');

    const own = rewritingInstance('https://crm.internal.example', 'crm.internal.example');
    const seeded = fixture.logins.salesforce['other-sfdc-connection'];
    if (seeded?.flow !== 'client-credentials') throw new Error('seed changed');
    fixture.extraSalesforce.set('own-domains', {
      flow: 'client-credentials',
      clientId: seeded.clientId,
      clientSecret: seeded.clientSecret,
      myDomainUrl: fixture.clouds.urls.salesforce,
      instanceDomains: ['internal.example'],
    });
    expect(
      await connector({ fetch: own.rewriting, instanceDomains: ['salesforce.com'] }).identifyOrganization(
        connection('own-domains'),
        { signal: signal() },
      ),
    ).toBe(seed002.id);
  });

  it('when the login URL is a My Domain or the org a sandbox, then the assertion names the audience Salesforce expects (issue 27.1)', async () => {
    expect(defaultAudience('https://acme.my.salesforce.com')).toBe('https://login.salesforce.com');
    expect(defaultAudience('https://login.salesforce.com')).toBe('https://login.salesforce.com');
    expect(defaultAudience('https://test.salesforce.com')).toBe('https://test.salesforce.com');
    expect(defaultAudience('https://acme--uat.sandbox.my.salesforce.com')).toBe(
      'https://test.salesforce.com',
    );

    // The seeded JWT connection's login URL is the fake's own origin, as a My Domain would be.
    const audiences: unknown[] = [];
    const recording: typeof fetch = async (input, init) => {
      const assertion = new URLSearchParams(String(init?.body ?? '')).get('assertion');
      if (assertion) audiences.push(decodeJwt(assertion).aud);
      return fixture.fetch(input, init);
    };
    expect(
      await connector({ fetch: recording }).identifyOrganization(connection('sfdc-connection'), {
        signal: signal(),
      }),
    ).toBe(thales.id);
    expect(audiences).toEqual(['https://login.salesforce.com']);

    const { state } = fixture.clouds;
    const keys = generateSigningKeyPair();
    const sandbox = addOrganization(state, { Name: 'UAT sandbox', IsSandbox: true });
    const user = addUser(state, sandbox.Id, 'integration@uat.example');
    const app = addConnectedApp(state, {
      clientId: newClientId(),
      organizationId: sandbox.Id,
      certificatePem: selfSignedCertificate(keys.privateKeyPem, 'uat'),
      approvedUsers: [user.username],
    });
    const sandboxLogin = {
      flow: 'jwt-bearer' as const,
      clientId: app.clientId,
      username: user.username,
      privateKeyPem: keys.privateKeyPem,
      loginUrl: fixture.clouds.urls.salesforce,
    };
    fixture.extraSalesforce.set('uat-default-audience', sandboxLogin);
    const refused = await cloudFailure(() =>
      connector().identifyOrganization(connection('uat-default-audience'), { signal: signal() }),
    );
    expect(refused.message).toBe(
      "Salesforce refused the login of connection uat-default-audience: invalid_grant (audience is invalid); set the connection's audience: https://login.salesforce.com, or https://test.salesforce.com for a sandbox",
    );
    fixture.extraSalesforce.set('uat', { ...sandboxLogin, audience: 'https://test.salesforce.com' });
    expect(await connector().identifyOrganization(connection('uat'), { signal: signal() })).toBe(sandbox.Id);
  });
});

describe('Salesforce connector: what the integration user may read', () => {
  it.each([
    ['has no Shield Platform Encryption', true, false],
    ['has Shield, but its user lacks "Manage Encryption Keys"', false, true],
  ])(
    'when the org %s, then the line names the missing licence and permission (issue 27.5)',
    async (name, withPermission, withShield) => {
      const { state } = fixture.clouds;
      const organization = addOrganization(state, { platformEncryption: withShield });
      const user = addUser(
        state,
        organization.Id,
        `integration@${organization.Id.toLowerCase()}.example`,
        withPermission ? [MANAGE_ENCRYPTION_KEYS] : [],
      );
      const app = addConnectedApp(state, {
        clientId: newClientId(),
        organizationId: organization.Id,
        clientSecret: newClientSecret(),
        runAs: user.username,
      });
      const connectionName = `no-tenant-secrets-${withShield ? 'permission' : 'licence'}`;
      fixture.extraSalesforce.set(connectionName, {
        flow: 'client-credentials',
        clientId: app.clientId,
        clientSecret: app.clientSecret ?? '',
        myDomainUrl: fixture.clouds.urls.salesforce,
      });
      // The connection still reaches its org: only the secrets are out of its sight.
      expect(await connector().identifyOrganization(connection(connectionName), { signal: signal() })).toBe(
        organization.Id,
      );
      const error = await cloudFailure(() =>
        collect(
          connector().listTenantSecrets(connection(connectionName), organization.Id, { signal: signal() }),
        ),
      );
      expect(error.kind, name).toBe('refused');
      expect(error.message).toBe(
        'Salesforce refused the TenantSecret query: 400 INVALID_TYPE (TenantSecret is not available to this connection); the organization needs Shield Platform Encryption and the integration user the "Manage Encryption Keys" permission',
      );
    },
  );
});

describe('Salesforce connector: paging and sessions', () => {
  it('when an org has 5,000 secrets, then they come in batches of 2,000 or fewer following nextRecordsUrl', async () => {
    const big = organizationWithSecrets('big', 5000);
    const before = { ...fixture.clouds.faults.stats.requests };
    const started = performance.now();
    const pages = await collect(
      connector().listTenantSecrets(big.connection, big.organizationId, { signal: signal() }),
    );
    const elapsed = performance.now() - started;
    expect(pages.map((page) => page.length)).toEqual([2000, 1500, 1500]);
    const ids = new Set(pages.flat().map((secret) => secret.Id));
    expect(ids.size).toBe(5000);
    expect(fixture.clouds.faults.stats.requests['salesforce.query'] - before['salesforce.query']).toBe(1);
    expect(
      fixture.clouds.faults.stats.requests['salesforce.queryMore'] - before['salesforce.queryMore'],
    ).toBe(2);
    console.info(`paged 5,000 tenant secrets in ${elapsed.toFixed(0)} ms`);
  });

  it('when the connector asks smaller batches, then Salesforce pages at that size', async () => {
    const medium = organizationWithSecrets('medium', 450);
    const pages = await collect(
      connector({ batchSize: 200 }).listTenantSecrets(medium.connection, medium.organizationId, {
        signal: signal(),
      }),
    );
    expect(pages.map((page) => page.length)).toEqual([200, 150, 100]);
  });

  it('when the session expires in the middle of paging, then the connector logs in again once and goes on', async () => {
    const paged = organizationWithSecrets('paged', 5000);
    const salesforce = connector();
    await salesforce.identifyOrganization(paged.connection, { signal: signal() });
    const tokensBefore = fixture.clouds.faults.stats.requests['salesforce.token'];
    const rule = fixture.clouds.faults.inject({
      endpoint: 'salesforce.queryMore',
      organizationId: paged.organizationId,
      times: 1,
      fault: { kind: 'expire-session' },
    });
    const pages = await collect(
      salesforce.listTenantSecrets(paged.connection, paged.organizationId, { signal: signal() }),
    );
    expect(rule.hits).toBe(1);
    expect(pages.map((page) => page.length)).toEqual([2000, 1500, 1500]);
    expect(new Set(pages.flat().map((secret) => secret.Id)).size).toBe(5000);
    expect(fixture.clouds.faults.stats.requests['salesforce.token'] - tokensBefore).toBe(1);
  });

  it('when the session expires again after the new login, then the listing fails with a readable line', async () => {
    const twice = organizationWithSecrets('twice', 5000);
    fixture.clouds.faults.inject({
      endpoint: 'salesforce.queryMore',
      organizationId: twice.organizationId,
      times: 2,
      fault: { kind: 'expire-session' },
    });
    const error = await cloudFailure(() =>
      collect(connector().listTenantSecrets(twice.connection, twice.organizationId, { signal: signal() })),
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe(
      'Salesforce ended the session of connection twice again right after a new login (INVALID_SESSION_ID)',
    );
  });
});

describe('Salesforce connector: sessions end when unused, query locators are released (issue 27.8)', () => {
  // A clock of their own for the fake and the connector: time passes when the test says so.
  let clock = Date.UTC(2026, 0, 5, 9);
  let clocked: CloudFixture;
  beforeAll(async () => {
    clocked = await startCloudFixture({ salesforce: { batchSize: 200, now: () => clock } });
  });
  afterAll(() => clocked.clouds.close());

  const MINUTE = 60_000;
  const clockedConnector = (overrides: Partial<SalesforceConnectorDeps> = {}) =>
    createSalesforceConnector({
      credentials: clocked.salesforceCredentials,
      policy: FAST_POLICY,
      fetch: clocked.fetch,
      now: () => clock,
      batchSize: 200,
      ...overrides,
    });

  /** An org of `count` secrets in the clocked fake, reached by a client-credentials connection. */
  function clockedOrganization(name: string, count: number) {
    const { state } = clocked.clouds;
    const organization = addOrganization(state, {
      platformEncryption: true,
      secrets: generateTenantSecrets(state, count),
    });
    const user = addUser(state, organization.Id, `${name}@example.com`, [MANAGE_ENCRYPTION_KEYS]);
    const app = addConnectedApp(state, {
      clientId: newClientId(),
      organizationId: organization.Id,
      clientSecret: newClientSecret(),
      runAs: user.username,
    });
    clocked.extraSalesforce.set(name, {
      flow: 'client-credentials',
      clientId: app.clientId,
      clientSecret: app.clientSecret ?? '',
      myDomainUrl: clocked.clouds.urls.salesforce,
    });
    return { organizationId: organization.Id, connection: connection(name) };
  }

  const requests = () => ({ ...clocked.clouds.faults.stats.requests });

  /** A listing read one page at a time: `next()` gives the next page's IDs, or undefined at the end. */
  function pager(pages: AsyncIterable<SalesforceTenantSecretRecord[]>) {
    const iterator = pages[Symbol.asyncIterator]();
    return {
      async next(): Promise<string[] | undefined> {
        const page = await iterator.next();
        return page.done ? undefined : page.value.map((secret) => secret.Id);
      },
      async rest(): Promise<string[]> {
        const ids: string[] = [];
        for (let page = await this.next(); page; page = await this.next()) ids.push(...page);
        return ids;
      },
      close: () => iterator.return?.(undefined),
    };
  }

  it('when a session is in use, then it is kept past the reuse period: Salesforce ends sessions left unused', async () => {
    const busy = clockedOrganization('busy', 3);
    const salesforce = clockedConnector();
    const before = requests();
    for (let call = 0; call < 5; call += 1) {
      expect(await salesforce.identifyOrganization(busy.connection, { signal: signal() })).toBe(
        busy.organizationId,
      );
      clock += 20 * MINUTE;
    }
    expect(requests()['salesforce.token'] - before['salesforce.token']).toBe(1);
    // Left unused longer than the reuse period, it is not used again.
    clock += 31 * MINUTE;
    await salesforce.identifyOrganization(busy.connection, { signal: signal() });
    expect(requests()['salesforce.token'] - before['salesforce.token']).toBe(2);
  });

  it('when the session and the query locator end while a listing waits between two pages, then one new login, one new query and each record once', async () => {
    const waiting = clockedOrganization('waiting', 450);
    const salesforce = clockedConnector();
    const before = requests();
    const pages = pager(
      salesforce.listTenantSecrets(waiting.connection, waiting.organizationId, { signal: signal() }),
    );
    const first = (await pages.next()) ?? [];
    expect(first).toHaveLength(200);
    clock += 2 * 60 * MINUTE + MINUTE;
    const ids = [...first, ...(await pages.rest())];
    expect(ids).toHaveLength(450);
    expect(new Set(ids).size).toBe(450);
    const after = requests();
    expect(after['salesforce.token'] - before['salesforce.token']).toBe(2);
    expect(after['salesforce.query'] - before['salesforce.query']).toBe(2);
  });

  it('when the same user opens ten other query locators meanwhile, then the listing runs its query again and ends', async () => {
    const shared = clockedOrganization('shared-user', 450);
    const salesforce = clockedConnector();
    const listing = () =>
      pager(salesforce.listTenantSecrets(shared.connection, shared.organizationId, { signal: signal() }));
    const first = listing();
    const seen = (await first.next()) ?? [];
    const others = Array.from({ length: 10 }, listing);
    for (const other of others) await other.next();
    seen.push(...(await first.rest()));
    expect(seen).toHaveLength(450);
    expect(new Set(seen).size).toBe(450);
    await Promise.all(others.map((other) => other.close()));
  });

  it('when every query locator is released at once, then the listing fails after three queries', async () => {
    const unlucky = clockedOrganization('unlucky', 450);
    let queries = 0;
    const releasing: typeof fetch = async (input, init) => {
      if (/\/query\/01g/.test(String(input)))
        return Response.json([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }], {
          status: 400,
        });
      if (String(input).includes('/query?')) queries += 1;
      return clocked.fetch(input, init);
    };
    const error = await cloudFailure(() =>
      collect(
        clockedConnector({ fetch: releasing }).listTenantSecrets(unlucky.connection, unlucky.organizationId, {
          signal: signal(),
        }),
      ),
    );
    expect(error.message).toBe(
      'Salesforce refused the TenantSecret query: 400 INVALID_QUERY_LOCATOR (invalid query locator)',
    );
    expect(queries).toBe(3);
  });
});

describe('Salesforce connector: call policy', () => {
  it('when REQUEST_LIMIT_EXCEEDED comes in a burst, then the call is retried and succeeds', async () => {
    const rule = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      times: 2,
      fault: { kind: 'request-limit' },
    });
    const pages = await collect(
      connector().listTenantSecrets(connection('other-sfdc-connection'), seed002.id, { signal: signal() }),
    );
    expect(rule.hits).toBe(2);
    expect(pages.flat().map((secret) => secret.Id)).toEqual(['02G190000009TlEEAU', '02G190000009TlFFAU']);
  });

  it('when the 24-hour request limit is used up, then the call fails at once with the usage figures, never retried (issue 27.6)', async () => {
    const rule = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'request-limit', limit: 'daily' },
    });
    const retries: RetryEvent[] = [];
    const error = await cloudFailure(() =>
      collect(
        connector({ onRetry: (event) => retries.push(event) }).listTenantSecrets(
          connection('other-sfdc-connection'),
          seed002.id,
          { signal: signal() },
        ),
      ),
    );
    expect(rule.hits).toBe(1);
    expect(retries).toEqual([]);
    expect(error).toMatchObject({ kind: 'rate-limited', status: 403, code: 'REQUEST_LIMIT_EXCEEDED' });
    expect(error.message).toBe(
      "Salesforce refused the TenantSecret query: the organization's 24-hour API request limit is used up (api-usage 100000/100000); calls fail until its usage of the last 24 hours falls below the limit",
    );
  });

  it('when Retry-After is sent, then the retry waits at least that long', async () => {
    fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      times: 1,
      fault: { kind: 'request-limit', retryAfterSeconds: 1 },
    });
    const started = performance.now();
    await connector().identifyOrganization(connection('other-sfdc-connection'), { signal: signal() });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('when Retry-After asks more than allowed, then the call fails at once', async () => {
    fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'request-limit', retryAfterSeconds: 3600 },
    });
    const error = await cloudFailure(() =>
      connector().identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
    );
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toBe(
      'Salesforce request limit reached (403 REQUEST_LIMIT_EXCEEDED); it asks to wait 3600 s, more than the 5 s allowed',
    );
  });

  it('when 429 persists, then the call fails rate-limited after the bounded attempts', async () => {
    fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'too-many-requests' },
    });
    const error = await cloudFailure(() =>
      connector().identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
    );
    expect(error.kind).toBe('rate-limited');
    expect(error.attempts).toBe(3);
  });

  it('when 5xx persists, then the call fails after the bounded attempts with a readable line', async () => {
    const rule = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'server-error', status: 503 },
    });
    const retries: RetryEvent[] = [];
    const error = await cloudFailure(() =>
      collect(
        connector({ onRetry: (event) => retries.push(event) }).listTenantSecrets(
          connection('other-sfdc-connection'),
          seed002.id,
          { signal: signal() },
        ),
      ),
    );
    expect(retries.map(({ attempt, reason, status }) => [attempt, reason, status])).toEqual([
      [1, 'server-error', 503],
      [2, 'server-error', 503],
    ]);
    expect(retries[0]).toMatchObject({ cloud: 'Salesforce', connectionId: 'id-of-other-sfdc-connection' });
    expect(rule.hits).toBe(3);
    expect(error.kind).toBe('server-error');
    expect(error.message).toBe('Salesforce answered 503 SERVER_UNAVAILABLE to 3 attempts');
  });

  it('when Salesforce answers 400 MALFORMED_QUERY or 404, then there is no retry', async () => {
    let calls = 0;
    const rewriting =
      (from: RegExp, to: string): typeof fetch =>
      async (input, init) => {
        const url = String(input);
        if (url.includes('/query')) calls += 1;
        return fixture.fetch(url.replace(from, to), init);
      };
    const malformed = await cloudFailure(() =>
      collect(
        connector({
          fetch: rewriting(/FROM%20TenantSecret/, 'FROM%20TenantSecret%20WHERE%20x'),
        }).listTenantSecrets(connection('other-sfdc-connection'), seed002.id, { signal: signal() }),
      ),
    );
    expect(malformed.kind).toBe('refused');
    expect(malformed.message).toBe(
      "Salesforce refused the TenantSecret query: 400 MALFORMED_QUERY (unexpected token: 'WHERE')",
    );
    expect(calls).toBe(1);
    calls = 0;
    const missing = await cloudFailure(() =>
      connector({ fetch: rewriting(/\/query\?/, '/nothing?') }).identifyOrganization(
        connection('other-sfdc-connection'),
        {
          signal: signal(),
        },
      ),
    );
    expect(missing.status).toBe(404);
    expect(missing.message).toBe(
      'Salesforce refused the Organization query: 404 NOT_FOUND (The requested resource does not exist)',
    );
    expect(calls).toBe(1);
  });

  it('when the body stalls, then the call times out after the bounded attempts', async () => {
    fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'stall' },
    });
    const started = performance.now();
    const error = await cloudFailure(() =>
      connector({ policy: { ...FAST_POLICY, timeoutMs: 300, maxAttempts: 2 } }).identifyOrganization(
        connection('other-sfdc-connection'),
        { signal: signal() },
      ),
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('Salesforce did not answer within 0.3 s (2 attempts)');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('when the caller aborts, then the call stops promptly with the abort reason, not a CloudError', async () => {
    // Salesforce never answers until released: only the abort can end the call.
    const held = fixture.clouds.faults.hold({ endpoint: 'salesforce.query', organizationId: seed002.id });
    const controller = new AbortController();
    const reason = new Error('server shutting down');
    const failed = failure(() =>
      collect(
        connector().listTenantSecrets(connection('other-sfdc-connection'), seed002.id, {
          signal: controller.signal,
        }),
      ),
    );
    await held.reached();
    controller.abort(reason);
    expect(await failed).toBe(reason);
    held.release();
  });

  it('when the connection is reset, then the call is retried and succeeds', async () => {
    const rule = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      times: 1,
      fault: { kind: 'reset' },
    });
    expect(
      await connector().identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
    ).toBe(seed002.id);
    expect(rule.hits).toBe(1);
  });

  it('when the JSON is cut short, then the call is retried like a reset; when it stays broken, a CloudError (issue 24.6)', async () => {
    const once = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      times: 1,
      fault: { kind: 'malformed-json' },
    });
    const pages = await collect(
      connector().listTenantSecrets(connection('other-sfdc-connection'), seed002.id, { signal: signal() }),
    );
    expect(once.hits).toBe(1);
    expect(pages.flat()).toHaveLength(2);
    const always = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'malformed-json' },
    });
    const error = await cloudFailure(() =>
      collect(
        connector().listTenantSecrets(connection('other-sfdc-connection'), seed002.id, { signal: signal() }),
      ),
    );
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe('Salesforce answered 200 with malformed JSON to 3 attempts');
    expect(always.hits).toBe(3);
  });

  it('when Salesforce answers an HTML error page or a redirect, then the call is retried as an outage, never follows the redirect, and quotes no HTML (issue 27.7)', async () => {
    const page = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      times: 1,
      fault: { kind: 'html-error' },
    });
    const moved = fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      times: 1,
      fault: { kind: 'redirect' },
    });
    const before = fixture.calls.count;
    expect(
      await connector().identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
    ).toBe(seed002.id);
    expect([page.hits, moved.hits]).toEqual([1, 1]);
    // A login and three queries: the redirect was not followed.
    expect(fixture.calls.count - before).toBe(4);
    fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'html-error', status: 503 },
    });
    const outage = await cloudFailure(() =>
      connector().identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
    );
    expect(outage.kind).toBe('server-error');
    expect(outage.message).toBe('Salesforce answered 503 with an HTML page to 3 attempts');
    fixture.clouds.faults.clear();
    fixture.clouds.faults.inject({
      endpoint: 'salesforce.query',
      organizationId: seed002.id,
      fault: { kind: 'redirect', location: 'https://maintenance.example/outage?session=abc' },
    });
    const redirected = await cloudFailure(() =>
      connector().identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
    );
    expect(redirected.kind).toBe('server-error');
    expect(redirected.message).toBe(
      'Salesforce answered 302, a redirect to maintenance.example (not followed) to 3 attempts',
    );
  });

  it('when nothing listens at the login URL, then unreachable at once', async () => {
    const port = await closedPort();
    fixture.extraSalesforce.set('nowhere', {
      flow: 'client-credentials',
      clientId: 'x',
      clientSecret: 'not-a-real-secret-value',
      myDomainUrl: `http://127.0.0.1:${port}`,
    });
    const error = await cloudFailure(() =>
      connector().identifyOrganization(connection('nowhere'), { signal: signal() }),
    );
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(`Salesforce is unreachable at 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(error.attempts).toBe(1);
  });

  it('when many calls of one connection run at once, then at most `concurrency` are in flight', async () => {
    const salesforce = connector({ policy: { ...FAST_POLICY, concurrency: 3 } });
    await salesforce.identifyOrganization(connection('other-sfdc-connection'), { signal: signal() });
    fixture.clouds.faults.latency(50, { organizationId: seed002.id });
    fixture.clouds.faults.resetStats();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        salesforce.identifyOrganization(connection('other-sfdc-connection'), { signal: signal() }),
      ),
    );
    expect(results.every((id) => id === seed002.id)).toBe(true);
    expect(fixture.clouds.faults.stats.requests['salesforce.query']).toBe(12);
    expect(fixture.clouds.faults.stats.peakInFlight).toBeLessThanOrEqual(3);
    expect(fixture.clouds.faults.stats.peakInFlight).toBeGreaterThanOrEqual(2);
  });

  it('when Salesforce echoes a token in an error message, then the message shows it redacted', async () => {
    const echoing: typeof fetch = async (input, init) => {
      if (String(input).includes('/query'))
        return new Response(
          JSON.stringify([
            {
              message: `Session 00DB000000012AB!AQ4bXcZ.secret-token-value expired for Bearer abcdef123456`,
              errorCode: 'X',
            },
          ]),
          { status: 400, headers: { 'content-type': 'application/json' } },
        );
      return fixture.fetch(input, init);
    };
    const error = await cloudFailure(() =>
      connector({ fetch: echoing }).identifyOrganization(connection('other-sfdc-connection'), {
        signal: signal(),
      }),
    );
    expect(error.message).toBe(
      'Salesforce refused the Organization query: 400 X (Session [redacted] expired for [redacted])',
    );
  });
});

describe('Salesforce connector: secrets stay out of messages', () => {
  it('when any CloudError above was raised, then its message holds no token, secret or private key text', () => {
    expect(seen.length).toBeGreaterThanOrEqual(15);
    expect(fixture.secrets.size).toBeGreaterThan(5);
    const fragments = [...fixture.secrets].flatMap((secret) =>
      secret.includes('PRIVATE KEY') ? pemLines(secret) : [secret, secret.slice(0, 24)],
    );
    for (const error of seen) {
      for (const fragment of fragments) expect(error.message).not.toContain(fragment);
      expect(error.message).not.toMatch(/BEGIN|Bearer [A-Za-z0-9]|![A-Za-z0-9]{10}/);
    }
  });
});
