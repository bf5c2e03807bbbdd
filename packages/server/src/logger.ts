// The one logger. Lines about a request go through that request's child logger (`requestLogger`, with
// its request id bound), passed down explicitly: AsyncLocalStorage would carry it implicitly but
// costs about 100 µs per request on Node 20. Secrets, tokens and key material never reach the output.
import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.privateKeyPem',
  '*.clientSecret',
  '*.apiSecret',
  '*.sealedSecret',
  '*.sealed_secret',
  '*.SecretValue',
  '*.backupValue',
  '*.sfdc_params.SecretValue',
  '*.*.SecretValue',
];

/**
 * Without a destination, lines go to stdout through an asynchronous buffer (flushed on exit), so
 * a request never waits for the terminal or the pipe.
 */
export function createLogger(options: { level: string }, destination?: DestinationStream): Logger {
  return pino(
    { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

const LOG_BATCH_BYTES = 4096;
const LOG_FLUSH_MS = 100;

/**
 * The server command's stdout: lines gather until LOG_BATCH_BYTES wait, or for at most
 * LOG_FLUSH_MS, then go out in one asynchronous write (pino writes what is left on exit). Each
 * asynchronous write is a hand-off to libuv's thread pool; on a server pinned to one core that
 * hand-off (two context switches) cost more than the line: one write per line took about 90 µs
 * of the core per job created. Text written to it directly (the dev banner) keeps its place
 * among the lines.
 */
export function batchedStdout(): ReturnType<typeof pino.destination> {
  return pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS });
}

/**
 * A child for lines whose fields are all fixed by our code (the access line, a job's outcome):
 * nothing from outside can carry a secret there, and redaction costs about 15 µs a line (it
 * clones each line to test the paths), a few percent of a request. Any line that logs an error or
 * an object from elsewhere goes through a redacting logger.
 */
export function fixedFieldsLogger(logger: Logger, bindings: Record<string, unknown>): Logger {
  return logger.child(bindings, { redact: [] });
}
