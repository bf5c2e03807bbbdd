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
 * Lines gather in memory until LOG_BATCH_BYTES are waiting, or for at most LOG_FLUSH_MS, and then
 * go to stdout in one asynchronous write (what is left is written on exit). Asynchronous, so a
 * request never waits for the terminal or the pipe; batched, because each write is a hand-off to
 * libuv's thread pool, and on a server pinned to one core that hand-off (two context switches)
 * cost more than the line: one write per line took about 90 µs of the core per job created.
 */
export const LOG_BATCH_BYTES = 4096;
export const LOG_FLUSH_MS = 100;

export function createLogger(options: { level: string }, destination?: DestinationStream): Logger {
  return pino(
    { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination ??
      pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES, periodicFlush: LOG_FLUSH_MS }),
  );
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
