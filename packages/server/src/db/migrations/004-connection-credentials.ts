// Connections hold what their cloud needs to log in: non-secret settings as JSON (login URL,
// client ID, username, API endpoint, ...) and the secret part sealed (AES-256-GCM, see
// core/secret-box.ts), never in clear.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('connections')
    .addColumn('settings', 'text', (column) => column.notNull().defaultTo('{}'))
    .execute();
  await db.schema.alterTable('connections').addColumn('sealed_secret', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connections').dropColumn('sealed_secret').execute();
  await db.schema.alterTable('connections').dropColumn('settings').execute();
}
