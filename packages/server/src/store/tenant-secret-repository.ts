// The key manager's records of Salesforce tenant secrets, with their backups.
import type { Db } from '../db/database.ts';
import type { TenantSecretsTable } from '../db/schema.ts';
import { markGone, upsertRows } from './upsert.ts';

export type TenantSecretRow = TenantSecretsTable;

export function createTenantSecretRepository(db: Db) {
  return {
    /** A record whose backup has not been deleted. */
    async get(domainId: string, id: string): Promise<TenantSecretRow | undefined> {
      return db
        .selectFrom('tenant_secrets')
        .selectAll()
        .where('domain_id', '=', domainId)
        .where('id', '=', id)
        .where('backup_deleted_at', 'is', null)
        .executeTakeFirst();
    },

    /**
     * Shreds the backup of a record that is still DESTROYED and keeps the record as a tombstone,
     * so no later synchronization writes the secret back; returns whether it did.
     */
    async deleteBackupOfDestroyed(domainId: string, id: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('tenant_secrets')
        .set({ backup_value: '', backup_deleted_at: now, updated_at: now })
        .where('domain_id', '=', domainId)
        .where('id', '=', id)
        .where('status', '=', 'DESTROYED')
        .where('backup_deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Inserts or refreshes the organization's secrets (keyed by organization + Salesforce ID); a
     * tombstone (a secret whose backup was deleted) is left as it is.
     */
    async upsertMany(rows: readonly TenantSecretRow[]) {
      await upsertRows(db, 'tenant_secrets', rows, {
        key: ['organization_id', 'salesforce_id'],
        keep: ['id', 'created_at', 'domain_id', 'backup_deleted_at'],
        frozenWhenSet: 'backup_deleted_at',
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
