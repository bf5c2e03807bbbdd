import { generateSapTenant, type SapListing, SEED } from '@cckm/fake-clouds';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloudCallError } from '../../src/clouds/http/cloud-call-error.ts';
import {
  activateSapCredentials,
  createSapConnector,
  type SapConnectorDeps,
  type SapCredentials,
} from '../../src/clouds/sap/sap-connector.ts';
import {
  type CloudFixture,
  collect,
  connection,
  FAST_POLICY,
  failure,
  startCloudFixture,
} from './cloud-test-helpers.ts';

let fixture: CloudFixture;
const seen: Error[] = [];
const extra = new Map<string, SapCredentials>();

beforeAll(async () => {
  fixture = await startCloudFixture({ sap: { pageSize: 100 } });
});
afterEach(() => fixture.clouds.faults.clear());
afterAll(() => fixture.clouds.close());

function connector(overrides: Partial<SapConnectorDeps> = {}) {
  return createSapConnector({
    credentials: async (ref) => extra.get(ref.name) ?? fixture.sapCredentials(ref),
    policy: FAST_POLICY,
    fetch: fixture.fetch,
    ...overrides,
  });
}

async function cloudFailure(work: () => Promise<unknown>): Promise<CloudCallError> {
  const error = await failure(work);
  seen.push(error);
  expect(error).toBeInstanceOf(CloudCallError);
  return error as CloudCallError;
}

const signal = () => AbortSignal.timeout(60_000);
const sap = connection('sap-dc-connection');
const [finance] = SEED.sapGroups;

/** A tenant with one group of `keys` keys and a connection to it. */
function bigGroup(name: string, keys: number) {
  const tenant = generateSapTenant(fixture.clouds.state, { tenantId: name, groups: 1, keysPerGroup: keys });
  extra.set(name, fixture.clouds.sapCredentials(tenant.login));
  return { connection: connection(name), groupId: tenant.groupIds[0] ?? '' };
}

describe('SAP Data Custodian connector', () => {
  it('when a seeded group is listed, then its keys come mapped to the port record', async () => {
    const pages = await collect(connector().listKeys(sap, finance.groupId, { signal: signal() }));
    expect(pages).toEqual([
      [
        {
          id: 'finance-master-key',
          name: 'finance master key',
          type: 'AES',
          size: 256,
          enabled: true,
          totalVersions: 2,
        },
        {
          id: 'finance-signing-key',
          name: 'finance signing key',
          type: 'RSA',
          size: 3072,
          enabled: true,
          totalVersions: 1,
        },
      ],
    ]);
  });

  it('when a group has more keys than a page, then pages follow @odata.nextLink to the end', async () => {
    const group = bigGroup('paging', 250);
    const pages = await collect(connector().listKeys(group.connection, group.groupId, { signal: signal() }));
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    expect(new Set(pages.flat().map((key) => key.id)).size).toBe(250);
  });

  it('when the connector asks smaller pages, then $top is honoured', async () => {
    const group = bigGroup('small-pages', 25);
    const pages = await collect(
      connector({ pageSize: 10 }).listKeys(group.connection, group.groupId, { signal: signal() }),
    );
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
  });

  it('when the group does not exist for the technical user, then not-found', async () => {
    const error = await cloudFailure(() =>
      collect(connector().listKeys(sap, 'no-such-group', { signal: signal() })),
    );
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe(
      'SAP group no-such-group does not exist for the technical user of connection sap-dc-connection',
    );
  });

  it('when the group ID could change the filter, then it is refused before any call', async () => {
    const before = fixture.calls.count;
    const error = await cloudFailure(() =>
      collect(connector().listKeys(sap, "x' or id ne 'y", { signal: signal() })),
    );
    expect(error.kind).toBe('refused');
    expect(fixture.calls.count).toBe(before);
  });

  it('when the secret is wrong, then unauthorized with a readable line', async () => {
    const login = fixture.logins.sap['sap-dc-connection'];
    extra.set(
      'wrong-secret',
      fixture.clouds.sapCredentials({ apiKey: login?.apiKey ?? '', apiSecret: 'wrong-secret-value' }),
    );
    const error = await cloudFailure(() =>
      collect(connector().listKeys(connection('wrong-secret'), finance.groupId, { signal: signal() })),
    );
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toBe(
      'SAP Data Custodian refused the login of connection wrong-secret: 401 UNAUTHORIZED (Invalid credentials)',
    );
  });

  it('when the credentials were never activated, then the login line says how; activation answers the one secret that works (issue 27.3)', async () => {
    const tenant = generateSapTenant(fixture.clouds.state, {
      tenantId: 'not-activated',
      groups: 1,
      keysPerGroup: 2,
      activated: false,
    });
    const given = fixture.clouds.sapCredentials(tenant.login);
    extra.set('not-activated', given);
    const groupId = tenant.groupIds[0] ?? '';
    const refused = await cloudFailure(() =>
      collect(connector().listKeys(connection('not-activated'), groupId, { signal: signal() })),
    );
    expect(refused.kind).toBe('unauthorized');
    expect(refused.message).toBe(
      'SAP Data Custodian refused the login of connection not-activated: 401 UNAUTHORIZED (Credentials are not activated; activate them with PUT /kms/v2/auth/credentialActivate); activate the credentials once with cckm-admin (connections add or rotate-secret with --activate), which stores the secret SAP returns',
    );

    const activated = await activateSapCredentials(given, { fetch: fixture.fetch, signal: signal() });
    expect(activated).toEqual({ ...given, apiSecret: expect.any(String) });
    expect(activated.apiSecret).not.toBe(given.apiSecret);
    extra.set('activated', activated);
    const pages = await collect(connector().listKeys(connection('activated'), groupId, { signal: signal() }));
    expect(pages.flat()).toHaveLength(2);

    const before = fixture.clouds.faults.stats.requests['sap.activate'];
    const again = await cloudFailure(() =>
      activateSapCredentials(activated, { fetch: fixture.fetch, policy: FAST_POLICY, signal: signal() }),
    );
    expect(again.message).toBe(
      'SAP Data Custodian refused to activate the credentials: 400 BAD_REQUEST (Credentials are already activated)',
    );
    fixture.clouds.faults.inject({ endpoint: 'sap.activate', fault: { kind: 'server-error' } });
    await cloudFailure(() =>
      activateSapCredentials(activated, { fetch: fixture.fetch, policy: FAST_POLICY, signal: signal() }),
    );
    // Never retried: an activation whose answer is lost has changed the secret anyway.
    expect(fixture.clouds.faults.stats.requests['sap.activate'] - before).toBe(2);
  });

  it('when the token is reused and then ends in the middle of paging, then one new login and the listing goes on', async () => {
    const group = bigGroup('expiring', 250);
    const keys = connector();
    await collect(keys.listKeys(group.connection, group.groupId, { signal: signal() }));
    const logins = fixture.clouds.faults.stats.requests['sap.auth'];
    fixture.clouds.faults.inject({
      endpoint: 'sap.keys',
      groupId: group.groupId,
      after: 1,
      times: 1,
      fault: { kind: 'expire-session' },
    });
    const pages = await collect(keys.listKeys(group.connection, group.groupId, { signal: signal() }));
    expect(pages.flat()).toHaveLength(250);
    expect(fixture.clouds.faults.stats.requests['sap.auth'] - logins).toBe(1);
  });

  it('when the session ends again after the new login, then the listing fails', async () => {
    const group = bigGroup('expiring-twice', 250);
    fixture.clouds.faults.inject({
      endpoint: 'sap.keys',
      groupId: group.groupId,
      after: 1,
      times: 2,
      fault: { kind: 'expire-session' },
    });
    const error = await cloudFailure(() =>
      collect(connector().listKeys(group.connection, group.groupId, { signal: signal() })),
    );
    expect(error.kind).toBe('unauthorized');
  });

  it('when one group keeps ending the shared session, then only that group fails: the others log in again once per expiry (issue 24.7)', async () => {
    const tenant = generateSapTenant(fixture.clouds.state, {
      tenantId: 'shared-session',
      groups: 2,
      keysPerGroup: 250,
    });
    extra.set('shared-session', fixture.clouds.sapCredentials(tenant.login));
    const [refused = '', patient = ''] = tenant.groupIds;
    const keys = connector();
    const shared = connection('shared-session');
    const pages = keys.listKeys(shared, patient, { signal: signal() })[Symbol.asyncIterator]();
    expect((await pages.next()).value).toHaveLength(100);
    // A first expiry: the patient listing logs in again and goes on.
    fixture.clouds.sap.sessions.expireAll();
    expect((await pages.next()).value).toHaveLength(100);
    // The patient listing's next request waits at SAP with the session it carries...
    const held = fixture.clouds.faults.hold({ endpoint: 'sap.keys', groupId: patient });
    const third = pages.next();
    await held.reached();
    // ...while every request of another group of the connection ends that session: it fails alone.
    fixture.clouds.faults.inject({
      endpoint: ['sap.groups', 'sap.keys'],
      groupId: refused,
      fault: { kind: 'expire-session' },
    });
    const error = await cloudFailure(() => collect(keys.listKeys(shared, refused, { signal: signal() })));
    expect(error.kind).toBe('unauthorized');
    // The patient listing meets that second expiry, takes a new session and ends.
    held.release();
    expect((await third).value).toHaveLength(50);
    expect((await pages.next()).done).toBe(true);
  });

  it('when 429 comes in a burst, then the call is retried and succeeds; when 5xx persists, it fails readably', async () => {
    const burst = fixture.clouds.faults.inject({
      endpoint: 'sap.keys',
      groupId: finance.groupId,
      times: 2,
      fault: { kind: 'request-limit' },
    });
    expect(
      (await collect(connector().listKeys(sap, finance.groupId, { signal: signal() }))).flat(),
    ).toHaveLength(2);
    expect(burst.hits).toBe(2);
    fixture.clouds.faults.inject({ endpoint: 'sap.groups', fault: { kind: 'server-error' } });
    const error = await cloudFailure(() =>
      collect(connector().listKeys(sap, finance.groupId, { signal: signal() })),
    );
    expect(error.kind).toBe('server-error');
    expect(error.message).toBe('SAP Data Custodian answered 500 INTERNAL_SERVER_ERROR to 3 attempts');
  });

  it('when the caller aborts, then the listing stops promptly with the abort reason', async () => {
    // SAP never answers until released: only the abort can end the call.
    const held = fixture.clouds.faults.hold({ endpoint: 'sap.keys' });
    const controller = new AbortController();
    const failed = failure(() =>
      collect(connector().listKeys(sap, finance.groupId, { signal: controller.signal })),
    );
    await held.reached();
    controller.abort(new Error('job aborted'));
    expect((await failed).message).toBe('job aborted');
    held.release();
  });

  it('when the answer is malformed JSON, then invalid-response', async () => {
    fixture.clouds.faults.inject({ endpoint: 'sap.keys', fault: { kind: 'malformed-json' } });
    const error = await cloudFailure(() =>
      collect(connector().listKeys(sap, finance.groupId, { signal: signal() })),
    );
    expect(error.kind).toBe('invalid-response');
  });

  it('when any CloudError above was raised, then its message holds no token or secret', () => {
    expect(seen.length).toBeGreaterThanOrEqual(6);
    for (const error of seen)
      for (const secret of fixture.secrets) expect(error.message).not.toContain(secret);
  });
});

describe('SAP Data Custodian connector: the key list read defensively (issue 27.4)', () => {
  /** Fake clouds whose SAP lists keys as `listing` says, a tenant of three groups, a connector. */
  async function tenantUnder(listing: SapListing, overrides: Partial<SapConnectorDeps> = {}) {
    const clouds = await startCloudFixture({ sap: { pageSize: 100, listing } });
    const tenant = generateSapTenant(clouds.clouds.state, {
      tenantId: 'modes',
      groups: 3,
      keysPerGroup: 250,
    });
    const credentials = clouds.clouds.sapCredentials(tenant.login);
    const sap = createSapConnector({
      credentials: async () => credentials,
      policy: FAST_POLICY,
      fetch: clouds.fetch,
      ...overrides,
    });
    return { clouds, groupId: tenant.groupIds[1] ?? '', sap };
  }

  it.each<[string, SapListing, Partial<SapConnectorDeps>]>([
    ['the filter is ignored', { filter: 'ignored' }, {}],
    ['the server pages by $skip only, with a count', { paging: 'skip-only' }, {}],
    ['the server pages by $skip only, without a count', { paging: 'skip-only', count: false }, {}],
    ['the filter is ignored and paging is by $skip only', { filter: 'ignored', paging: 'skip-only' }, {}],
    ['the server gives fewer keys per page than $top asks', { paging: 'skip-only' }, { pageSize: 500 }],
  ])("when %s, then exactly the group's keys come, each once", async (_name, listing, overrides) => {
    const { clouds, groupId, sap } = await tenantUnder(listing, overrides);
    try {
      const ids = (await collect(sap.listKeys(connection('modes'), groupId, { signal: signal() })))
        .flat()
        .map((key) => key.id);
      expect(ids).toHaveLength(250);
      expect(new Set(ids).size).toBe(250);
      expect(ids.every((id) => id.startsWith(`${groupId}-key-`))).toBe(true);
    } finally {
      await clouds.clouds.close();
    }
  });

  it('when the server ignores $skip, then the listing fails instead of going round or repeating keys', async () => {
    const { clouds, groupId, sap } = await tenantUnder({ paging: 'skip-ignored' });
    try {
      const error = await cloudFailure(() =>
        collect(sap.listKeys(connection('modes'), groupId, { signal: signal() })),
      );
      expect(error.kind).toBe('invalid-response');
      expect(error.message).toBe(
        `SAP Data Custodian answered a page of keys of group ${groupId} it had sent already; the group is left as it was`,
      );
    } finally {
      await clouds.clouds.close();
    }
  });

  it('when fewer keys arrive than the count SAP reported, then the group fails rather than flag keys gone', async () => {
    let inner: typeof fetch = fetch;
    const inflating: typeof fetch = async (input, init) => {
      const response = await inner(input, init);
      if (!String(input).includes('/keys?')) return response;
      const body = (await response.json()) as { count: number };
      return Response.json({ ...body, count: body.count + 1 });
    };
    const { clouds, groupId, sap } = await tenantUnder({}, { fetch: inflating });
    inner = clouds.fetch;
    try {
      const error = await cloudFailure(() =>
        collect(sap.listKeys(connection('modes'), groupId, { signal: signal() })),
      );
      expect(error.kind).toBe('invalid-response');
      expect(error.message).toBe(
        `SAP Data Custodian counted 251 keys for group ${groupId} but sent 250; the group is left as it was`,
      );
    } finally {
      await clouds.clouds.close();
    }
  });
});
