// The key manager's records of Salesforce tenant secrets, with their backups.
import type { Db } from '../../db/database.ts';
import type { TenantSecretsTable } from '../../db/schema.ts';

export type TenantSecretRow = TenantSecretsTable;
export type TenantSecretWrite = Omit<TenantSecretRow, 'id' | 'created_at' | 'gone'>;

export function createTenantSecretRepository(db: Db) {
  return {
    async get(domainId: string, id: string): Promise<TenantSecretRow | undefined> {
      return db
        .selectFrom('tenant_secrets')
        .selectAll()
        .where('domain_id', '=', domainId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Deletes the record only if it is still DESTROYED; returns whether it did. */
    async deleteDestroyed(domainId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('tenant_secrets')
        .where('domain_id', '=', domainId)
        .where('id', '=', id)
        .where('status', '=', 'DESTROYED')
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** Inserts or refreshes the organization's secrets (keyed by organization + Salesforce ID). */
    async upsertMany(rows: (TenantSecretWrite & { id: string; created_at: string })[]) {
      for (const row of rows) {
        const {
          id: _id,
          created_at: _created,
          organization_id: _org,
          salesforce_id: _sfid,
          domain_id: _domain,
          ...changes
        } = row;
        await db
          .insertInto('tenant_secrets')
          .values({ ...row, gone: 0 })
          .onConflict((conflict) =>
            conflict.columns(['organization_id', 'salesforce_id']).doUpdateSet({ ...changes, gone: 0 }),
          )
          .execute();
      }
    },

    /** Flags the organization's records whose Salesforce IDs the cloud no longer lists. */
    async markGone(organizationId: string, present: readonly string[], now: string): Promise<number> {
      let query = db
        .updateTable('tenant_secrets')
        .set({ gone: 1, updated_at: now })
        .where('organization_id', '=', organizationId)
        .where('gone', '=', 0);
      if (present.length > 0) query = query.where('salesforce_id', 'not in', present);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type TenantSecretRepository = ReturnType<typeof createTenantSecretRepository>;
