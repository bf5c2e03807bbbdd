#!/usr/bin/env node
// `pnpm mock`: Prism on the contract, at the same paths as the real server (/api/v1/...), behind
// the server's own request checks. Options: --port <n> (default 4010), --host <h> (default
// 127.0.0.1), --dynamic (generated data that fits each request), --seed <text> (the same seed,
// the same data), --proxy <origin> (validate a running server instead of mocking), --help.
// Output: one line saying where it listens and a token to use (stdout); Prism's request log
// (stderr), without its start-up lines, which name its private port.
// Runs until Ctrl-C. Exit codes: 0 stopped, 1 failed to start, 2 bad options.
import { parseArgs } from 'node:util';
import { startPrism } from './prism.ts';
import { mockToken } from './tokens.ts';

const USAGE = `Usage: pnpm mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--seed <text>]
       pnpm mock --proxy <origin> [--port 4010]

The CCKM API at http://<host>:<port>/api, the real server's paths: requests are checked as the
server checks them, and Prism answers the valid ones from the contract.
  --dynamic         answer with generated data that fits each request (limit, skip, filters, sort)
                    instead of the contract's examples
  --seed <text>     the seed of generated data: the same seed, the same answers
  --proxy <origin>  validate a running server's traffic (e.g. http://127.0.0.1:8080) instead
  --help            this text

Per request: -H "Prefer: code=422, example=noOrganizations" picks a response, "dynamic=true" and
"seed=<text>" generate one. Tokens: any well-formed, unexpired JWT (one is printed at start).
`;

let values: {
  port: string;
  host: string;
  dynamic: boolean;
  seed?: string;
  proxy?: string;
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

/** Prism's own start-up lines (`[CLI]`) name its private port: only its request log is passed on. */
function passPrismLog(chunk: string): void {
  const lines = chunk.split('\n').filter((line) => line !== '' && !line.includes('[CLI]'));
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
}

try {
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
  process.stdout.write(
    [
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
    ].join('\n'),
  );
  const stop = async () => {
    await prism.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
