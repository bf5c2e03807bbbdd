// What the fake clouds hold: Salesforce organizations with their users, connected apps and tenant
// secrets, and SAP Data Custodian tenants with technical users, groups and keys. Plain maps that
// tests and the seeders fill directly or through the `add*` helpers; the HTTP handlers read them
// on every request, so a change is visible to the next call.
import { randomBytes } from 'node:crypto';
import { sequentialId } from './ids.ts';

export type TenantSecretStatus = 'ACTIVE' | 'ARCHIVED' | 'DESTROYED';
export type TenantSecretSource = 'HSM' | 'UPLOADED' | 'REMOTE';
export type TenantSecretType =
  | 'Data'
  | 'SearchIndex'
  | 'DeterministicData'
  | 'EventBus'
  | 'Analytics'
  | 'Database';

/** A TenantSecret record with Salesforce's field names (note `RemoteKeyServiceId`, lower-case d). */
export interface TenantSecret {
  Id: string;
  CreatedDate: string;
  CreatedById: string;
  LastModifiedDate: string;
  LastModifiedById: string;
  SystemModstamp: string;
  IsDeleted: boolean;
  Description: string | null;
  KeyDerivationMode: 'PBKDF2' | 'NONE';
  SecretValue: string | null;
  SecretValueCertificate: string | null;
  SecretValueHash: string | null;
  Version: number;
  Status: TenantSecretStatus;
  Source: TenantSecretSource;
  Type: TenantSecretType;
  RemoteKeyCertificate: string | null;
  RemoteKeyServiceId: string | null;
  RemoteKeyIdentifier: string | null;
}

export interface SalesforceOrganization {
  /** 18-character ID, prefix 00D. */
  Id: string;
  Name: string;
  IsSandbox: boolean;
  OrganizationType: string;
  /**
   * Whether the org has Shield Platform Encryption (an add-on licence). Without it TenantSecret is
   * not there for anyone: a query of it is 400 INVALID_TYPE.
   */
  platformEncryption: boolean;
  secrets: TenantSecret[];
}

/** The user permission that opens TenantSecret to the API (Setup: "Manage Encryption Keys"). */
export const MANAGE_ENCRYPTION_KEYS = 'ManageEncryptionKeys';

export interface SalesforceUser {
  /** 18-character ID, prefix 005. */
  id: string;
  username: string;
  organizationId: string;
  /** Permission names from the user's profile and permission sets (`ManageEncryptionKeys` ...). */
  permissions: string[];
}

export interface ConnectedApp {
  /** The consumer key. */
  clientId: string;
  organizationId: string;
  /** The consumer secret; absent: the client-credentials flow is refused. */
  clientSecret?: string;
  /** PEM certificate (or SPKI public key) uploaded for "Use digital signatures"; absent: no JWT flow. */
  certificatePem?: string;
  /** The user the client-credentials flow runs as (username); absent: the flow is not enabled. */
  runAs?: string;
  /**
   * Usernames pre-approved for the JWT flow (Permitted Users "Admin approved users are
   * pre-authorized", the user's profile or a permission set added to the app). Absent or empty:
   * nobody, as for an app left at Salesforce's default "All users may self-authorize" whose users
   * never approved it interactively: the JWT flow answers "user hasn't approved this consumer".
   */
  approvedUsers?: string[];
}

export interface SapKey {
  id: string;
  name: string;
  description: string;
  groupId: string;
  type: 'AES' | 'RSA';
  size: number;
  operations: string[];
  role: string;
  enabled: boolean;
  exportable: boolean;
  state: string;
  keystoreContext: { customerHeld: boolean };
  meta: {
    primaryVersion: number;
    totalVersions: number;
    imported: boolean;
    created: string;
    lastModified: string;
    creatorId: string;
    creatorName: string;
  };
}

export interface SapGroup {
  id: string;
  name: string;
  description: string;
  tenantId: string;
  keystore: { provider: string; type: string; region: string };
  keys: SapKey[];
}

export interface SapTechnicalUser {
  apiKey: string;
  secret: string;
  tenantId: string;
  /**
   * Whether the credentials were activated (`PUT /kms/v2/auth/credentialActivate`, which replaces
   * the secret): SAP refuses to log in with credentials that were not, and activates them once.
   */
  activated: boolean;
}

export interface FakeCloudState {
  salesforce: {
    organizations: Map<string, SalesforceOrganization>;
    /** Username -> user. */
    users: Map<string, SalesforceUser>;
    /** Client ID -> connected app. */
    apps: Map<string, ConnectedApp>;
  };
  sap: {
    /** API key -> technical user. */
    technicalUsers: Map<string, SapTechnicalUser>;
    /** Group ID -> group with its keys. */
    groups: Map<string, SapGroup>;
  };
  /** Next number for generated IDs, so generated data is deterministic. */
  sequence: { value: number };
}

export function createFakeCloudState(): FakeCloudState {
  return {
    salesforce: { organizations: new Map(), users: new Map(), apps: new Map() },
    sap: { technicalUsers: new Map(), groups: new Map() },
    sequence: { value: 1 },
  };
}

export function nextId(state: FakeCloudState, prefix: string): string {
  const id = sequentialId(prefix, state.sequence.value);
  state.sequence.value += 1;
  return id;
}

export function addOrganization(
  state: FakeCloudState,
  organization: Partial<SalesforceOrganization> & { Id?: string },
): SalesforceOrganization {
  const created: SalesforceOrganization = {
    Id: organization.Id ?? nextId(state, '00D'),
    Name: organization.Name ?? 'Fake organization',
    IsSandbox: organization.IsSandbox ?? false,
    OrganizationType: organization.OrganizationType ?? 'Enterprise Edition',
    // Shield is an add-on: an org has it only when told, as a new real org does not.
    platformEncryption: organization.platformEncryption ?? false,
    secrets: organization.secrets ?? [],
  };
  state.salesforce.organizations.set(created.Id, created);
  return created;
}

/** A user of the org, with no permission beyond the standard ones unless `permissions` names them. */
export function addUser(
  state: FakeCloudState,
  organizationId: string,
  username: string,
  permissions: string[] = [],
): SalesforceUser {
  const user = { id: nextId(state, '005'), username, organizationId, permissions };
  state.salesforce.users.set(username, user);
  return user;
}

export function addConnectedApp(state: FakeCloudState, app: ConnectedApp): ConnectedApp {
  state.salesforce.apps.set(app.clientId, app);
  return app;
}

/** A consumer key shaped like Salesforce's (they start with 3MVG9). */
export function newClientId(): string {
  return `3MVG9${randomBytes(30).toString('base64url')}`;
}

export function newClientSecret(): string {
  return randomBytes(32).toString('hex').toUpperCase();
}

export function tenantSecret(
  state: FakeCloudState,
  fields: Partial<TenantSecret> & Pick<TenantSecret, 'Type' | 'Version' | 'Status'>,
): TenantSecret {
  const id = fields.Id ?? nextId(state, '02G');
  const stamp = '2021-08-19T16:34:26.000+0000';
  return {
    Id: id,
    CreatedDate: '2021-08-19T14:46:44.000+0000',
    CreatedById: '0053h000000r5rKAAQ',
    LastModifiedDate: stamp,
    LastModifiedById: '0053h000000r5rKAAQ',
    SystemModstamp: stamp,
    IsDeleted: false,
    Description: null,
    KeyDerivationMode: 'PBKDF2',
    SecretValue: Buffer.from(`fake secret ${id} v${fields.Version}`).toString('base64'),
    SecretValueCertificate: null,
    SecretValueHash: 'UNKNOWM=',
    Source: 'HSM',
    RemoteKeyCertificate: null,
    RemoteKeyServiceId: null,
    RemoteKeyIdentifier: null,
    ...fields,
  };
}

export function addSapGroup(
  state: FakeCloudState,
  group: Pick<SapGroup, 'id' | 'name' | 'tenantId'> & Partial<SapGroup>,
): SapGroup {
  const created: SapGroup = {
    description: '',
    keystore: { provider: 'AWS', type: 'HYOK', region: 'eu-central-1' },
    keys: [],
    ...group,
  };
  state.sap.groups.set(created.id, created);
  return created;
}

export function sapKey(
  groupId: string,
  fields: Pick<SapKey, 'id' | 'name' | 'type' | 'size'> &
    Partial<Omit<SapKey, 'meta'>> & { meta?: Partial<SapKey['meta']> },
): SapKey {
  const { meta, ...rest } = fields;
  return {
    description: '',
    groupId,
    operations: fields.type === 'AES' ? ['ENCRYPT', 'DECRYPT', 'WRAP', 'UNWRAP'] : ['SIGN', 'VERIFY'],
    role: 'UNSPECIFIED',
    enabled: true,
    exportable: false,
    state: 'ENABLED',
    keystoreContext: { customerHeld: false },
    ...rest,
    meta: {
      primaryVersion: 0,
      totalVersions: 1,
      imported: false,
      created: '2021-07-22T07:10:29Z',
      lastModified: '2021-07-22T07:10:29Z',
      creatorId: 'technical-user',
      creatorName: 'technical user',
      ...meta,
    },
  };
}
