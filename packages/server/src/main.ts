#!/usr/bin/env node
// Composition root: config -> logger -> runtime (database, clouds, runner, app) -> listen -> signals.
// Exit codes: 0 after a clean shutdown (or --help), 1 when start-up fails, 2 for a bad configuration.
// `pnpm build` bundles this module and everything it imports into dist/main.js
// (scripts/bundle-server.ts): one file to load at start-up.
import { getHeapStatistics } from 'node:v8';
import { ConfigError, loadConfig, settings } from './config.ts';
import { DEMO_DOMAIN_ID } from './demo/demo-data.ts';
import { bindPort } from './http/http-server.ts';
import { batchedStdout, createLogger } from './logger.ts';
import { metricsApp } from './metrics/metrics.ts';
import { createRuntime } from './runtime.ts';
import { mintToken } from './tokens.ts';

const BANNER_TOKEN_HOURS = 8;

const help = () =>
  [
    'Usage: cckm-server [--help]',
    '',
    'Serves the CCKM API under /api (with /healthz and /readyz) and runs the synchronization jobs;',
    'Prometheus metrics at /metrics on METRICS_PORT when it is set.',
    'Settings come from the environment (defaults: packages/server/README.md):',
    '',
    ...settings.map(({ name, description }) => `  ${name.padEnd(28)} ${description}`),
    '',
    'Exit codes: 0 after a clean shutdown (SIGTERM, SIGINT), 1 when start-up fails, 2 for a bad configuration.',
    '',
  ].join('\n');

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(help());
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const stdout = batchedStdout();
  const logger = createLogger({ level: config.logLevel }, stdout);
  // The port first: a start that cannot have it stops before it opens (and migrates) the
  // database or writes the demo data, which another instance may be using.
  const bound = await bindPort(config.port, config.host);
  const metricsBound = config.metrics ? await bindPort(config.metrics.port, config.metrics.host) : undefined;
  const runtime = await createRuntime(config, logger);
  runtime.start();
  const server = bound.serve(runtime.app, config.http);
  // Prometheus scrapes a listener of its own (loopback by default), never the API's.
  const metricsServer =
    metricsBound && runtime.metrics
      ? metricsBound.serve(metricsApp(runtime.metrics.registry), config.http)
      : undefined;
  const url = `http://${config.host}:${bound.port}/api`;
  const metricsUrl =
    metricsBound && config.metrics ? `http://${config.metrics.host}:${metricsBound.port}/metrics` : undefined;
  logger.info(
    {
      url,
      ...(metricsUrl ? { metrics: metricsUrl } : {}),
      database: config.database.kind,
      profile: config.profile,
      // What --max-old-space-size (or its absence) left V8: see "Running in production".
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024),
    },
    'listening',
  );

  // Only the dev profile mints tokens: a production server never prints a credential.
  if (config.profile === 'dev' && config.demoData && config.jwt.secret) {
    const token = await mintToken(config.jwt.secret, {
      domainId: DEMO_DOMAIN_ID,
      groups: ['admin'],
      username: 'admin',
      ttlSeconds: BANNER_TOKEN_HOURS * 3600,
      ...(config.jwt.issuer ? { issuer: config.jwt.issuer } : {}),
      ...(config.jwt.audience ? { audience: config.jwt.audience } : {}),
    });
    // Through the log's stream, so it comes after the lines logged before it.
    stdout.write(
      [
        '',
        `CCKM server ready at ${url}`,
        `Contract: ${url}/openapi.json (reference: ${url}/docs)`,
        ...(metricsUrl ? [`Metrics (Prometheus): ${metricsUrl}`] : []),
        `Admin token for the demo domain (valid ${BANNER_TOKEN_HOURS} hours; \`pnpm token\` mints another):`,
        '',
        token,
        '',
        'Copy and paste:',
        '',
        `  export TOKEN=${token}`,
        `  curl -s ${url}/v1/cckm/sfdc/keys/synchronization-jobs -H "Authorization: Bearer $TOKEN"`,
        '',
      ].join('\n'),
    );
    stdout.flush();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    runtime.beginShutdown();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
    await closed;
    clearTimeout(grace);
    await runtime.close();
    if (metricsServer) {
      metricsServer.closeAllConnections();
      await new Promise((resolve) => metricsServer.close(resolve));
    }
    logger.info('stopped');
    // The log destination is asynchronous: let it write what it holds before the process ends.
    logger.flush(() => process.exit(0));
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
