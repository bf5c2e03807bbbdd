// The organization filter, newest (or oldest) first, answered from the targets alone. Each target
// row gets a copy of its job's never-changing fields (domain, cloud, creation time), and two
// indexes (by cloud ID, by resource ID) hold them in list order, so an organization's newest jobs
// are the first entries of one index range instead of ~1,000 jobs read and sorted (31 ms p99 on
// PostgreSQL at a million jobs). They start with the columns of the two indexes they replace.
//
// The copies are NOT NULL in both dialects: a writer that forgot them must fail, not leave jobs
// the list silently never shows. PostgreSQL adds the columns, fills them and then sets NOT NULL;
// SQLite cannot add a NOT NULL column without a default, so there the table is rebuilt (SQLite's
// documented way to change a table's constraints), in one transaction of its own: Kysely runs
// SQLite migrations outside a transaction.
import { type Kysely, SqliteAdapter, sql, type Transaction } from 'kysely';

const JOB_FIELDS = ['domain_id', 'cloud', 'created_at'] as const;

async function createListedIndexes(db: Kysely<unknown>): Promise<void> {
  for (const [name, first] of [
    ['sync_job_targets_key_listed', 'target_key'],
    ['sync_job_targets_id_listed', 'target_id'],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('sync_job_targets')
      .columns([first, ...JOB_FIELDS, 'job_id'])
      .execute();
  }
}

/** SQLite: a new table with the copies, filled from the old one and its jobs, in its place. */
async function rebuildWithJobFields(trx: Transaction<unknown>): Promise<void> {
  await trx.schema
    .createTable('sync_job_targets_new')
    .addColumn('job_id', 'text', (c) => c.notNull().references('sync_jobs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_job_targets_pk', ['job_id', 'position'])
    .execute();
  await sql`insert into sync_job_targets_new
      (job_id, position, target_id, target_key, state, message, active, domain_id, cloud, created_at)
    select t.job_id, t.position, t.target_id, t.target_key, t.state, t.message, t.active,
      j.domain_id, j.cloud, j.created_at
    from sync_job_targets t join sync_jobs j on j.id = t.job_id`.execute(trx);
  // Its indexes go with it.
  await trx.schema.dropTable('sync_job_targets').execute();
  await trx.schema.alterTable('sync_job_targets_new').renameTo('sync_job_targets').execute();
  await trx.schema
    .createIndex('sync_job_targets_one_running')
    .on('sync_job_targets')
    .column('target_id')
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute();
  await createListedIndexes(trx);
}

/** PostgreSQL: the columns added, filled from the jobs, then required. */
async function addJobFields(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sync_job_targets')
    .addColumn('domain_id', 'text')
    .addColumn('cloud', 'text')
    .addColumn('created_at', 'text')
    .execute();
  await sql`update sync_job_targets t
    set domain_id = j.domain_id, cloud = j.cloud, created_at = j.created_at
    from sync_jobs j where j.id = t.job_id`.execute(db);
  await db.schema
    .alterTable('sync_job_targets')
    .alterColumn('domain_id', (c) => c.setNotNull())
    .alterColumn('cloud', (c) => c.setNotNull())
    .alterColumn('created_at', (c) => c.setNotNull())
    .execute();
  await createListedIndexes(db);
  await db.schema.dropIndex('sync_job_targets_by_target').execute();
  await db.schema.dropIndex('sync_job_targets_by_key').execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await db.transaction().execute(rebuildWithJobFields);
  } else {
    await addJobFields(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sync_job_targets_key_listed').ifExists().execute();
  await db.schema.dropIndex('sync_job_targets_id_listed').ifExists().execute();
  await db.schema
    .createIndex('sync_job_targets_by_target')
    .on('sync_job_targets')
    .columns(['target_id', 'job_id'])
    .execute();
  await db.schema
    .createIndex('sync_job_targets_by_key')
    .on('sync_job_targets')
    .columns(['target_key', 'job_id'])
    .execute();
  // One column per statement: SQLite drops one at a time.
  for (const column of JOB_FIELDS)
    await db.schema.alterTable('sync_job_targets').dropColumn(column).execute();
}
