// Synchronizes one Salesforce organization: lists its tenant secrets in Salesforce, then records
// each with its parameters and a backup of its value, flags records Salesforce no longer has, and
// checks that no secret type has more than one ACTIVE secret.
import type { IdGenerator } from '../../clock.ts';
import {
  CloudError,
  type SalesforceConnector,
  type SalesforceTenantSecretRecord,
} from '../../clouds/cloud-connectors.ts';
import type { Store } from '../../db/store.ts';
import { ACCOUNT } from '../resource-identity.ts';
import { failedOutcome, type TargetSynchronizer } from '../sync-jobs/target-synchronizer.ts';
import type { StoredParams } from './tenant-secret-view.ts';

const ORIGINS = { HSM: 'native', UPLOADED: 'byok', REMOTE: 'cache_only' } as const;

export function createTenantSecretSynchronizer(deps: {
  store: Store;
  salesforce: SalesforceConnector;
  ids: IdGenerator;
}): TargetSynchronizer {
  return {
    async fetch(target, signal) {
      const organization = await deps.store.organizations.getById(target.target_id);
      if (!organization) return failedOutcome('The organization was removed from the key manager');
      const records: SalesforceTenantSecretRecord[] = [];
      try {
        const connection = { id: organization.connection_id, name: organization.connection_name };
        for await (const page of deps.salesforce.listTenantSecrets(connection, organization.organization_id, {
          signal,
        })) {
          records.push(...page);
        }
      } catch (error) {
        if (error instanceof CloudError)
          return failedOutcome(`Error listing keys from SFDC: ${error.message}`);
        throw error;
      }

      return async (tx, now) => {
        await tx.tenantSecrets.upsertMany(
          records.map((record) => ({
            id: deps.ids(),
            domain_id: organization.domain_id,
            organization_id: organization.id,
            salesforce_id: record.Id,
            name: `${organization.organization_id}-${record.Type}`,
            account: ACCOUNT,
            status: record.Status,
            secret_type: record.Type,
            sfdc_params: JSON.stringify(toStoredParams(record)),
            backup_value: record.SecretValue,
            error_msg: '',
            auto_rotate: 0,
            origin: ORIGINS[record.Source],
            created_at: now,
            updated_at: now,
          })),
        );
        const gone = await tx.tenantSecrets.markGone(
          organization.id,
          records.map((record) => record.Id),
          now,
        );
        const summary = `synchronized ${records.length} tenant secrets${gone > 0 ? `, ${gone} no longer in Salesforce` : ''}`;
        const doubled = typesWithSeveralActive(records);
        if (doubled.length > 0) {
          return {
            state: 'failed',
            message: `${summary}; Salesforce reports more than one ACTIVE secret of type ${doubled.join(', ')}`,
          };
        }
        return { state: 'succeeded', message: summary };
      };
    },
  };
}

function toStoredParams(record: SalesforceTenantSecretRecord): StoredParams {
  return {
    SalesforceID: record.Id,
    CreatedDate: record.CreatedDate,
    CreatedById: record.CreatedById,
    LastModifiedDate: record.LastModifiedDate,
    LastModifiedById: record.LastModifiedById,
    SystemModstamp: record.SystemModstamp,
    SecretValueHash: record.SecretValueHash,
    Version: record.Version,
    Status: record.Status,
    Source: record.Source,
    Type: record.Type,
    RemoteKeyCertificate: record.RemoteKeyCertificate ?? '',
    RemoteKeyServiceID: record.RemoteKeyServiceID ?? '',
    RemoteKeyIdentifier: record.RemoteKeyIdentifier ?? '',
  };
}

/** Secret types with more than one ACTIVE secret: the invariant a sync must leave true. */
export function typesWithSeveralActive(records: readonly SalesforceTenantSecretRecord[]): string[] {
  const active = new Map<string, number>();
  for (const record of records) {
    if (record.Status === 'ACTIVE') active.set(record.Type, (active.get(record.Type) ?? 0) + 1);
  }
  return [...active].filter(([, count]) => count > 1).map(([type]) => type);
}
