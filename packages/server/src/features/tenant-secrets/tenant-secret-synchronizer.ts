// Synchronizes one Salesforce organization: lists its tenant secrets in Salesforce, then records
// each with its parameters and a backup of its value, flags records Salesforce no longer has, and
// checks that no secret type has more than one ACTIVE secret.
import {
  CloudError,
  type SalesforceConnector,
  type SalesforceTenantSecretRecord,
} from '../../clouds/cloud-connectors.ts';
import type { IdGenerator } from '../../core/clock.ts';
import type { Store } from '../../store/store.ts';
import {
  connectionOf,
  failedOutcome,
  readTogether,
  type TargetSynchronizer,
} from '../sync-jobs/target-synchronizer.ts';
import { toTenantSecretRow } from './tenant-secret-record.ts';

export function createTenantSecretSynchronizer(deps: {
  store: Store;
  salesforce: SalesforceConnector;
  ids: IdGenerator;
}): TargetSynchronizer {
  const readOrganization = readTogether((ids) => deps.store.organizations.getManyWithCredentials(ids));
  return {
    async fetch(target, signal) {
      const organization = await readOrganization(target.id);
      if (!organization) return failedOutcome('The organization was removed from the key manager');
      const records: SalesforceTenantSecretRecord[] = [];
      try {
        const connection = connectionOf(organization);
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
          records.map((record) => toTenantSecretRow(record, organization, { id: deps.ids(), now })),
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

/** Secret types with more than one ACTIVE secret: the invariant a sync must leave true. */
function typesWithSeveralActive(records: readonly SalesforceTenantSecretRecord[]): string[] {
  const active = new Map<string, number>();
  for (const record of records) {
    if (record.Status === 'ACTIVE') active.set(record.Type, (active.get(record.Type) ?? 0) + 1);
  }
  return [...active].filter(([, count]) => count > 1).map(([type]) => type);
}
