#!/usr/bin/env node
// `pnpm mock`: Prism on the contract, at the same paths as the real server (/api/v1/...), behind
// the server's own request checks. Options: --port <n> (default 4010), --host <h> (default
// 127.0.0.1), --dynamic (generated data that fits each request), --seed <text> (the same seed,
// the same data), --proxy <origin> (validate a running server instead of mocking), --stateful
// (the real server as a sandbox, sandbox.ts) with --scenario <name>, --job-duration <time> and
// --job-deadline <time>, --help (lists the scenarios).
// Output: one line saying where it listens and a token to use (stdout); Prism's request log
// (stderr), without its start-up lines, which name its private port.
// Runs until Ctrl-C. Exit codes: 0 stopped, 1 failed to start, 2 bad options.
import { parseArgs } from 'node:util';
import { mockToken } from './mock-token.ts';
import { startPrism } from './prism.ts';
import { SCENARIO_NAMES, scenarioTable } from './scenarios.ts';

const USAGE = `Usage: pnpm mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--seed <text>]
       pnpm mock --stateful [--port 4010] [--scenario <name>] [--job-duration 20s] [--job-deadline <time>]
       pnpm mock --proxy <origin> [--port 4010]

The CCKM API at http://<host>:<port>/api, the real server's paths: requests are checked as the
server checks them, and Prism answers the valid ones from the contract.
  --dynamic         answer with generated data that fits each request (limit, skip, filters, sort)
                    instead of the contract's examples
  --seed <text>     the seed of generated data: the same seed, the same answers
  --proxy <origin>  validate a running server's traffic (e.g. http://127.0.0.1:8080) instead
  --stateful        the sandbox: the real server (in-memory demo data, fake Salesforce and SAP)
                    behind Prism as a validation proxy; what you do is remembered; every answer
                    is real and checked against the contract. POST /__sandbox/reset starts afresh.
  --scenario <name> (with --stateful) a scenario for the whole run; per request:
                    -H "Prefer: scenario=<name>"
  --job-duration <time>  how long jobs take in slow-jobs (default 20s; e.g. 1500ms, 2m)
  --job-deadline <time>  when an unfinished job fails (default: the duration + 10s)
  --many-jobs <n>   jobs in the many-jobs scenario's domain (default 5000)
  --help            this text

Per request: -H "Prefer: code=422, example=noOrganizations" picks a response, "dynamic=true" and
"seed=<text>" generate one. Tokens: any well-formed, unexpired JWT (one is printed at start).

Scenarios (--stateful):
${scenarioTable('text')}
`;

/** `20s`, `1500ms`, `2m`, or a number of seconds, as milliseconds; undefined when unreadable. */
function duration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { ms: 1, s: 1_000, m: 60_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm'];
  const ms = Math.round(Number(match[1]) * factor);
  return ms >= 1 && ms <= 3_600_000 ? ms : undefined;
}

let values: {
  port: string;
  host: string;
  dynamic: boolean;
  seed?: string;
  proxy?: string;
  stateful: boolean;
  scenario?: string;
  'job-duration'?: string;
  'job-deadline'?: string;
  'many-jobs'?: string;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      help: { type: 'boolean' },
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      dynamic: { type: 'boolean', default: false },
      seed: { type: 'string' },
      proxy: { type: 'string' },
      stateful: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      'job-duration': { type: 'string' },
      'job-deadline': { type: 'string' },
      'many-jobs': { type: 'string' },
    },
  }) as { values: typeof values });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write('--port must be a TCP port (1-65535)\n');
  process.exit(2);
}

const jobDurationMs = values['job-duration'] === undefined ? undefined : duration(values['job-duration']);
const jobDeadlineMs = values['job-deadline'] === undefined ? undefined : duration(values['job-deadline']);
const refuse = (message: string) => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
if (values['job-duration'] !== undefined && jobDurationMs === undefined)
  refuse('--job-duration must be a time such as 20s, 1500ms or 2m');
if (values['job-deadline'] !== undefined && jobDeadlineMs === undefined)
  refuse('--job-deadline must be a time such as 30s, 1500ms or 2m');
if (values.scenario !== undefined && !SCENARIO_NAMES.includes(values.scenario))
  refuse(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}`);
const manyJobs = values['many-jobs'] === undefined ? undefined : Number(values['many-jobs']);
if (manyJobs !== undefined && !(Number.isInteger(manyJobs) && manyJobs >= 1 && manyJobs <= 100_000))
  refuse('--many-jobs must be a number of jobs from 1 to 100000');
const statefulOnly = ['scenario', 'job-duration', 'job-deadline', 'many-jobs'] as const;
if (!values.stateful && statefulOnly.some((name) => values[name] !== undefined))
  refuse('--scenario, --job-duration, --job-deadline and --many-jobs need --stateful');
if (values.stateful && (values.dynamic || values.proxy !== undefined || values.seed !== undefined))
  refuse('--stateful answers with the real server: it takes no --dynamic, --seed or --proxy');

/** Prism's own start-up lines (`[CLI]`) name its private port: only its request log is passed on. */
function passPrismLog(chunk: string): void {
  const lines = chunk.split('\n').filter((line) => line !== '' && !line.includes('[CLI]'));
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
}

/** Starts what `start` gives, prints its banner, and stops it on SIGINT or SIGTERM; exit 1 if it fails. */
async function serve(start: () => Promise<{ banner: string; close(): Promise<void> }>): Promise<void> {
  try {
    const running = await start();
    process.stdout.write(running.banner);
    const stop = async () => {
      await running.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

if (values.stateful) {
  await serve(async () => {
    const { startSandbox } = await import('./sandbox.ts');
    const sandbox = await startSandbox({
      port,
      host: values.host,
      ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
      ...(jobDurationMs !== undefined ? { jobDurationMs } : {}),
      ...(jobDeadlineMs !== undefined ? { jobDeadlineMs } : {}),
      ...(manyJobs !== undefined ? { manyJobs } : {}),
    });
    const token = mockToken();
    const banner = [
      `CCKM sandbox (the real server, ${values.scenario ? `scenario ${values.scenario}` : 'no scenario'}) at ${sandbox.url}, ready in ${(sandbox.startupMs / 1000).toFixed(1)} s`,
      '  A token (any well-formed JWT works; its domain becomes the demo domain):',
      `  export TOKEN=${token}`,
      `  curl -s ${sandbox.url}/v1/cckm/sfdc/keys/synchronization-jobs -H "Authorization: Bearer $TOKEN"`,
      `  Per request: -H "Prefer: scenario=salesforce-rate-limited"; start afresh: curl -X POST ${sandbox.origin}/__sandbox/reset`,
      '',
    ].join('\n');
    return { banner, close: () => sandbox.close() };
  });
} else {
  await serve(async () => {
    const prism = await startPrism({
      mode: values.proxy ? 'proxy' : 'mock',
      ...(values.proxy ? { upstream: values.proxy } : {}),
      port,
      host: values.host,
      dynamic: values.dynamic,
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      logLevel: 'info',
      output: passPrismLog,
    });
    const what = values.proxy
      ? `validation proxy for ${values.proxy}`
      : `mock (${values.dynamic ? 'generated data' : 'the contract’s examples'})`;
    const token = mockToken();
    const banner = [
      `CCKM ${what} at ${prism.url}`,
      ...(values.proxy
        ? []
        : [
            '  A token (any well-formed, unexpired JWT works; this one is an admin of the demo domain for 8 hours):',
            `  export TOKEN=${token}`,
            `  curl -s ${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs -H "Authorization: Bearer $TOKEN"`,
            '  Pick a response: -H "Prefer: code=422, example=noOrganizations"',
          ]),
      '',
    ].join('\n');
    return { banner, close: () => prism.close() };
  });
}
