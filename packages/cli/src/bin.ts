#!/usr/bin/env node
// The `cckm` executable: runs the command line on this process's arguments, streams and environment.
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
