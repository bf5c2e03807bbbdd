#!/usr/bin/env node
// `pnpm mock`: Prism on the contract, at the same paths as the real server (/api/v1/...).
// Options: --port <n> (default 4010), --host <h> (default 127.0.0.1), --dynamic (schema-generated
// data instead of the examples), --proxy <origin> (validate a running server instead of mocking).
// Runs until Ctrl-C. Exit codes: 0 stopped, 1 Prism failed to start, 2 bad options.
import { parseArgs } from 'node:util';
import { startPrism } from './prism.ts';

const USAGE = `Usage: pnpm mock [--port 4010] [--host 127.0.0.1] [--dynamic] [--proxy <origin>]

Prism on the contract at http://<host>:<port>/api, the real server's paths.
  --dynamic         answer with data generated from the schemas instead of the named examples
  --proxy <origin>  validate a running server (e.g. http://127.0.0.1:8080) instead of mocking
`;

let values: { port: string; host: string; dynamic: boolean; proxy?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      help: { type: 'boolean' },
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      dynamic: { type: 'boolean', default: false },
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

try {
  const prism = await startPrism({
    mode: values.proxy ? 'proxy' : 'mock',
    ...(values.proxy ? { upstream: values.proxy } : {}),
    port,
    host: values.host,
    dynamic: values.dynamic,
    logLevel: 'info',
    output: (chunk) => process.stderr.write(chunk),
  });
  process.stdout.write(
    [
      '',
      `CCKM ${values.proxy ? `validation proxy for ${values.proxy}` : 'mock'} at ${prism.url}`,
      '  Any bearer token is accepted: -H "Authorization: Bearer anything"',
      '  Pick a response: -H "Prefer: code=409"  or  -H "Prefer: code=422, example=notSalesforce"',
      `  e.g. curl -s ${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs -H "Authorization: Bearer x"`,
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
