// Part 4: one synchronize_all job over many sandbox organizations, each holding tenant secrets,
// with simulated latency on every cloud call: wall time, secrets/s, peak concurrent cloud calls.
import { join } from 'node:path';
import {
  createLogger,
  createRuntime,
  createSandboxClouds,
  emptySandboxState,
  loadConfig,
  type SalesforceTenantSecretRecord,
} from '@cckm/server';
import { BENCH_DOMAIN, BENCH_SECRET, benchToken, seedOrganizations } from './lib/cckm-server.ts';
import { fixed, table } from './lib/table.ts';

export async function measureSync(options: {
  organizations: number;
  secretsPerOrganization: number;
  latencyMs: number;
  concurrencies: number[];
  directory: string;
}): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const concurrency of options.concurrencies) {
    const file = join(options.directory, `sync-${concurrency}.sqlite`);
    await seedOrganizations(file, options.organizations);
    const state = emptySandboxState();
    for (let org = 0; org < options.organizations; org += 1) {
      const orgId = `00D${String(org).padStart(15, '0')}`;
      state.tenantSecrets.set(
        orgId,
        Array.from({ length: options.secretsPerOrganization }, (_, n) => secret(org, n)),
      );
    }
    const clouds = createSandboxClouds(state, { latencyMs: options.latencyMs });
    const config = loadConfig({
      DATABASE_URL: `sqlite:${file}`,
      JWT_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'warn',
      JOB_CONCURRENCY: String(concurrency),
      JOB_POLL_MS: '60000',
    });
    const runtime = await createRuntime(config, createLogger({ level: 'warn' }), { clouds });
    runtime.start();
    const server = runtime.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/cckm/sfdc/keys/synchronization-jobs`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await benchToken()}`, 'Content-Type': 'application/json' },
        body: '{"synchronize_all":true}',
      });
      if (response.status !== 201) throw new Error(`sync: HTTP ${response.status} ${await response.text()}`);
      await runtime.runner.idle();
      const seconds = (performance.now() - started) / 1000;
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
        clouds.stats.peakInFlight,
      ]);
    } finally {
      server.close();
      await runtime.close();
    }
  }
  return table(
    `One synchronize_all job, ${options.latencyMs} ms simulated latency per cloud call (in-process server, SQLite file)`,
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
}

function secret(org: number, n: number): SalesforceTenantSecretRecord {
  const types = ['Data', 'SearchIndex', 'DeterministicData', 'EventBus', 'Analytics'] as const;
  return {
    Id: `02G${String(org * 100 + n).padStart(15, '0')}`,
    CreatedDate: '2021-08-19T14:46:44.000+0000',
    CreatedById: '0053h000000r5rKAAQ',
    LastModifiedDate: '2021-08-19T16:34:26.000+0000',
    LastModifiedById: '0053h000000r5rKAAQ',
    SystemModstamp: '2021-08-19T16:34:26.000+0000',
    SecretValueHash: 'UNKNOWM=',
    SecretValue: Buffer.from(`secret ${org}/${n}`).toString('base64'),
    Version: n + 1,
    Status: n < types.length ? 'ACTIVE' : 'ARCHIVED',
    Source: 'HSM',
    Type: types[n % types.length] as SalesforceTenantSecretRecord['Type'],
    RemoteKeyCertificate: null,
    RemoteKeyServiceID: null,
    RemoteKeyIdentifier: null,
  };
}
