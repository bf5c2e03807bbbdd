// The demo domain: the organizations, connections, tenant secrets and SAP groups that the seed
// pages' examples name, so their curl commands work against a fresh server. The rows are written
// once, into a database that has none of them yet (so a backup deleted in the demo stays deleted
// across restarts). The demo connections' credentials point at the fake clouds, which start anew
// (new ports, new keys) with every `pnpm start`: they are sealed and stored again at every start.
import { readFile } from 'node:fs/promises';
import type { SalesforceTenantSecretRecord } from '../clouds/cloud-connectors.ts';
import type { SalesforceCredentials } from '../clouds/salesforce/salesforce-credentials.ts';
import type { SapCredentials } from '../clouds/sap/sap-connector.ts';
import {
  CredentialsError,
  sealSalesforceCredentials,
  sealSapCredentials,
} from '../connections/connection-credentials.ts';
import type { Clock } from '../core/clock.ts';
import { ACCOUNT, APPLICATION, DEV_ACCOUNT } from '../core/resource-identity.ts';
import type { SecretBox } from '../core/secret-box.ts';
import { toTenantSecretRow } from '../features/tenant-secrets/tenant-secret-record.ts';
import type { Store } from '../store/store.ts';

/** The domain of the seed pages' tokens (`cust.domain_id`). */
export const DEMO_DOMAIN_ID = '00000000-0000-0000-0000-000000000000';

export const DEMO = {
  connections: {
    initial: { id: '6b9f3c1e-0d2a-4e8b-9f47-1a2b3c4d5e01', name: 'sfdc-connection', cloud: 'sfdc' },
    seed004: { id: '6b9f3c1e-0d2a-4e8b-9f47-1a2b3c4d5e02', name: 'new-sfdc-connection', cloud: 'sfdc' },
    other: { id: '6b9f3c1e-0d2a-4e8b-9f47-1a2b3c4d5e03', name: 'other-sfdc-connection', cloud: 'sfdc' },
    refused: { id: '6b9f3c1e-0d2a-4e8b-9f47-1a2b3c4d5e04', name: 'expired-sfdc-connection', cloud: 'sfdc' },
    sap: { id: '6b9f3c1e-0d2a-4e8b-9f47-1a2b3c4d5e05', name: 'sap-dc-connection', cloud: 'sap' },
  },
  organizations: {
    thales: { id: '2473e846-31a8-4ee6-8299-17025548b4e2', sfdcOrgId: '00DB000000040bIMAQ' },
    seed002: { id: 'ce0ffe4b-fbda-4e87-88af-4b9b4e6484f9', sfdcOrgId: '00DB000000012ABCDE' },
  },
  destroyedSecretId: '912c7e4d-121e-42bc-ba28-33005cc665cf',
  activeSecretId: '5c1f0b3e-8a53-4e0a-9d1c-2b7f4f0e6a11',
  sapGroups: [
    {
      id: 'a1d5e6f7-0b1c-4d2e-8f3a-4b5c6d7e8f01',
      groupId: '3e732d57-5ea1-491f-b238-9f4a39a9566f',
      name: 'finance',
    },
    {
      id: 'a1d5e6f7-0b1c-4d2e-8f3a-4b5c6d7e8f02',
      groupId: 'c4e5bd34-af39-4027-9058-6f1a4bb3519d',
      name: 'hr',
    },
    { id: 'a1d5e6f7-0b1c-4d2e-8f3a-4b5c6d7e8f03', groupId: '00RT000000060vKLOP', name: 'analytics' },
  ],
} as const;

const CREATED = '2021-07-22T07:10:29.961760Z';
const USER = '0053h000000r5rKAAQ';

function secret(
  id: string,
  type: SalesforceTenantSecretRecord['Type'],
  version: number,
  status: SalesforceTenantSecretRecord['Status'],
): SalesforceTenantSecretRecord {
  return {
    Id: id,
    CreatedDate: '2021-08-19T14:46:44.000+0000',
    CreatedById: USER,
    LastModifiedDate: '2021-08-19T16:34:26.000+0000',
    LastModifiedById: USER,
    SystemModstamp: '2021-08-19T16:34:26.000+0000',
    SecretValueHash: 'UNKNOWM=',
    SecretValue: Buffer.from(`demo secret ${id} v${version}`).toString('base64'),
    Version: version,
    Status: status,
    Source: 'HSM',
    Type: type,
    RemoteKeyCertificate: null,
    RemoteKeyServiceID: null,
    RemoteKeyIdentifier: null,
  };
}

/** What the sandbox Salesforce organizations hold. */
export function demoSalesforceSecrets(): Map<string, SalesforceTenantSecretRecord[]> {
  return new Map([
    [
      DEMO.organizations.thales.sfdcOrgId,
      [
        secret('02G190000009TlAAAU', 'Data', 3, 'ACTIVE'),
        secret('02G190000009TlBBAU', 'Data', 2, 'ARCHIVED'),
        secret('02G190000009TlCCAU', 'Data', 1, 'DESTROYED'),
        secret('02G190000009TlDDAU', 'SearchIndex', 1, 'ACTIVE'),
      ],
    ],
    [
      DEMO.organizations.seed002.sfdcOrgId,
      [
        {
          ...secret('02G190000009TlEEAU', 'DeterministicData', 20, 'DESTROYED'),
          SecretValue: SEED_002_SECRET_VALUE,
        },
        secret('02G190000009TlFFAU', 'DeterministicData', 21, 'ACTIVE'),
      ],
    ],
  ]);
}

const SEED_002_SECRET_VALUE =
  'CgMyMzISEO3N5nQt+DmGWZ6P5sYRM94aMCRsJDVJCLWeZApXY9E5hAE0unbb2IAEE2OMBxFjuIIVqO5ia9ypAZ9EtNHqbEVNnA==';

/** The demo connections' credentials by connection name (what the fake clouds hand out). */
export type DemoCredentials = Record<string, SalesforceCredentials | SapCredentials>;

/** Reads the credentials file the fake clouds write (`{ urls, connections }`). */
export async function readDemoCredentials(file: string): Promise<DemoCredentials> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { connections?: DemoCredentials };
  if (!parsed.connections) throw new CredentialsError(`DEMO_CLOUDS_FILE: ${file} names no connections`);
  return parsed.connections;
}

export async function seedDemoData(
  store: Store,
  clock: Clock,
  credentials?: { box: SecretBox; connections: DemoCredentials },
): Promise<void> {
  const { connections } = DEMO;
  await writeDemoRows(store, clock);
  if (!credentials) return;
  const now = clock.now();
  for (const connection of Object.values(connections)) {
    const given = credentials.connections[connection.name];
    if (!given) continue;
    const stored =
      connection.cloud === 'sap'
        ? sealSapCredentials(credentials.box, connection.id, given as SapCredentials)
        : sealSalesforceCredentials(credentials.box, connection.id, given as SalesforceCredentials);
    await store.connections.saveCredentials(connection.id, stored.settings, stored.sealedSecret, now);
  }
}

async function writeDemoRows(store: Store, clock: Clock): Promise<void> {
  const { connections, organizations } = DEMO;
  if (await store.connections.get(connections.initial.id)) return;
  const now = clock.now();
  await store.transaction(async (tx) => {
    for (const connection of Object.values(connections)) {
      await tx.connections.insert({
        ...connection,
        domain_id: DEMO_DOMAIN_ID,
        created_at: CREATED,
        updated_at: CREATED,
      });
    }
    const attribution = {
      account: ACCOUNT,
      application: APPLICATION,
      dev_account: DEV_ACCOUNT,
      type: 'Regular' as const,
    };
    await tx.organizations.insertOrganization({
      ...attribution,
      id: organizations.thales.id,
      domain_id: DEMO_DOMAIN_ID,
      name: 'Thales',
      organization_id: organizations.thales.sfdcOrgId,
      connection_id: connections.initial.id,
      created_at: CREATED,
      updated_at: CREATED,
    });
    await tx.organizations.insertOrganization({
      ...attribution,
      id: organizations.seed002.id,
      domain_id: DEMO_DOMAIN_ID,
      name: 'Thales Europe',
      organization_id: organizations.seed002.sfdcOrgId,
      connection_id: connections.other.id,
      created_at: CREATED,
      updated_at: CREATED,
    });
    for (const group of DEMO.sapGroups) {
      await tx.sapKeys.insertGroup({
        id: group.id,
        domain_id: DEMO_DOMAIN_ID,
        group_id: group.groupId,
        name: group.name,
        connection_id: connections.sap.id,
        created_at: CREATED,
        updated_at: CREATED,
      });
    }
    // The two secrets the seed pages' delete-backup examples need, as if synchronized before.
    const [destroyed] = demoSalesforceSecrets().get(organizations.seed002.sfdcOrgId) ?? [];
    const [active] = demoSalesforceSecrets().get(organizations.thales.sfdcOrgId) ?? [];
    if (!destroyed || !active) throw new Error('demo data is inconsistent');
    const owner = (organization: { id: string; sfdcOrgId: string }) => ({
      id: organization.id,
      domain_id: DEMO_DOMAIN_ID,
      organization_id: organization.sfdcOrgId,
    });
    await tx.tenantSecrets.upsertMany([
      toTenantSecretRow(destroyed, owner(organizations.seed002), { id: DEMO.destroyedSecretId, now }),
      toTenantSecretRow(active, owner(organizations.thales), { id: DEMO.activeSecretId, now }),
    ]);
  });
}
