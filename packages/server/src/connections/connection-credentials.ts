// A connection's credentials as the database keeps them: the settings a person may read (login
// URL, client ID, username, API endpoint, API key) as JSON, and the one secret (private key, client
// secret, API secret) sealed under CONNECTION_SECRETS_KEY. Here they are split, sealed, opened and
// checked, and the connectors get them through resolvers that never cache a secret in clear.
import { z } from 'zod';
import {
  CloudError,
  type ConnectionRef,
  type StoredConnectionCredentials,
} from '../clouds/cloud-connectors.ts';
import type { SalesforceCredentials } from '../clouds/salesforce/salesforce-credentials.ts';
import type { SapCredentials } from '../clouds/sap/sap-connector.ts';
import type { SecretBox } from '../core/secret-box.ts';
import type { Store } from '../store/store.ts';

const httpsOrLoopback = z
  .url()
  .refine(
    (value) =>
      /^https:\/\//.test(value) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(value),
    'must be https (http only on loopback)',
  );
const apiVersion = z
  .string()
  .regex(/^\d{2}\.\d$/, 'must look like 62.0')
  .optional();
/** The JWT `aud` Salesforce expects: login.salesforce.com, test.salesforce.com or an Experience Cloud site. */
const audience = z
  .url()
  .refine((value) => value.startsWith('https://'), 'must be an https URL, e.g. https://test.salesforce.com')
  .optional();
const instanceDomains = z
  .array(
    z
      .string()
      .regex(
        /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/,
        'must be a lower-case domain name, e.g. salesforce.com',
      ),
  )
  .min(1)
  .optional();

const salesforceSettings = z.discriminatedUnion('flow', [
  z.strictObject({
    flow: z.literal('jwt-bearer'),
    loginUrl: httpsOrLoopback,
    audience,
    clientId: z.string().min(1),
    username: z.string().min(1),
    apiVersion,
    instanceDomains,
  }),
  z.strictObject({
    flow: z.literal('client-credentials'),
    myDomainUrl: httpsOrLoopback,
    clientId: z.string().min(1),
    apiVersion,
    instanceDomains,
  }),
]);
const sapSettings = z.strictObject({ apiEndpoint: httpsOrLoopback, apiKey: z.string().min(1) });

export type SalesforceSettings = z.infer<typeof salesforceSettings>;
export type SapSettings = z.infer<typeof sapSettings>;

/** What a connection stores: the settings in clear, the secret sealed to the connection's ID. */
export interface StoredCredentials {
  settings: string;
  sealedSecret: string;
}

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`);
    throw new CredentialsError(`Invalid ${what}: ${lines.join('; ')}`);
  }
  return parsed.data;
}

/** Checks and splits Salesforce credentials for storage. */
export function sealSalesforceCredentials(
  box: SecretBox,
  connectionId: string,
  credentials: SalesforceCredentials,
): StoredCredentials {
  const { privateKeyPem, clientSecret, ...settings } = credentials as SalesforceCredentials & {
    privateKeyPem?: string;
    clientSecret?: string;
  };
  const secret = credentials.flow === 'jwt-bearer' ? privateKeyPem : clientSecret;
  if (!secret)
    throw new CredentialsError(
      `Invalid Salesforce credentials: the ${credentials.flow === 'jwt-bearer' ? 'private key' : 'client secret'} is empty`,
    );
  if (credentials.flow === 'jwt-bearer' && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(secret)) {
    throw new CredentialsError('Invalid Salesforce credentials: the private key is not a PEM private key');
  }
  const checked = parse(salesforceSettings, settings, 'Salesforce settings');
  return { settings: JSON.stringify(checked), sealedSecret: box.seal(secret, connectionId) };
}

/** Checks and splits SAP Data Custodian credentials for storage. */
export function sealSapCredentials(
  box: SecretBox,
  connectionId: string,
  credentials: SapCredentials,
): StoredCredentials {
  const { apiSecret, ...settings } = credentials;
  if (!apiSecret) throw new CredentialsError('Invalid SAP credentials: the API secret is empty');
  const checked = parse(sapSettings, settings, 'SAP settings');
  return { settings: JSON.stringify(checked), sealedSecret: box.seal(apiSecret, connectionId) };
}

/** The secret part replaced, the settings kept (rotating a secret). */
export function resealSecret(box: SecretBox, connectionId: string, secret: string): string {
  if (!secret) throw new CredentialsError('The new secret is empty');
  return box.seal(secret, connectionId);
}

export interface CredentialResolvers {
  salesforce: (connection: ConnectionRef) => Promise<SalesforceCredentials>;
  sap: (connection: ConnectionRef) => Promise<SapCredentials>;
}

/**
 * Resolvers for the connectors: read the connection (unless the caller read it already, see
 * ConnectionRef.stored), open its secret. A connection without
 * credentials (or whose stored settings no longer parse) fails as a CloudError, so only its
 * targets fail, with a line that says what to do.
 */
export function createCredentialResolvers(deps: { store: Store; box: SecretBox }): CredentialResolvers {
  async function read(connection: ConnectionRef): Promise<StoredConnectionCredentials | undefined> {
    if (connection.stored) return connection.stored;
    const row = await deps.store.connections.get(connection.id);
    return row && { cloud: row.cloud, settings: row.settings, sealedSecret: row.sealed_secret };
  }
  async function load(connection: ConnectionRef, cloud: 'sfdc' | 'sap') {
    const stored = await read(connection);
    if (!stored || stored.cloud !== cloud || !stored.sealedSecret) {
      throw new CloudError(
        `connection ${connection.name} has no credentials; add them with cckm-admin connections set-credentials`,
      );
    }
    let settings: unknown;
    try {
      settings = JSON.parse(stored.settings);
    } catch {
      settings = undefined;
    }
    // Sealed to the connection's ID: a row of another connection would not open.
    return { settings, secret: deps.box.open(stored.sealedSecret, connection.id) };
  }
  return {
    async salesforce(connection) {
      const { settings, secret } = await load(connection, 'sfdc');
      const parsed = salesforceSettings.safeParse(settings);
      if (!parsed.success)
        throw new CloudError(`connection ${connection.name} has invalid Salesforce settings`);
      const { apiVersion: version, ...rest } = parsed.data;
      const base = version ? { apiVersion: version } : {};
      return rest.flow === 'jwt-bearer'
        ? { ...rest, ...base, privateKeyPem: secret }
        : { ...rest, ...base, clientSecret: secret };
    },
    async sap(connection) {
      const { settings, secret } = await load(connection, 'sap');
      const parsed = sapSettings.safeParse(settings);
      if (!parsed.success) throw new CloudError(`connection ${connection.name} has invalid SAP settings`);
      return { ...parsed.data, apiSecret: secret };
    },
  };
}

/** Proves at start-up that `box` opens the stored secrets (one is enough: one key seals them all). */
export async function verifySecretsKey(store: Store, box: SecretBox | undefined): Promise<void> {
  const sample = await store.connections.anySealed();
  if (!sample) return;
  if (!box) {
    throw new CredentialsError(
      'CONNECTION_SECRETS_KEY: connections hold sealed secrets; set the key they were sealed with',
    );
  }
  try {
    box.open(sample.sealed_secret, sample.id);
  } catch {
    throw new CredentialsError(
      'CONNECTION_SECRETS_KEY: the key does not open the stored connection secrets (a wrong key?)',
    );
  }
}
