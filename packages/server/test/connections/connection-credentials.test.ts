// Connection credentials at rest: sealed under CONNECTION_SECRETS_KEY, bound to their connection,
// never listed or printed; managed with cckm-admin, whose secrets come from a file or stdin.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFakeCloudState, generateSapTenant, startFakeClouds } from '@cckm/fake-clouds';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createConnectionAdmin } from '../../src/connections/connection-admin.ts';
import { createCredentialResolvers, verifySecretsKey } from '../../src/connections/connection-credentials.ts';
import {
  ConfigError,
  createLogger,
  createRuntime,
  createSecretBox,
  createStore,
  DEMO,
  DEMO_DOMAIN_ID,
  loadConfig,
  migrateToLatest,
  openDatabase,
  type Store,
  systemClock,
} from '../../src/index.ts';
import { TEST_SECRET } from '../helpers.ts';

const KEY = Buffer.alloc(32, 1);
const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const jwtCredentials = {
  flow: 'jwt-bearer' as const,
  loginUrl: 'https://login.salesforce.com',
  clientId: '3MVG9-consumer-key',
  username: 'integration@example.com',
  privateKeyPem: PRIVATE_KEY,
};

let directory: string;
let file: string;
let store: Store;
let close: () => Promise<void>;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cckm-connections-'));
  file = join(directory, 'cckm.sqlite');
  const db = openDatabase({ kind: 'sqlite', filename: file });
  await migrateToLatest(db);
  store = createStore(db);
  close = () => db.destroy();
});
afterEach(async () => {
  await close();
  await rm(directory, { recursive: true, force: true });
});

const admin = (key = KEY) =>
  createConnectionAdmin({ store, box: createSecretBox(key), clock: systemClock() });

/** Adds a Salesforce connection of the demo domain that logs in with the JWT flow; its ID. */
const addJwtConnection = async (name: string) =>
  (await admin().add({ cloud: 'sfdc', domainId: DEMO_DOMAIN_ID, name, credentials: jwtCredentials })).id;

/** What the connection stores, as a caller that read it with its own row hands it on. */
const storedOf = async (id: string) => {
  const row = await store.connections.get(id);
  return {
    cloud: row?.cloud as string,
    settings: row?.settings as string,
    sealedSecret: row?.sealed_secret ?? null,
  };
};

describe('connection credentials', () => {
  test('when a Salesforce connection is added, then its key is stored sealed and the resolver gives it back', async () => {
    const { id } = await admin().add({
      cloud: 'sfdc',
      domainId: DEMO_DOMAIN_ID,
      name: 'prod-org',
      credentials: jwtCredentials,
    });

    const row = await store.connections.get(id);
    expect(JSON.parse(row?.settings ?? '{}')).toEqual({
      flow: 'jwt-bearer',
      loginUrl: 'https://login.salesforce.com',
      clientId: '3MVG9-consumer-key',
      username: 'integration@example.com',
    });
    expect(row?.sealed_secret).toMatch(/^v1\./);
    expect(row?.sealed_secret).not.toContain('PRIVATE KEY');
    const resolve = createCredentialResolvers({ store, box: createSecretBox(KEY) });
    expect(await resolve.salesforce({ id, name: 'prod-org' })).toEqual(jwtCredentials);
  });

  test('when a connection name is longer than the contract bound of 255 characters, then it is not stored', async () => {
    const add = (name: string) =>
      admin().add({ cloud: 'sfdc', domainId: DEMO_DOMAIN_ID, name, credentials: jwtCredentials });
    await expect(add('c'.repeat(256))).rejects.toThrow('at most 255 characters');
    // Counted in code points, as JSON Schema's maxLength counts: 255 emoji fit.
    await expect(add('🔑'.repeat(255))).resolves.toMatchObject({ id: expect.any(String) });
  });

  test('when a Salesforce connection names its audience and instance domains, then they are stored and given back; an http audience is refused', async () => {
    const credentials = {
      ...jwtCredentials,
      loginUrl: 'https://acme--uat.sandbox.my.salesforce.com',
      audience: 'https://test.salesforce.com',
      instanceDomains: ['salesforce.com', 'internal.example'],
    };
    const { id } = await admin().add({ cloud: 'sfdc', domainId: DEMO_DOMAIN_ID, name: 'uat', credentials });
    const resolve = createCredentialResolvers({ store, box: createSecretBox(KEY) });
    expect(await resolve.salesforce({ id, name: 'uat' })).toEqual(credentials);
    await expect(
      admin().add({
        cloud: 'sfdc',
        domainId: DEMO_DOMAIN_ID,
        name: 'bad-audience',
        credentials: { ...jwtCredentials, audience: 'http://login.salesforce.com' },
      }),
    ).rejects.toThrow('audience: must be an https URL');
    await expect(
      admin().add({
        cloud: 'sfdc',
        domainId: DEMO_DOMAIN_ID,
        name: 'bad-domains',
        credentials: { ...jwtCredentials, instanceDomains: ['*.salesforce.com'] },
      }),
    ).rejects.toThrow('instanceDomains.0: must be a lower-case domain name');
  });

  test('when connections are listed, then no secret is in the answer', async () => {
    await admin().add({
      cloud: 'sap',
      domainId: DEMO_DOMAIN_ID,
      name: 'sap-prod',
      credentials: {
        apiEndpoint: 'https://kms.example.com/kms/v2',
        apiKey: 'key-1',
        apiSecret: 'very-secret-value',
      },
    });
    const listed = await admin().list(DEMO_DOMAIN_ID);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 'sap-prod', cloud: 'sap', has_secret: true });
    expect(JSON.stringify(listed)).not.toMatch(/very-secret-value|sealed|v1\./);
  });

  test('when a secret is rotated, then the resolver gives the new one', async () => {
    const { id } = await admin().add({
      cloud: 'sfdc',
      domainId: DEMO_DOMAIN_ID,
      name: 'cc-org',
      credentials: {
        flow: 'client-credentials',
        myDomainUrl: 'https://acme.my.salesforce.com',
        clientId: 'c',
        clientSecret: 'old',
      },
    });
    await admin().rotateSecret(DEMO_DOMAIN_ID, 'cc-org', 'new-secret');
    const resolve = createCredentialResolvers({ store, box: createSecretBox(KEY) });
    expect(await resolve.salesforce({ id, name: 'cc-org' })).toMatchObject({ clientSecret: 'new-secret' });
  });

  test.each([
    [
      'a plain-http login URL off loopback',
      { ...jwtCredentials, loginUrl: 'http://login.salesforce.com' },
      /https/,
    ],
    ['a private key that is not PEM', { ...jwtCredentials, privateKeyPem: 'not a key' }, /PEM/],
    ['an empty username', { ...jwtCredentials, username: '' }, /username/],
  ])('when a connection has %s, then it is refused', async (_case, credentials, message) => {
    await expect(
      admin().add({ cloud: 'sfdc', domainId: DEMO_DOMAIN_ID, name: 'x', credentials }),
    ).rejects.toThrow(message);
    expect(await store.connections.list(DEMO_DOMAIN_ID)).toEqual([]);
  });

  test('when a sealed secret is moved to another connection, then it does not open', async () => {
    const id = await addJwtConnection('a');
    const other = await addJwtConnection('b');
    const sealed = (await store.connections.get(id))?.sealed_secret as string;
    await store.connections.saveCredentials(
      other,
      (await store.connections.get(other))?.settings as string,
      sealed,
      'now',
    );
    const resolve = createCredentialResolvers({ store, box: createSecretBox(KEY) });
    await expect(resolve.salesforce({ id: other, name: 'b' })).rejects.toThrow(/does not open/);
  });

  test('when the caller read the stored credentials with its own row, then the resolver opens those without reading the connection', async () => {
    const id = await addJwtConnection('prod-org');
    const stored = await storedOf(id);
    let reads = 0;
    const counting = {
      ...store,
      connections: {
        ...store.connections,
        get: (connectionId: string) => {
          reads += 1;
          return store.connections.get(connectionId);
        },
      },
    } as Store;
    const resolve = createCredentialResolvers({ store: counting, box: createSecretBox(KEY) });
    expect(await resolve.salesforce({ id, name: 'prod-org', stored })).toEqual(jwtCredentials);
    expect(reads).toBe(0);
    // Without them it reads the connection, as before.
    expect(await resolve.salesforce({ id, name: 'prod-org' })).toEqual(jwtCredentials);
    expect(reads).toBe(1);
  });

  test.each([
    ['of another cloud', { cloud: 'sap' }, /has no credentials/],
    ['without a secret', { sealedSecret: null }, /has no credentials/],
    ['sealed for another connection', { other: true }, /does not open/],
  ])(
    'when the stored credentials given are %s, then they are refused as a stored row would be',
    async (_case, change, message) => {
      const id = await addJwtConnection('a');
      const other = await addJwtConnection('b');
      const { other: fromOther, ...fields } = change as {
        other?: boolean;
        cloud?: string;
        sealedSecret?: null;
      };
      const stored = { ...(await storedOf(id)), ...fields };
      const resolve = createCredentialResolvers({ store, box: createSecretBox(KEY) });
      await expect(resolve.salesforce({ id: fromOther ? other : id, name: 'a', stored })).rejects.toThrow(
        message,
      );
    },
  );

  test('when the key is wrong or missing at start-up, then it is a configuration error', async () => {
    await admin().add({ cloud: 'sfdc', domainId: DEMO_DOMAIN_ID, name: 'a', credentials: jwtCredentials });
    await expect(verifySecretsKey(store, createSecretBox(Buffer.alloc(32, 2)))).rejects.toThrow(
      /does not open/,
    );
    await expect(verifySecretsKey(store, undefined)).rejects.toThrow(/CONNECTION_SECRETS_KEY/);
    await close();
    close = async () => {};
    const config = loadConfig({
      JWT_SECRET: TEST_SECRET,
      DATABASE_URL: `sqlite:${file}`,
      CONNECTION_SECRETS_KEY: Buffer.alloc(32, 2).toString('hex'),
      LOG_LEVEL: 'silent',
    });
    await expect(createRuntime(config, createLogger({ level: 'silent' }))).rejects.toThrow(ConfigError);
  });

  test('when a connection is still used by an organization, then it cannot be removed', async () => {
    const db = openDatabase({ kind: 'sqlite', filename: file });
    await migrateToLatest(db);
    const runtime = await createRuntime(
      loadConfig({
        JWT_SECRET: TEST_SECRET,
        DATABASE_URL: `sqlite:${file}`,
        DEMO_DATA: 'true',
        CONNECTION_SECRETS_KEY: KEY.toString('hex'),
        LOG_LEVEL: 'silent',
      }),
      createLogger({ level: 'silent' }),
      { db },
    );
    try {
      await expect(admin().remove(DEMO_DOMAIN_ID, DEMO.connections.initial.name)).rejects.toThrow(
        /still used/,
      );
      await admin().add({
        cloud: 'sfdc',
        domainId: DEMO_DOMAIN_ID,
        name: 'spare',
        credentials: jwtCredentials,
      });
      await admin().remove(DEMO_DOMAIN_ID, 'spare');
      expect(await store.connections.findByName(DEMO_DOMAIN_ID, 'spare')).toBeUndefined();
    } finally {
      await runtime.close();
    }
  });
});

describe('cckm-admin', () => {
  const adminScript = fileURLToPath(new URL('../../src/admin.ts', import.meta.url));
  const run = (args: string[], input?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', adminScript, ...args],
        {
          env: {
            PATH: process.env.PATH,
            DATABASE_URL: `sqlite:${file}`,
            JWT_SECRET: TEST_SECRET,
            CONNECTION_SECRETS_KEY: KEY.toString('hex'),
          },
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
      child.stdin?.end(input ?? '');
    });

  test('when a connection is added with its secret on stdin, then the secret is never printed and list shows it', async () => {
    const added = await run(
      [
        'connections',
        'add',
        '--name',
        'acme',
        '--cloud',
        'sfdc',
        '--flow',
        'client-credentials',
        '--my-domain-url',
        'https://acme.my.salesforce.com',
        '--client-id',
        'abc',
        '--secret-file',
        '-',
      ],
      'super-secret-client-secret\n',
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toMatch(/^Added connection acme/);
    const listed = await run(['connections', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^acme\tsfdc\tclient-credentials\thttps:\/\/acme\.my\.salesforce\.com\tsecret stored\t/,
    );
    expect(`${added.stdout}${added.stderr}${listed.stdout}${listed.stderr}`).not.toContain('super-secret');
    const resolve = createCredentialResolvers({ store, box: createSecretBox(KEY) });
    const row = await store.connections.findByName(DEMO_DOMAIN_ID, 'acme');
    expect(await resolve.salesforce({ id: row?.id as string, name: 'acme' })).toMatchObject({
      clientSecret: 'super-secret-client-secret',
    });
  }, 90_000);

  test('when SAP credentials are added with --activate, then the secret SAP answers is stored and never printed; a taken name costs no activation (issue 27.3)', async () => {
    const state = createFakeCloudState();
    const tenant = generateSapTenant(state, { tenantId: 't', groups: 1, keysPerGroup: 1, activated: false });
    const clouds = await startFakeClouds({ state });
    try {
      const add = (name: string) =>
        run(
          [
            'connections',
            'add',
            '--name',
            name,
            '--cloud',
            'sap',
            '--api-endpoint',
            clouds.urls.sap,
            '--api-key',
            tenant.login.apiKey,
            '--secret-file',
            '-',
            '--activate',
          ],
          tenant.login.apiSecret,
        );
      const added = await add('sap-new');
      expect(added).toMatchObject({ code: 0 });
      expect(added.stdout).toMatch(/^Added connection sap-new .*activated/);
      const user = state.sap.technicalUsers.get(tenant.login.apiKey);
      expect(user?.activated).toBe(true);
      expect(`${added.stdout}${added.stderr}`).not.toContain(user?.secret ?? 'none');
      const row = await store.connections.findByName(DEMO_DOMAIN_ID, 'sap-new');
      const resolve = createCredentialResolvers({ store, box: createSecretBox(KEY) });
      expect(await resolve.sap({ id: row?.id as string, name: 'sap-new' })).toMatchObject({
        apiSecret: user?.secret,
      });

      const activations = clouds.faults.stats.requests['sap.activate'];
      const taken = await add('sap-new');
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain('A connection named sap-new exists already');
      expect(clouds.faults.stats.requests['sap.activate']).toBe(activations);
      const twice = await add('sap-again');
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain('SAP Data Custodian refused to activate the credentials: 401');
    } finally {
      await clouds.close();
    }
  }, 90_000);

  test('when the secret would come from argv or is missing, then usage error 2; an unknown connection is 1', async () => {
    const noSecret = await run([
      'connections',
      'add',
      '--name',
      'x',
      '--cloud',
      'sap',
      '--api-endpoint',
      'https://k.example.com/kms/v2',
      '--api-key',
      'k',
    ]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('--secret-file');
    const argvSecret = await run(['connections', 'add', '--name', 'x', '--secret', 'oops']);
    expect(argvSecret.code).toBe(2);
    const unknown = await run(['connections', 'remove', '--name', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No connection named nope');
  }, 90_000);
});
