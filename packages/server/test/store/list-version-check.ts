// The dynamic half of the proof that every write a list of jobs can show bumps the list version
// (the static half, that only the job store writes those tables, is sync-job-writers.test.ts).
// Cached pages are served while the version holds (features/sync-jobs/sync-job-page-cache.ts),
// so a write path that forgot `bookkeeping.touch()` would serve stale pages without any test
// noticing. A dialect wrapped here watches every statement of every connection the store suites
// open, on both dialects:
//
// - a transaction that changed jobs, their targets or their counts must also have bumped
//   sync_job_versions when it commits, or the commit fails, naming the statements; what a
//   savepoint rolled back does not count, either way;
// - outside a transaction, a statement that changed such rows (one or more) leaves a bump owing,
//   which a later bump settles; `takeOwing()` lists what is left (storeSuite checks after each
//   test). A bump made before a change does not count: a page built in between would be cached
//   under the new version and miss the change.
//
// Columns no list shows are not changes: the lease protocol's (lease_owner, lease_expires_at,
// attempts, written by every claim and renewal), a job's revision and a target's `active` flag.
//
// The same watch holds up the job revisions (migration 008): a statement that updates what the
// list shows of a job that exists (its row, or its targets') must count a revision (an UPDATE of
// sync_jobs setting `revision`) in the same transaction, and an UPDATE of a job's shown columns
// must set it itself; outside a transaction, in the same statement. Cached job JSON
// (features/sync-jobs/sync-job-fragments.ts) is known fresh by (id, revision) alone.
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/** The tables a list of jobs reads, each with the columns it does not show. */
const LISTED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sync_jobs', new Set(['lease_owner', 'lease_expires_at', 'attempts', 'revision'])],
  ['sync_job_targets', new Set(['active'])],
  ['sync_job_counts', new Set()],
]);
const VERSIONS = 'sync_job_versions';

export interface Writes {
  /** The statement changes rows a list shows. */
  changes: boolean;
  /** The statement bumps a list version. */
  bumps: boolean;
  /** The statement updates what the list shows of jobs that exist (their rows or targets). */
  revisable?: boolean;
  /** The statement counts a job revision. */
  revises?: boolean;
  /** An UPDATE of a job's shown columns that does not set its revision. */
  unrevised?: boolean;
}

/** A write in SQL text (for raw statements), and the table it names. */
const RAW_WRITE =
  /\b(insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from|merge\s+into|truncate(?:\s+table)?)\s+(?:only\s+)?["`]?(\w+)/gi;

interface Node {
  kind?: string;
  [key: string]: unknown;
}

/** The table a TableNode (or an alias of one) names. */
function tableName(node: unknown): string | undefined {
  const { kind, table, node: aliased } = (node ?? {}) as Node;
  if (kind === 'TableNode') return (table as { identifier?: { name?: string } }).identifier?.name;
  if (kind === 'AliasNode') return tableName(aliased);
  return undefined;
}

/** The columns an UPDATE's SET names. */
function updatedColumns(node: Node): string[] {
  return ((node.updates ?? []) as Node[]).map(
    (update) => ((update.column as Node)?.column as { name?: string } | undefined)?.name ?? '',
  );
}

/**
 * What a statement writes, read from its syntax tree (common table expressions included); a raw
 * statement (sql`...`, CompiledQuery.raw) from its text, where every write to a listed table
 * counts as a change.
 */
export function writesOf(query: CompiledQuery): Writes {
  const writes: Writes = { changes: false, bumps: false };
  /** `existing`: an update (or a targets' delete) of rows already written, not an insert. */
  const wrote = (table: string | undefined, columns?: readonly string[], existing = false) => {
    if (table === VERSIONS) writes.bumps = true;
    const hidden = table === undefined ? undefined : LISTED.get(table);
    const shown = hidden !== undefined && (!columns || columns.some((column) => !hidden.has(column)));
    if (shown) writes.changes = true;
    if (!existing || (table !== 'sync_jobs' && table !== 'sync_job_targets')) return;
    if (shown) writes.revisable = true;
    if (table === 'sync_jobs' && columns?.includes('revision')) writes.revises = true;
    else if (table === 'sync_jobs' && shown) writes.unrevised = true;
  };
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    const node = value as Node;
    if (node.kind === 'InsertQueryNode' || node.kind === 'MergeQueryNode') {
      wrote(tableName(node.into));
    } else if (node.kind === 'DeleteQueryNode') {
      // Targets deleted change their job's JSON as an update would (a job's own delete removes it).
      for (const from of ((node.from as Node | undefined)?.froms ?? []) as unknown[]) {
        const table = tableName(from);
        wrote(table, undefined, table === 'sync_job_targets');
      }
    } else if (node.kind === 'UpdateQueryNode') {
      wrote(tableName(node.table), updatedColumns(node), true);
    }
    for (const child of Object.values(node)) walk(child);
  };
  // A raw statement (a fragment of SQL inside a built one is an expression, not a write).
  if ((query.query as Node).kind === 'RawNode')
    for (const [, verb, table] of query.sql.matchAll(RAW_WRITE)) {
      const name = table?.toLowerCase();
      const done = verb?.toLowerCase() ?? '';
      wrote(name, undefined, done === 'update' || (done.startsWith('delete') && name === 'sync_job_targets'));
    }
  else walk(query.query);
  return writes;
}

/** What one transaction, or one savepoint in it, has done so far. */
interface Frame {
  savepoint?: string;
  changes: string[];
  bumps: number;
  /** Updates of what the list shows of existing jobs, and revisions counted. */
  revisable: string[];
  revisions: number;
}

const emptyFrame = (savepoint?: string): Frame => ({
  ...(savepoint === undefined ? {} : { savepoint }),
  changes: [],
  bumps: 0,
  revisable: [],
  revisions: 0,
});

/** Watches the statements of connections; see the header. */
export class ListVersionCheck {
  readonly #transactions = new Map<DatabaseConnection, Frame[]>();
  #owing: string[] = [];
  #on = false;

  /** From now on (not while migrations fill tables with what they had). */
  start(): void {
    this.#on = true;
  }

  /** Statements outside a transaction whose changes no bump has followed yet; forgotten then. */
  takeOwing(): string[] {
    const owing = this.#owing;
    this.#owing = [];
    return owing;
  }

  /** `dialect`, its connections watched. */
  watch(dialect: Dialect): Dialect {
    return {
      createAdapter: () => dialect.createAdapter(),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createIntrospector: (db) => dialect.createIntrospector(db),
      createDriver: () => this.#watchedDriver(dialect.createDriver()),
    };
  }

  #watchedDriver(driver: Driver): Driver {
    const check = this;
    const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
    const innerOf = (connection: DatabaseConnection) => inner.get(connection) ?? connection;
    const watched: Driver = {
      init: () => driver.init(),
      destroy: () => driver.destroy(),
      async acquireConnection() {
        const connection = await driver.acquireConnection();
        const wrapper: DatabaseConnection = {
          executeQuery: (query) => check.#execute(wrapper, connection, query),
          streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
        };
        inner.set(wrapper, connection);
        return wrapper;
      },
      releaseConnection: (connection) => driver.releaseConnection(innerOf(connection)),
      async beginTransaction(connection, settings: TransactionSettings) {
        await driver.beginTransaction(innerOf(connection), settings);
        if (check.#on) check.#transactions.set(connection, [emptyFrame()]);
      },
      async commitTransaction(connection) {
        const frames = check.#transactions.get(connection) ?? [];
        check.#transactions.delete(connection);
        const changes = frames.flatMap((frame) => frame.changes);
        const bumps = frames.reduce((sum, frame) => sum + frame.bumps, 0);
        if (changes.length > 0 && bumps === 0)
          throw new Error(
            `a transaction changed what a list of jobs shows without bumping sync_job_versions:\n${changes.join('\n')}`,
          );
        const revisable = frames.flatMap((frame) => frame.revisable);
        if (revisable.length > 0 && frames.every((frame) => frame.revisions === 0))
          throw new Error(
            `a transaction changed what the list shows of a job without counting its revision:\n${revisable.join('\n')}`,
          );
        await driver.commitTransaction(innerOf(connection));
      },
      async rollbackTransaction(connection) {
        check.#transactions.delete(connection);
        await driver.rollbackTransaction(innerOf(connection));
      },
    };
    // Kysely's own savepoint API (trx.savepoint()), when the driver has it.
    const savepoints = driver as Required<
      Pick<Driver, 'savepoint' | 'releaseSavepoint' | 'rollbackToSavepoint'>
    >;
    if (driver.savepoint) {
      watched.savepoint = async (connection, name, compile: QueryCompiler['compileQuery']) => {
        await savepoints.savepoint(innerOf(connection), name, compile);
        check.#savepoint(connection, 'savepoint', name);
      };
      watched.releaseSavepoint = async (connection, name, compile: QueryCompiler['compileQuery']) => {
        await savepoints.releaseSavepoint(innerOf(connection), name, compile);
        check.#savepoint(connection, 'release', name);
      };
      watched.rollbackToSavepoint = async (connection, name, compile: QueryCompiler['compileQuery']) => {
        await savepoints.rollbackToSavepoint(innerOf(connection), name, compile);
        check.#savepoint(connection, 'rollback', name);
      };
    }
    return watched;
  }

  async #execute<R>(
    wrapper: DatabaseConnection,
    connection: DatabaseConnection,
    query: CompiledQuery,
  ): Promise<QueryResult<R>> {
    const result = await connection.executeQuery<R>(query);
    if (!this.#on) return result;
    const savepoint =
      /^\s*(savepoint|release(?:\s+savepoint)?|rollback\s+to(?:\s+savepoint)?)\s+(\w+)\s*$/i.exec(query.sql);
    if (savepoint) {
      const verb = (savepoint[1] ?? '').toLowerCase();
      const action = verb === 'savepoint' ? 'savepoint' : verb.startsWith('release') ? 'release' : 'rollback';
      this.#savepoint(wrapper, action, savepoint[2] ?? '');
      return result;
    }
    const { changes, bumps, revisable, revises, unrevised } = writesOf(query);
    if (unrevised)
      throw new Error(`an update of what the list shows of a job does not count its revision:\n${query.sql}`);
    const frames = this.#transactions.get(wrapper);
    if (frames) {
      const frame = frames.at(-1) as Frame;
      if (changes) frame.changes.push(query.sql);
      if (bumps) frame.bumps += 1;
      if (revisable) frame.revisable.push(query.sql);
      if (revises) frame.revisions += 1;
    } else {
      if (revisable && !revises && Number(result.numAffectedRows ?? 0n) + result.rows.length > 0)
        this.#owing.push(`(no revision counted) ${query.sql}`);
      if (bumps) this.#owing = [];
      // Outside a transaction only what a statement did counts: an update whose lease check
      // failed changed nothing.
      const affected = Number(result.numAffectedRows ?? 0n) + result.rows.length;
      if (changes && !bumps && affected > 0) this.#owing.push(query.sql);
    }
    return result;
  }

  #savepoint(connection: DatabaseConnection, action: 'savepoint' | 'release' | 'rollback', name: string) {
    const frames = this.#transactions.get(connection);
    if (!frames) return;
    if (action === 'savepoint') {
      frames.push(emptyFrame(name));
      return;
    }
    const at = frames.findLastIndex((frame) => frame.savepoint === name);
    if (at <= 0) return;
    const undone = frames.splice(at);
    if (action === 'rollback') {
      // The savepoint stays, emptied.
      frames.push(emptyFrame(name));
      return;
    }
    const into = frames.at(-1) as Frame;
    for (const frame of undone) {
      into.changes.push(...frame.changes);
      into.bumps += frame.bumps;
      into.revisable.push(...frame.revisable);
      into.revisions += frame.revisions;
    }
  }
}
