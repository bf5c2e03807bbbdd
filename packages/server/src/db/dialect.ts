// Which dialect a database (or one of its transactions) speaks, for the few hot writes written
// differently per dialect: PostgreSQL can make several writes one statement (data-modifying
// CTEs), a round trip saved each time; SQLite has no such CTEs, and its statements cost no round
// trip. Everything else is portable SQL.
import { type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './schema.ts';

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
