// Part 4: one synchronize_all job over many Salesforce organizations, each with its own connection
// and tenant secrets, through the real HTTP connectors (OAuth, SOQL paging) to the fake clouds on
// loopback, with latency on every cloud call: wall time, secrets/s, peak concurrent cloud calls.
import { join } from 'node:path';
import { createFakeCloudState, generateOrganizations, startFakeClouds } from '@cckm/fake-clouds';
import { createLogger, createRuntime, listen, loadConfig } from '@cckm/server';
import {
  BENCH_DOMAIN,
  BENCH_SECRET,
  BENCH_SECRETS_KEY,
  benchToken,
  seedOrganizations,
} from './lib/cckm-server.ts';
import { fixed, table } from './lib/table.ts';

export async function measureSync(options: {
  organizations: number;
  secretsPerOrganization: number;
  latencyMs: number;
  concurrencies: number[];
  directory: string;
}): Promise<{ markdown: string; secondsByConcurrency: Record<number, number> }> {
  const rows: (string | number)[][] = [];
  const secondsByConcurrency: Record<number, number> = {};
  for (const concurrency of options.concurrencies) {
    const file = join(options.directory, `sync-${concurrency}.sqlite`);
    const state = createFakeCloudState();
    const generated = generateOrganizations(state, {
      organizations: options.organizations,
      secretsPerOrganization: options.secretsPerOrganization,
    });
    const clouds = await startFakeClouds({ state, latencyMs: options.latencyMs });
    await seedOrganizations(file, options.organizations, {
      organizationIds: generated.map((organization) => organization.organizationId),
      credentials: (index) =>
        clouds.salesforceCredentials((generated[index] as (typeof generated)[number]).login),
    });
    const config = loadConfig({
      DATABASE_URL: `sqlite:${file}`,
      JWT_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'warn',
      JOB_CONCURRENCY: String(concurrency),
      JOB_POLL_MS: '60000',
      CONNECTION_SECRETS_KEY: BENCH_SECRETS_KEY,
    });
    const runtime = await createRuntime(config, createLogger({ level: 'warn' }));
    runtime.start();
    const http = await listen(runtime.app, config.http);
    try {
      const started = performance.now();
      const response = await fetch(`${http.origin}/api/v1/cckm/sfdc/keys/synchronization-jobs`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await benchToken()}`, 'Content-Type': 'application/json' },
        body: '{"synchronize_all":true}',
      });
      if (response.status !== 201) throw new Error(`sync: HTTP ${response.status} ${await response.text()}`);
      await runtime.runner.idle();
      const seconds = (performance.now() - started) / 1000;
      secondsByConcurrency[concurrency] = seconds;
      const stored = await runtime.db
        .selectFrom('tenant_secrets')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('domain_id', '=', BENCH_DOMAIN)
        .executeTakeFirstOrThrow();
      const job = await runtime.db.selectFrom('sync_jobs').select('overall_status').executeTakeFirstOrThrow();
      rows.push([
        concurrency,
        `${fixed(options.organizations)} × ${options.secretsPerOrganization}`,
        job.overall_status,
        fixed(Number(stored.n)),
        fixed(seconds, 2),
        fixed(Number(stored.n) / seconds),
        clouds.faults.stats.peakInFlight,
      ]);
    } finally {
      await http.close();
      await runtime.close();
      await clouds.close();
    }
  }
  const markdown = table(
    `One synchronize_all job through the HTTP connectors to the fake clouds, ${options.latencyMs} ms latency per cloud call, one connection per organization (in-process server, SQLite file)`,
    [
      'JOB_CONCURRENCY',
      'organizations × secrets',
      'job status',
      'secrets stored',
      'wall time s',
      'secrets/s',
      'peak concurrent cloud calls',
    ],
    rows,
  );
  return { markdown, secondsByConcurrency };
}
