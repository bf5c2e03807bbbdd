// The list's other orders, and a revision per job.
//
// Sorted by completed_at, or by status then newest first, a list sorted a domain's every job at
// each request (12-15 ms at 2,500 jobs): no index held those orders. Each now has one, with and
// without a status filter in front, ending in `id` as the list's tie-break does, so a page is the
// first entries of one index range, read either way. The status index is rebuilt newest first:
// status then `-createdAt` is how a dashboard groups jobs, and a status filter with the default
// sort reads it the same way. (On SQLite the status filter is marked selective, so the planner
// reads these: store/sync-job-repository.ts.)
//
// Not updatedAt: it moves with every target's outcome, and an index on it makes each of those
// writes move an entry in it (SQLite) or, on PostgreSQL, every index entry of the job (no HOT
// update once an indexed column changes): POST jobs/s halved on two PostgreSQL instances. A list
// sorted by updatedAt sorts the jobs its filter selects. completed_at and the status change once,
// together, when the job finishes, in a write that already moved the status index.
//
// `revision` counts the changes to what the list shows of one job (its row and its targets'
// messages): every such write adds one to it in the same transaction (store/sync-job-leases.ts;
// test/store/list-version-check.ts fails a write that does not). A job's JSON is then known
// unchanged from (id, revision) alone, whatever instance wrote and whatever its clock said
// (features/sync-jobs/sync-job-fragments.ts). Existing jobs start at 0, as new ones do.
import type { Kysely } from 'kysely';

const LIST_ORDERS = [
  ['sync_jobs_list_completed', ['domain_id', 'cloud', 'completed_at', 'id']],
  ['sync_jobs_list_status_newest', ['domain_id', 'cloud', 'overall_status', 'created_at desc', 'id desc']],
  ['sync_jobs_list_status_completed', ['domain_id', 'cloud', 'overall_status', 'completed_at', 'id']],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sync_jobs')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.dropIndex('sync_jobs_list_status_created').ifExists().execute();
  for (const [name, columns] of LIST_ORDERS)
    await db.schema
      .createIndex(name)
      .on('sync_jobs')
      .columns([...columns])
      .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of LIST_ORDERS) await db.schema.dropIndex(name).ifExists().execute();
  await db.schema
    .createIndex('sync_jobs_list_status_created')
    .on('sync_jobs')
    .columns(['domain_id', 'cloud', 'overall_status', 'created_at', 'id'])
    .execute();
  await db.schema.alterTable('sync_jobs').dropColumn('revision').execute();
}
