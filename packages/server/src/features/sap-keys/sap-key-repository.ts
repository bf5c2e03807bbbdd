// SAP Data Custodian groups and the key manager's copies of their keys.
import type { Db } from '../../db/database.ts';
import type { ConnectionsTable, SapGroupsTable, SapKeysTable } from '../../db/schema.ts';

export type SapGroupRow = SapGroupsTable & {
  connection_name: string;
  connection_cloud: ConnectionsTable['cloud'];
};
export type SapKeyWrite = Omit<SapKeysTable, 'gone'>;

export function createSapKeyRepository(db: Db) {
  const withConnection = () =>
    db
      .selectFrom('sap_groups as g')
      .innerJoin('connections as c', 'c.id', 'g.connection_id')
      .selectAll('g')
      .select(['c.name as connection_name', 'c.cloud as connection_cloud']);

  return {
    /** The groups named by resource ID or SAP group ID. */
    async findGroupsByReferences(domainId: string, references: readonly string[]): Promise<SapGroupRow[]> {
      if (references.length === 0) return [];
      return withConnection()
        .where('g.domain_id', '=', domainId)
        .where((eb) => eb.or([eb('g.id', 'in', references), eb('g.group_id', 'in', references)]))
        .orderBy('g.created_at')
        .execute();
    },

    async listGroups(domainId: string): Promise<SapGroupRow[]> {
      return withConnection()
        .where('g.domain_id', '=', domainId)
        .orderBy('g.created_at')
        .orderBy('g.id')
        .execute();
    },

    async getGroup(id: string): Promise<SapGroupRow | undefined> {
      return withConnection().where('g.id', '=', id).executeTakeFirst();
    },

    async insertGroup(row: SapGroupsTable): Promise<void> {
      await db
        .insertInto('sap_groups')
        .values(row)
        .onConflict((c) => c.column('id').doNothing())
        .execute();
    },

    async upsertKeys(rows: SapKeyWrite[]) {
      for (const row of rows) {
        const {
          id: _id,
          created_at: _created,
          group_id: _group,
          sap_key_id: _key,
          domain_id: _domain,
          ...changes
        } = row;
        await db
          .insertInto('sap_keys')
          .values({ ...row, gone: 0 })
          .onConflict((conflict) =>
            conflict.columns(['group_id', 'sap_key_id']).doUpdateSet({ ...changes, gone: 0 }),
          )
          .execute();
      }
    },

    async markGoneKeys(groupId: string, present: readonly string[], now: string): Promise<number> {
      let query = db
        .updateTable('sap_keys')
        .set({ gone: 1, updated_at: now })
        .where('group_id', '=', groupId)
        .where('gone', '=', 0);
      if (present.length > 0) query = query.where('sap_key_id', 'not in', present);
      return Number((await query.executeTakeFirst()).numUpdatedRows);
    },

    async countKeys(groupId: string): Promise<number> {
      const row = await db
        .selectFrom('sap_keys')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('group_id', '=', groupId)
        .where('gone', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type SapKeyRepository = ReturnType<typeof createSapKeyRepository>;
