// A deleted backup stays deleted: delete-backup keeps the record as a tombstone (its backup value
// shredded, the deletion time set) instead of removing it, and synchronization never refreshes a
// tombstone, so the next sync of the organization cannot write the key material back.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenant_secrets').addColumn('backup_deleted_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenant_secrets').dropColumn('backup_deleted_at').execute();
}
