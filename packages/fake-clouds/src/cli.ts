#!/usr/bin/env node
// The fake Salesforce and SAP Data Custodian on loopback, seeded with the seed pages'
// organizations, secrets and SAP groups. Prints `{"urls": {"salesforce", "sap"}}` as one JSON line
// on stdout, then runs until SIGINT/SIGTERM. The demo connections' logins (fake credentials, valid
// only against this process) are written, with the URLs, to the file given by --credentials
// (mode 0600), never to the terminal. Options: --port <n> (default 0: any free port), --host <h>
// (default 127.0.0.1), --credentials <file>, --latency <ms> (added to every request),
// --batch-size <n> (Salesforce query batch, default 2000), --page-size <n> (SAP list page,
// default 100). Exit codes: 0 stopped, 1 failed to start, 2 bad options.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startDemoClouds } from './fake-clouds.ts';

function count(name: string, value: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum || parsed > 65535) {
    process.stderr.write(`--${name} must be an integer from ${minimum} to 65535\n`);
    process.exit(2);
  }
  return parsed;
}

const USAGE = `Usage: fake-clouds [--port 0] [--host 127.0.0.1] [--credentials <file>] [--latency <ms>]
                   [--batch-size <n>] [--page-size <n>]

Fake Salesforce and SAP Data Custodian clouds on one loopback port, seeded like the demo. Prints
{"urls": ...} on stdout; the demo connections' credentials go to --credentials (mode 0600).
`;

let values: {
  help?: boolean;
  port: string;
  host: string;
  latency: string;
  'batch-size': string;
  'page-size': string;
  credentials?: string;
};
try {
  ({ values } = parseArgs({
    options: {
      help: { type: 'boolean' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string', default: '0' },
      'batch-size': { type: 'string', default: '2000' },
      'page-size': { type: 'string', default: '100' },
      credentials: { type: 'string' },
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

try {
  const { clouds, credentials: connections } = await startDemoClouds({
    port: count('port', values.port, 0),
    host: values.host,
    latencyMs: count('latency', values.latency, 0),
    salesforce: { batchSize: count('batch-size', values['batch-size'], 1) },
    sap: { pageSize: count('page-size', values['page-size'], 1) },
  });
  if (values.credentials)
    writeFileSync(values.credentials, `${JSON.stringify({ urls: clouds.urls, connections }, null, 2)}\n`, {
      mode: 0o600,
    });
  process.stdout.write(`${JSON.stringify({ urls: clouds.urls })}\n`);
  process.stderr.write(
    `fake clouds listening: Salesforce ${clouds.urls.salesforce}, SAP ${clouds.urls.sap}\n`,
  );
  const stop = () => {
    clouds.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`fake clouds failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}
