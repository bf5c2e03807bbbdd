// SQLite durability without blocking the event loop. With synchronous=FULL, SQLite syncs its
// write-ahead log inside COMMIT: better-sqlite3 is synchronous, so the whole server stood still
// for every fdatasync (a fifth of its time under POST load). Here SQLite commits with
// synchronous=NORMAL (WAL frames written, not synced) and the driver syncs the WAL itself, on
// libuv's thread pool, before the write's promise resolves: the caller (a 201, say) still answers
// only once the write is on disk, but meanwhile other requests run, and the connection is free
// for other queries.
//
// Why this keeps FULL's guarantee for everything acknowledged: a commit appends its frames to the
// WAL; fdatasync on any descriptor of the file flushes every frame written before it (header
// included), and recovery replays the longest valid prefix of frames, so an acknowledged write is
// never lost and nothing after a lost frame is replayed. Checkpoints are SQLite's own business and
// stay safe under NORMAL (it syncs the WAL before one and the database file after). What changes:
// another request may read a commit before it is durable (as with any group commit's neighbours);
// a power cut can then lose that commit, which nobody was told had succeeded.
import { closeSync, fdatasync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type SQLite from 'better-sqlite3';
import { type Driver, SqliteDialect, SqliteDriver } from 'kysely';

const syncData = promisify(fdatasync);

/**
 * The write-ahead log could not be made durable. The write it follows is committed (others may
 * read it) but may not survive a power cut, so it must not be reported as done, nor run again.
 * Sticky: after a failed sync the kernel may have dropped the unwritten pages and a later sync
 * can succeed without them, so every later write fails too, until the server restarts.
 */
export class DurabilityError extends Error {
  override name = 'DurabilityError';
}

/**
 * Coalesces requests to make the log durable: a request that arrives while a flush runs waits for
 * the next one (its frames may have been written after that flush began); every request waiting
 * for the next flush shares it.
 */
export class FlushCoalescer {
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #failed: DurabilityError | undefined;
  readonly #flush: () => Promise<void>;

  constructor(flush: () => Promise<void>) {
    this.#flush = flush;
  }

  /** Resolves when a flush that started after this call has completed. */
  request(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    this.#next ??= this.#startAfterRunning();
    return this.#next;
  }

  async #startAfterRunning(): Promise<void> {
    // Only the order matters here: a failure of the running flush is its own waiters' error.
    await this.#running?.catch(() => undefined);
    this.#next = undefined;
    if (this.#failed) throw this.#failed;
    const running = this.#flush().catch((error: unknown) => {
      this.#failed ??= new DurabilityError('Could not sync the SQLite write-ahead log to disk', {
        cause: error,
      });
      throw this.#failed;
    });
    this.#running = running;
    try {
      await running;
    } finally {
      if (this.#running === running) this.#running = undefined;
    }
  }
}

/** The write-ahead log of `filename`, opened on first use: SQLite creates it on the first write. */
function walFile(filename: string, sync: (fd: number) => Promise<void>) {
  let fd: number | undefined;
  return {
    async flush() {
      if (fd === undefined) {
        // SQLite unlinks the WAL only when its last connection closes; ours stays open until
        // `close`, so this descriptor names the live log for the connection's whole life.
        fd = openSync(`${filename}-wal`, 'r');
        // The log's directory entry is new too: sync it once, as SQLite does under FULL.
        const directory = openSync(dirname(filename), 'r');
        try {
          await sync(directory);
        } finally {
          closeSync(directory);
        }
      }
      await sync(fd);
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

export interface DurableWalOptions {
  /** better-sqlite3's connection, in WAL mode on a file. */
  sqlite: SQLite.Database;
  /** What Kysely's dialect runs statements on (the statement cache); `prepare` is watched. */
  database: {
    prepare(sql: string): SQLite.Statement;
    close(): void;
  };
  /** Syncs one file's data; fdatasync unless a test replaces it. */
  sync?: (fd: number) => Promise<void>;
}

/**
 * A Kysely SQLite dialect whose writes resolve once durable: after a statement that may have
 * written (a statement SQLite does not call read-only), the next time the connection is released
 * outside a transaction, the WAL is synced; the connection is released first.
 */
export function durableWalDialect(options: DurableWalOptions): SqliteDialect {
  const { sqlite } = options;
  const log = walFile(sqlite.name, options.sync ?? ((fd) => syncData(fd)));
  const flushes = new FlushCoalescer(() => log.flush());
  let unsynced = false;
  const database = {
    prepare(sql: string) {
      const statement = options.database.prepare(sql);
      // Kysely runs a statement right after preparing it, on its one connection.
      if (!statement.readonly) unsynced = true;
      return statement;
    },
    close() {
      log.close();
      options.database.close();
    },
  };

  class DurableWalDriver extends SqliteDriver {
    override async releaseConnection(): Promise<void> {
      // Inside a transaction nothing is committed yet: the COMMIT's release syncs it all.
      const commitToSync = unsynced && !sqlite.inTransaction;
      if (commitToSync) unsynced = false;
      await super.releaseConnection();
      if (commitToSync) await flushes.request();
    }
  }

  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new DurableWalDriver({ database });
    }
  })({ database });
}
