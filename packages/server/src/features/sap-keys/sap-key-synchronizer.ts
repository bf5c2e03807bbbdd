// Synchronizes one SAP Data Custodian group: lists its keys and records them, flagging the keys
// SAP no longer lists.
import { CloudError, type SapConnector, type SapKeyRecord } from '../../clouds/cloud-connectors.ts';
import type { IdGenerator } from '../../core/clock.ts';
import type { Store } from '../../store/store.ts';
import {
  connectionOf,
  failedOutcome,
  readTogether,
  type TargetSynchronizer,
} from '../sync-jobs/target-synchronizer.ts';

export function createSapKeySynchronizer(deps: {
  store: Store;
  sap: SapConnector;
  ids: IdGenerator;
}): TargetSynchronizer {
  const readGroup = readTogether((ids) => deps.store.sapKeys.getGroupsWithCredentials(ids));
  return {
    async fetch(target, signal) {
      const group = await readGroup(target.id);
      if (!group) return failedOutcome('The group was removed from the key manager');
      const keys: SapKeyRecord[] = [];
      try {
        const connection = connectionOf(group);
        for await (const page of deps.sap.listKeys(connection, group.group_id, { signal }))
          keys.push(...page);
      } catch (error) {
        if (error instanceof CloudError)
          return failedOutcome(`Error listing keys from SAP: ${error.message}`);
        throw error;
      }
      return async (tx, now) => {
        await tx.sapKeys.upsertKeys(
          keys.map((key) => ({
            id: deps.ids(),
            domain_id: group.domain_id,
            group_id: group.id,
            sap_key_id: key.id,
            name: key.name,
            key_type: key.type,
            size: key.size,
            enabled: key.enabled ? 1 : 0,
            total_versions: key.totalVersions,
            gone: 0,
            created_at: now,
            updated_at: now,
          })),
        );
        const gone = await tx.sapKeys.markGoneKeys(
          group.id,
          keys.map((key) => key.id),
          now,
        );
        return {
          state: 'succeeded',
          message: `synchronized ${keys.length} keys${gone > 0 ? `, ${gone} no longer in SAP` : ''}`,
        };
      };
    },
  };
}
