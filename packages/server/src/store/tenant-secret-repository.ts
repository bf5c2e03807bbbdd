// The key manager's records of Salesforce tenant secrets, with their backups.
import type { Db } from '../db/database.ts';
import type { TenantSecretsTable } from '../db/schema.ts';
import { markGone, upsertRows } from './upsert.ts';

export type TenantSecretRow = TenantSecretsTable;

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
    async upsertMany(rows: readonly TenantSecretRow[]) {
      await upsertRows(db, 'tenant_secrets', rows, {
        key: ['organization_id', 'salesforce_id'],
        keep: ['id', 'created_at', 'domain_id'],
      });
    },

    /** Flags the organization's records whose Salesforce IDs the cloud no longer lists. */
    markGone: (organizationId: string, present: readonly string[], now: string) =>
      markGone(
        db,
        'tenant_secrets',
        { column: 'organization_id', id: organizationId },
        'salesforce_id',
        present,
        now,
      ),
  };
}

export type TenantSecretRepository = ReturnType<typeof createTenantSecretRepository>;
