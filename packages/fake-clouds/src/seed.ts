// Data for the fake clouds: the seed pages' organizations, tenant secrets and SAP groups (the same
// IDs and values as the server's demo data), the logins of the demo connections, and generators
// of bulk data for tests and the benchmark. Logins come back without URLs; `FakeClouds` adds them
// once the servers listen (`salesforceCredentials`, `sapCredentials`).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { selfSignedCertificate } from './certificate.ts';
import {
  addConnectedApp,
  addOrganization,
  addSapGroup,
  addUser,
  type FakeCloudState,
  MANAGE_ENCRYPTION_KEYS,
  newClientId,
  newClientSecret,
  sapKey,
  type TenantSecret,
  type TenantSecretType,
  tenantSecret,
} from './state.ts';

export type SalesforceLogin =
  | { flow: 'jwt-bearer'; clientId: string; username: string; privateKeyPem: string }
  | { flow: 'client-credentials'; clientId: string; clientSecret: string };

export interface SapLogin {
  apiKey: string;
  apiSecret: string;
}

export interface SeededLogins {
  /** Connection name -> how it logs in to Salesforce. */
  salesforce: Record<string, SalesforceLogin>;
  /** Connection name -> SAP technical user. */
  sap: Record<string, SapLogin>;
}

/** The seed pages' data, as the server's demo data names it. */
export const SEED = {
  organizations: {
    thales: { id: '00DB000000040bIMAQ', name: 'Thales' },
    seed002: { id: '00DB000000012ABCDE', name: 'Thales Europe' },
  },
  sapTenant: 'demo-tenant',
  sapGroups: [
    { groupId: '3e732d57-5ea1-491f-b238-9f4a39a9566f', name: 'finance' },
    { groupId: 'c4e5bd34-af39-4027-9058-6f1a4bb3519d', name: 'hr' },
    { groupId: '00RT000000060vKLOP', name: 'analytics' },
  ],
} as const;

const SEED_USER = '0053h000000r5rKAAQ';
const SEED_002_SECRET_VALUE =
  'CgMyMzISEO3N5nQt+DmGWZ6P5sYRM94aMCRsJDVJCLWeZApXY9E5hAE0unbb2IAEE2OMBxFjuIIVqO5ia9ypAZ9EtNHqbEVNnA==';

function seedSecret(
  state: FakeCloudState,
  Id: string,
  Type: TenantSecretType,
  Version: number,
  Status: TenantSecret['Status'],
): TenantSecret {
  return tenantSecret(state, {
    Id,
    Type,
    Version,
    Status,
    CreatedById: SEED_USER,
    LastModifiedById: SEED_USER,
    SecretValue: Buffer.from(`demo secret ${Id} v${Version}`).toString('base64'),
  });
}

/** An RSA key pair for a JWT-bearer connected app: the public key is what the app registers. */
export function generateSigningKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The seed pages' domain: organization Thales (reached by `sfdc-connection` over the JWT bearer
 * flow, its connected app holding a self-signed certificate of a fresh RSA key, and by `new-sfdc-connection` over client credentials), Thales Europe (reached by
 * `other-sfdc-connection`), `expired-sfdc-connection` whose client secret the cloud no longer
 * accepts, and the SAP groups finance, hr and analytics of the technical user `sap-dc-connection`.
 */
export function seedFromSeedPages(state: FakeCloudState): SeededLogins {
  const { thales, seed002 } = SEED.organizations;
  addOrganization(state, {
    Id: thales.id,
    Name: thales.name,
    platformEncryption: true,
    secrets: [
      seedSecret(state, '02G190000009TlAAAU', 'Data', 3, 'ACTIVE'),
      seedSecret(state, '02G190000009TlBBAU', 'Data', 2, 'ARCHIVED'),
      seedSecret(state, '02G190000009TlCCAU', 'Data', 1, 'DESTROYED'),
      seedSecret(state, '02G190000009TlDDAU', 'SearchIndex', 1, 'ACTIVE'),
    ],
  });
  addOrganization(state, {
    Id: seed002.id,
    Name: seed002.name,
    platformEncryption: true,
    secrets: [
      {
        ...seedSecret(state, '02G190000009TlEEAU', 'DeterministicData', 20, 'DESTROYED'),
        SecretValue: SEED_002_SECRET_VALUE,
      },
      seedSecret(state, '02G190000009TlFFAU', 'DeterministicData', 21, 'ACTIVE'),
    ],
  });
  // Integration users as the README asks: with the permission that opens TenantSecret.
  const thalesUser = addUser(state, thales.id, 'integration@thales.example', [MANAGE_ENCRYPTION_KEYS]);
  const europeUser = addUser(state, seed002.id, 'integration@thales-europe.example', [
    MANAGE_ENCRYPTION_KEYS,
  ]);

  const keys = generateSigningKeyPair();
  const jwtApp = addConnectedApp(state, {
    clientId: newClientId(),
    organizationId: thales.id,
    certificatePem: selfSignedCertificate(keys.privateKeyPem, 'sfdc-connection'),
    // Pre-approved, as the README asks of a real org: without it the JWT flow is refused.
    approvedUsers: [thalesUser.username],
  });
  const thalesApp = addConnectedApp(state, {
    clientId: newClientId(),
    organizationId: thales.id,
    clientSecret: newClientSecret(),
    runAs: thalesUser.username,
  });
  const europeApp = addConnectedApp(state, {
    clientId: newClientId(),
    organizationId: seed002.id,
    clientSecret: newClientSecret(),
    runAs: europeUser.username,
  });
  const rotatedApp = addConnectedApp(state, {
    clientId: newClientId(),
    organizationId: thales.id,
    clientSecret: newClientSecret(),
    runAs: thalesUser.username,
  });

  const technicalUser = {
    apiKey: randomBytes(16).toString('hex'),
    secret: randomBytes(24).toString('base64url'),
  };
  // Activated, as the README asks of real credentials before they are stored.
  state.sap.technicalUsers.set(technicalUser.apiKey, {
    ...technicalUser,
    tenantId: SEED.sapTenant,
    activated: true,
  });
  for (const group of SEED.sapGroups) {
    addSapGroup(state, {
      id: group.groupId,
      name: group.name,
      tenantId: SEED.sapTenant,
      keys: [
        sapKey(group.groupId, {
          id: `${group.name}-master-key`,
          name: `${group.name} master key`,
          type: 'AES',
          size: 256,
          meta: { primaryVersion: 1, totalVersions: 2 },
        }),
        sapKey(group.groupId, {
          id: `${group.name}-signing-key`,
          name: `${group.name} signing key`,
          type: 'RSA',
          size: 3072,
        }),
      ],
    });
  }

  return {
    salesforce: {
      'sfdc-connection': {
        flow: 'jwt-bearer',
        clientId: jwtApp.clientId,
        username: thalesUser.username,
        privateKeyPem: keys.privateKeyPem,
      },
      'new-sfdc-connection': {
        flow: 'client-credentials',
        clientId: thalesApp.clientId,
        clientSecret: thalesApp.clientSecret ?? '',
      },
      'other-sfdc-connection': {
        flow: 'client-credentials',
        clientId: europeApp.clientId,
        clientSecret: europeApp.clientSecret ?? '',
      },
      'expired-sfdc-connection': {
        flow: 'client-credentials',
        clientId: rotatedApp.clientId,
        clientSecret: newClientSecret(),
      },
    },
    sap: { 'sap-dc-connection': { apiKey: technicalUser.apiKey, apiSecret: technicalUser.secret } },
  };
}

const TYPES: TenantSecretType[] = ['Data', 'SearchIndex', 'DeterministicData', 'EventBus', 'Analytics'];

/**
 * `count` tenant secrets, spread over five types; per type the highest version is ACTIVE and the
 * others ARCHIVED, so a synchronization finds exactly one ACTIVE secret per type.
 */
export function generateTenantSecrets(state: FakeCloudState, count: number): TenantSecret[] {
  return Array.from({ length: count }, (_, index) => {
    const type = TYPES[index % TYPES.length] ?? 'Data';
    const version = Math.floor(index / TYPES.length) + 1;
    const versionsOfType = Math.floor((count - 1 - (index % TYPES.length)) / TYPES.length) + 1;
    return tenantSecret(state, {
      Type: type,
      Version: version,
      Status: version === versionsOfType ? 'ACTIVE' : 'ARCHIVED',
    });
  });
}

export interface GeneratedOrganization {
  organizationId: string;
  /** A client-credentials login that reaches this organization. */
  login: Extract<SalesforceLogin, { flow: 'client-credentials' }>;
}

/**
 * Bulk Salesforce data: `organizations` organizations with Shield Platform Encryption, each with
 * its own connected app and an integration user allowed to manage encryption keys.
 */
export function generateOrganizations(
  state: FakeCloudState,
  options: { organizations: number; secretsPerOrganization: number },
): GeneratedOrganization[] {
  return Array.from({ length: options.organizations }, (_, index) => {
    const organization = addOrganization(state, {
      Name: `Generated organization ${index + 1}`,
      platformEncryption: true,
      secrets: generateTenantSecrets(state, options.secretsPerOrganization),
    });
    // Usernames are unique across a whole Salesforce, so they carry the org ID.
    const user = addUser(state, organization.Id, `integration@${organization.Id.toLowerCase()}.example`, [
      MANAGE_ENCRYPTION_KEYS,
    ]);
    const app = addConnectedApp(state, {
      clientId: newClientId(),
      organizationId: organization.Id,
      clientSecret: newClientSecret(),
      runAs: user.username,
    });
    return {
      organizationId: organization.Id,
      login: { flow: 'client-credentials', clientId: app.clientId, clientSecret: app.clientSecret ?? '' },
    };
  });
}

export interface GeneratedSapTenant {
  login: SapLogin;
  groupIds: string[];
}

/**
 * Bulk SAP data: a tenant with its technical user (activated unless `activated: false`), `groups`
 * groups of `keysPerGroup` keys.
 */
export function generateSapTenant(
  state: FakeCloudState,
  options: { tenantId: string; groups: number; keysPerGroup: number; activated?: boolean },
): GeneratedSapTenant {
  const login = { apiKey: randomBytes(16).toString('hex'), apiSecret: randomBytes(24).toString('base64url') };
  state.sap.technicalUsers.set(login.apiKey, {
    apiKey: login.apiKey,
    secret: login.apiSecret,
    tenantId: options.tenantId,
    activated: options.activated ?? true,
  });
  const groupIds = Array.from({ length: options.groups }, (_, groupIndex) => {
    const id = `${options.tenantId}-group-${groupIndex + 1}`;
    addSapGroup(state, {
      id,
      name: `group ${groupIndex + 1}`,
      tenantId: options.tenantId,
      keys: Array.from({ length: options.keysPerGroup }, (_, keyIndex) =>
        sapKey(id, {
          id: `${id}-key-${keyIndex + 1}`,
          name: `key ${keyIndex + 1}`,
          type: keyIndex % 2 === 0 ? 'AES' : 'RSA',
          size: keyIndex % 2 === 0 ? 256 : 3072,
        }),
      ),
    });
    return id;
  });
  return { login, groupIds };
}
