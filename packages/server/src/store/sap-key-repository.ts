// SAP Data Custodian groups and the key manager's copies of their keys.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { paddedToPowerOfTwo, preparedQuery } from '../db/prepared-query.ts';
import {
  type ConnectionsTable,
  SAP_GROUP_COLUMNS,
  type SapGroupsTable,
  type SapKeysTable,
} from '../db/schema.ts';
import { markGone, upsertRows } from './upsert.ts';

export type SapGroupRow = SapGroupsTable & {
  connection_name: string;
  connection_cloud: ConnectionsTable['cloud'];
};
export type SapKeyRow = SapKeysTable;
/** A group with what its connection stores to log in (the secret still sealed). */
export type SapGroupWithCredentials = SapGroupRow &
  Pick<Selectable<ConnectionsTable>, 'settings' | 'sealed_secret'>;

const withConnection = (db: Db) =>
  db
    .selectFrom('sap_groups as g')
    .innerJoin('connections as c', 'c.id', 'g.connection_id')
    .select(SAP_GROUP_COLUMNS.map((column) => `g.${column}` as const))
    .select(['c.name as connection_name', 'c.cloud as connection_cloud']);

// What every synchronized group reads, with its connection's credentials: prepared once per
// padded batch size (readTogether batches the groups that start together).
const selectWithCredentials = preparedQuery((db, p: { ids: readonly string[] }) =>
  withConnection(db).select(['c.settings', 'c.sealed_secret']).where('g.id', 'in', p.ids),
);

export function createSapKeyRepository(db: Db) {
  return {
    /** The groups named by resource ID or SAP group ID. */
    async findGroupsByReferences(domainId: string, references: readonly string[]): Promise<SapGroupRow[]> {
      if (references.length === 0) return [];
      return withConnection(db)
        .where('g.domain_id', '=', domainId)
        .where((eb) => eb.or([eb('g.id', 'in', references), eb('g.group_id', 'in', references)]))
        .orderBy('g.created_at')
        .execute();
    },

    async listGroups(domainId: string): Promise<SapGroupRow[]> {
      return withConnection(db)
        .where('g.domain_id', '=', domainId)
        .orderBy('g.created_at')
        .orderBy('g.id')
        .execute();
    },

    /**
     * By resource ID in any domain, with their connections' stored credentials, in one query (IDs
     * not found are left out): for syncs.
     */
    async getGroupsWithCredentials(ids: readonly string[]): Promise<SapGroupWithCredentials[]> {
      if (ids.length === 0) return [];
      return (await selectWithCredentials(db, { ids: paddedToPowerOfTwo(ids) })).rows;
    },

    async insertGroup(row: SapGroupsTable): Promise<void> {
      await db
        .insertInto('sap_groups')
        .values(row)
        .onConflict((c) => c.column('id').doNothing())
        .execute();
    },

    /** Inserts or refreshes the group's keys (keyed by group + SAP key ID). */
    async upsertKeys(rows: readonly SapKeyRow[]) {
      await upsertRows(db, 'sap_keys', rows, {
        key: ['group_id', 'sap_key_id'],
        keep: ['id', 'created_at', 'domain_id'],
      });
    },

    /** Flags the group's keys whose SAP IDs the cloud no longer lists. */
    markGoneKeys: (groupId: string, present: readonly string[], now: string) =>
      markGone(db, 'sap_keys', { column: 'group_id', id: groupId }, 'sap_key_id', present, now),
  };
}

export type SapKeyRepository = ReturnType<typeof createSapKeyRepository>;
