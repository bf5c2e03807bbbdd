// Queries on the hot paths are built with Kysely once and run many times: building and compiling
// a query costs more than running it (measured: about half of a job's database time went to
// Kysely's builders and compiler). A prepared query is compiled the first time it runs, with
// placeholder values standing in for its parameters, per dialect and per shape of its parameters
// (the length of each list); later runs only put the values in place. The SQL stays typed and
// dialect-neutral. SQLite keeps the prepared statement in database.ts's statement cache;
// PostgreSQL, under the name given here (postgres-prepared-statements.ts).
//
// The builder must not branch on parameter values: it sees placeholders, not the values.
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database>;
/** Parameters are scalars, lists and objects (rows) of them, at any depth. */
type Parameter = unknown;
type Parameters = Record<string, Parameter>;

/** A slot of the compiled parameters: the n-th value of the flattened parameters, or a constant. */
type Slot = { leaf: number } | { constant: unknown };

interface Template {
  query: CompiledQuery;
  slots: Slot[];
}

const PLACEHOLDER = '\u0000cckm-parameter:';

/**
 * `list` padded with its first item to the next power of two: a prepared query over a list of any
 * length up to 2^k then has k + 1 shapes (statements), not one per length. For `IN` lists, where
 * a repeated value changes nothing.
 */
export function paddedToPowerOfTwo<T>(list: readonly T[]): readonly T[] {
  if (list.length <= 1) return list;
  const size = 2 ** Math.ceil(Math.log2(list.length));
  return size === list.length ? list : [...list, ...Array<T>(size - list.length).fill(list[0] as T)];
}

export type PreparedQuery<P extends object, O> = (db: Executor, parameters: P) => Promise<QueryResult<O>>;

export function preparedQuery<P extends object, O>(
  build: (db: Executor, parameters: P) => Compilable<O>,
): PreparedQuery<P, O> {
  // By dialect (the adapter a database and its transactions share), then by shape.
  const templates = new WeakMap<object, Map<string, Template>>();
  return async (db, parameters) => {
    const leaves: unknown[] = [];
    const shape = flatten(parameters, leaves);
    const adapter = db.getExecutor().adapter;
    let byShape = templates.get(adapter);
    if (!byShape) {
      byShape = new Map();
      templates.set(adapter, byShape);
    }
    let template = byShape.get(shape);
    if (!template) {
      template = compile(db, build, parameters);
      byShape.set(shape, template);
    }
    const values = template.slots.map((slot) => ('leaf' in slot ? leaves[slot.leaf] : slot.constant));
    return db.executeQuery<O>({ ...template.query, parameters: values });
  };
}

/** Appends the scalar leaves in a fixed order; returns the shape (keys and lengths). */
function flatten(value: Parameter, leaves: unknown[]): string {
  if (value === undefined) return 'u';
  if (Array.isArray(value)) return `[${value.map((item) => flatten(item, leaves)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    let shape = '{';
    for (const key in value) shape += `${key}:${flatten((value as Parameters)[key], leaves)},`;
    return `${shape}}`;
  }
  leaves.push(value);
  return 's';
}

/** The same structure with each scalar replaced by a placeholder naming its leaf index. */
function placeholders(value: Parameter, next: { n: number }): Parameter {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => placeholders(item, next));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, Parameter> = {};
    for (const key in value) copy[key] = placeholders((value as Parameters)[key], next);
    return copy;
  }
  const placeholder = `${PLACEHOLDER}${next.n}`;
  next.n += 1;
  return placeholder;
}

/** By SQL text: the name a prepared query's statement is parsed under on a PostgreSQL connection. */
const statementNames = new Map<string, string>();
/**
 * PostgreSQL keeps every named statement for the life of its connection (tens of kB each, more
 * with more parameters), and each list length is a statement of its own. So only shapes with few
 * parameters are named (a claim's batch, a page, a job of one or two targets), and only so many:
 * the rest run unnamed, as other statements do.
 */
const MAX_NAMED_PARAMETERS = 40;
const MAX_NAMED_STATEMENTS = 200;
/** `*` in a select list or a RETURNING: a named statement's result type would move with the table. */
const ALL_COLUMNS = /\b(select|returning)\s+\*|"\.\*|,\s*\*/i;

export const preparedStatementName = (sql: string): string | undefined => statementNames.get(sql);

function compile<P extends object, O>(
  db: Executor,
  build: (db: Executor, parameters: P) => Compilable<O>,
  parameters: P,
): Template {
  const query = build(db, placeholders(parameters, { n: 0 }) as P).compile();
  // A value the builder wrote into the SQL text itself cannot be replaced later.
  if (query.sql.includes(PLACEHOLDER)) throw new Error(`a prepared query inlines a parameter: ${query.sql}`);
  if (ALL_COLUMNS.test(query.sql)) throw new Error(`a prepared query reads all columns (*): ${query.sql}`);
  const slots = query.parameters.map((value): Slot => {
    if (typeof value === 'string' && value.startsWith(PLACEHOLDER))
      return { leaf: Number(value.slice(PLACEHOLDER.length)) };
    return { constant: value };
  });
  if (
    query.parameters.length <= MAX_NAMED_PARAMETERS &&
    statementNames.size < MAX_NAMED_STATEMENTS &&
    !statementNames.has(query.sql)
  )
    statementNames.set(query.sql, `cckm_${statementNames.size}`);
  return { query, slots };
}
