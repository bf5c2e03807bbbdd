// @cckm/cli: `cckm`, the operator command line; also usable in-process (tests, wrappers).
export { type ConnectionFlags, connectionOptions, runTokenCommand, TokenCommandError } from './connection.ts';
export { ExitCode, UsageError } from './exit-codes.ts';
export { type CliIo, runCli } from './program.ts';
export { createProgress, type Progress, type ProgressStream, progressFrame } from './progress.ts';
