// The static half of the proof that every write a list of jobs can show bumps the list version (the
// dynamic half: list-version-check.ts, on every transaction of the store suites). Only the job
// store writes the jobs, their targets, their counts and the list versions, where every write is
// exercised by those suites; a write from anywhere else in the server would go unchecked, so this
// test fails on one: Kysely's writing builders naming these tables, or SQL text writing them.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The job store: each module's writes bump the version through its JobBookkeeping. */
const JOB_STORE = ['store/sync-job-repository.ts', 'store/sync-job-leases.ts', 'store/sync-job-counts.ts'];
/** Migrations change the schema (and fill what they add) before any server reads it. */
const MIGRATIONS = 'db/migrations/';

const TABLES = '(sync_jobs|sync_job_targets|sync_job_counts|sync_job_versions)';
const WRITES = [
  new RegExp(`\\b(insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\\(\\s*['"\`]${TABLES}\\b`, 'g'),
  new RegExp(
    `\\b(insert\\s+(or\\s+\\w+\\s+)?into|update|delete\\s+from|merge\\s+into|truncate(\\s+table)?)\\s+(only\\s+)?["\`]?${TABLES}\\b`,
    'gi',
  ),
];

/** The writes to the jobs' tables in `source`, as written. */
function jobWrites(source: string): string[] {
  return WRITES.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[0]));
}

async function sources(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('writers of the jobs’ tables', () => {
  test('when the server’s sources are read, then only the job store writes the jobs, their targets, counts and versions', async () => {
    const outside: Record<string, string[]> = {};
    let inside = 0;
    for (const file of await sources(SRC)) {
      const path = relative(SRC, file).split('\\').join('/');
      const writes = jobWrites(await readFile(file, 'utf8'));
      if (JOB_STORE.includes(path)) inside += writes.length;
      else if (!path.startsWith(MIGRATIONS) && writes.length > 0) outside[path] = writes;
    }
    expect(outside).toEqual({});
    // The scan sees the store's own writes: it reads what it should.
    expect(inside).toBeGreaterThanOrEqual(10);
  });

  test.each([
    ["db.insertInto('sync_jobs')", 'a Kysely insert'],
    ['trx\n  .updateTable("sync_job_targets")', 'a Kysely update over two lines'],
    ['db.deleteFrom(`sync_job_counts`)', 'a Kysely delete'],
    ["db.mergeInto('sync_job_versions')", 'a Kysely merge'],
    ['sql`UPDATE sync_jobs SET abort = 1`', 'raw SQL'],
    ['sql`insert into "sync_job_targets" (job_id) values (1)`', 'raw SQL with a quoted name'],
    ["CompiledQuery.raw('delete from sync_job_versions')", 'a compiled raw query'],
    ['sql`truncate table sync_jobs`', 'a truncation'],
  ])('when a source holds %s (%s), then it is found', (source) => {
    expect(jobWrites(source)).toHaveLength(1);
  });

  test.each([
    ["db.selectFrom('sync_jobs')", 'a read'],
    ["db.insertInto('sync_jobs_archive')", 'another table'],
    ['// we never update sync state here', 'prose'],
    ["db.updateTable('sfdc_organizations')", 'another table'],
  ])('when a source holds %s (%s), then nothing is found', (source) => {
    expect(jobWrites(source)).toEqual([]);
  });
});
