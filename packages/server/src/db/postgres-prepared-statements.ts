// PostgreSQL parses, analyses and plans an unnamed statement each time it runs; for the short
// statements of the hot paths that is most of what the server costs it (measured: a job cost
// PostgreSQL ~830 µs of CPU unnamed, ~470 µs named). So the prepared queries (prepared-query.ts)
// run as named statements: each connection parses one once and then only binds values to it.
// Other statements (the lists, whose plans depend on their values) stay unnamed.
//
// A named statement's result type is fixed when it is parsed. Should a migration run by another
// instance change it anyway (prepared queries name their columns, so adding one does not),
// PostgreSQL refuses the statement ("cached plan must not change result type"); the connection
// then parses its statements afresh under new names, and a statement outside a transaction is
// run again at once. Inside one, the transaction has already failed: the caller's retry (group
// commit's) finds the new names.
import type { PostgresCursor, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { preparedStatementName } from './prepared-query.ts';

/** PostgreSQL's name for the check that refuses a statement whose result type changed. */
const RESULT_TYPE_CHANGED = 'RevalidateCachedQuery';

/** Kysely's view of `pool`, with prepared queries run as named statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  // Kysely keeps its connection objects by client: each pg client keeps one wrapper.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = preparingClient(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function preparingClient(client: pg.PoolClient): PostgresPoolClient {
  /** Bumped to abandon every statement this connection has parsed. */
  let generation = 0;

  async function named(name: string, text: string, values: unknown[], retry: boolean) {
    try {
      return await client.query({ name: `${name}_${generation}`, text, values });
    } catch (error) {
      if ((error as { routine?: string }).routine !== RESULT_TYPE_CHANGED) throw error;
      generation += 1;
      if (!retry || client.getTransactionStatus() !== 'I') throw error;
      return named(name, text, values, false);
    }
  }

  function query(sqlOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>) {
    // Kysely's streaming queries (pg-cursor, a pg.Submittable) pass through as they are.
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as unknown as pg.Submittable);
    const name = preparedStatementName(sqlOrCursor);
    const values = [...(parameters ?? [])];
    return name === undefined ? client.query(sqlOrCursor, values) : named(name, sqlOrCursor, values, true);
  }

  return {
    // One implementation of both of Kysely's overloads (a statement, a cursor).
    query: query as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  };
}
