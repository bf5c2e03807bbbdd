// Salesforce organizations and the connections they are reached through.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { paddedToPowerOfTwo, preparedQuery } from '../db/prepared-query.ts';
import { type ConnectionsTable, ORGANIZATION_COLUMNS, type SfdcOrganizationsTable } from '../db/schema.ts';

export type OrganizationRow = SfdcOrganizationsTable & { connection_name: string };
export type ConnectionRow = Selectable<ConnectionsTable>;
/** An organization with what its connection stores to log in (the secret still sealed). */
export type OrganizationWithCredentials = OrganizationRow &
  Pick<ConnectionRow, 'settings' | 'sealed_secret'> & { connection_cloud: ConnectionRow['cloud'] };

const withConnection = (db: Db) =>
  db
    .selectFrom('sfdc_organizations as o')
    .innerJoin('connections as c', 'c.id', 'o.connection_id')
    .select(ORGANIZATION_COLUMNS.map((column) => `o.${column}` as const))
    .select('c.name as connection_name');

// What every synchronized organization reads, prepared once per padded batch size (readTogether
// batches the organizations that start together), with the connection's credentials in the same
// query: no second read before logging in.
const selectWithCredentials = preparedQuery((db, p: { ids: readonly string[] }) =>
  withConnection(db)
    .select(['c.cloud as connection_cloud', 'c.settings', 'c.sealed_secret'])
    .where('o.id', 'in', p.ids),
);

const selectByReferences = preparedQuery((db, p: { domainId: string; references: readonly string[] }) =>
  withConnection(db)
    .where('o.domain_id', '=', p.domainId)
    .where((eb) => eb.or([eb('o.id', 'in', p.references), eb('o.organization_id', 'in', p.references)]))
    .orderBy('o.created_at'),
);

export function createOrganizationRepository(db: Db) {
  return {
    async get(domainId: string, id: string): Promise<OrganizationRow | undefined> {
      return withConnection(db).where('o.domain_id', '=', domainId).where('o.id', '=', id).executeTakeFirst();
    },

    /**
     * By resource ID in any domain, with their connections' stored credentials, in one query (IDs
     * not found are left out): for syncs, which already hold the IDs and log in next.
     */
    async getManyWithCredentials(ids: readonly string[]): Promise<OrganizationWithCredentials[]> {
      if (ids.length === 0) return [];
      return (await selectWithCredentials(db, { ids: paddedToPowerOfTwo(ids) })).rows;
    },

    /** The organizations named by resource ID or Salesforce org ID, in one query. */
    async findByReferences(domainId: string, references: readonly string[]): Promise<OrganizationRow[]> {
      if (references.length === 0) return [];
      return (await selectByReferences(db, { domainId, references })).rows;
    },

    async listAll(domainId: string): Promise<OrganizationRow[]> {
      return withConnection(db)
        .where('o.domain_id', '=', domainId)
        .orderBy('o.created_at')
        .orderBy('o.id')
        .execute();
    },

    async insertOrganization(row: SfdcOrganizationsTable): Promise<void> {
      await db
        .insertInto('sfdc_organizations')
        .values(row)
        .onConflict((c) => c.column('id').doNothing())
        .execute();
    },

    async setConnection(domainId: string, id: string, connectionId: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('sfdc_organizations')
        .set({ connection_id: connectionId, updated_at: now })
        .where('domain_id', '=', domainId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
