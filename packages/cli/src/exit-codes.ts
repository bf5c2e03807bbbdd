// The exit codes of `cckm`, one meaning each, so scripts can branch on them.
export const ExitCode = {
  /** Done; for `--wait`/`watch`, the job completed. */
  ok: 0,
  /** The server answered with a problem, or a watched job failed, or the wait gave up. */
  problem: 1,
  /** The command line or the settings are wrong (unknown option, no URL, token command failed). */
  usage: 2,
  /** No usable answer: network failure, timeout, non-JSON success body. */
  network: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how cckm was called; printed with a hint to --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
