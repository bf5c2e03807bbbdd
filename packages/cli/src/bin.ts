#!/usr/bin/env node
// The `cckm` executable: runs the command line on this process's arguments, streams and environment.
import { runCli } from './program.ts';

// `cckm jobs list --json | head` closes the pipe early: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
