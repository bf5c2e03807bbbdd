// PostgreSQL parses, analyses and plans an unnamed statement each time it runs; for the short
// statements of the hot paths that is most of what the server costs it (measured: a job cost
// PostgreSQL ≈830 µs of CPU unnamed, ≈400 µs named). So the prepared queries (prepared-query.ts,
// those with few parameters) run as named statements: each connection parses one once and then
// only binds values to it. Other statements (the lists, whose plans depend on their values) stay
// unnamed. After five runs PostgreSQL may plan a named statement once for all values (a generic
// plan): a condition a partial index depends on must be written into the SQL, not bound.
//
// A named statement's result type is fixed when it is parsed. Should a migration run by another
// instance change it anyway (prepared queries name their columns, so adding one does not),
// PostgreSQL refuses the statement ("cached plan must not change result type"); a statement pg
// could not send values for is left closed on the server though pg counts it as prepared (26000,
// "prepared statement does not exist"). Either way the connection parses its statements afresh,
// under new names, and a statement outside a transaction is run again at once. Inside one, the
// transaction has already failed: its caller gets the error, and the next statement on that
// connection is parsed anew.
import type { PostgresCursor, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { preparedStatementName } from './prepared-query.ts';

/** Whether a named statement must be parsed again under a new name (see above). */
const mustReparse = (error: unknown): boolean => {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === '26000' ||
    (code === '0A000' && typeof message === 'string' && message.includes('must not change result type'))
  );
};

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
      if (!mustReparse(error)) throw error;
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
