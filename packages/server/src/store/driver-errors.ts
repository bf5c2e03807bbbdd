// What the database drivers report, turned into facts the repositories can act on. Only the
// store reads driver error codes; everything above it sees domain results.

/** True when `error` is a unique-constraint violation, in either dialect. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * True when `error` is a unique violation of one index: PostgreSQL names the index, SQLite the
 * indexed columns (`table.column`). Any other duplicate (a job ID used twice, say) is not this.
 */
export function violatesUniqueIndex(
  error: unknown,
  index: { name: string; columns: readonly string[] },
): boolean {
  if (!isUniqueViolation(error)) return false;
  const { code, constraint, message } = error as { code?: string; constraint?: string; message?: string };
  return code === '23505'
    ? constraint === index.name
    : message === `UNIQUE constraint failed: ${index.columns.join(', ')}`;
}
