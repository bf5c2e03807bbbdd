// Our server for the benchmark: a SQLite file seeded in bulk (one connection, many organizations
// to start jobs for), then the built server started as a user runs it, pinned to a core.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  createSecretBox,
  formatMicros,
  migrateToLatest,
  mintToken,
  openDatabase,
  type SalesforceCredentials,
  sealSalesforceCredentials,
} from '@cckm/server';
import { type Pinned, spawnPinned, untilOk } from './processes.ts';

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-00';
export const BENCH_DOMAIN = '5e1f3a2b-0c4d-4e6f-8a9b-0c1d2e3f4a5b';
/** Seals the bench's connection secrets (64 hex digits, as CONNECTION_SECRETS_KEY takes it). */
export const BENCH_SECRETS_KEY = 'b5'.repeat(32);
const MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));

export async function benchToken(): Promise<string> {
  return mintToken(BENCH_SECRET, { domainId: BENCH_DOMAIN, groups: ['admin'], ttlSeconds: 6 * 3600 });
}

/**
 * Creates the schema and `count` organizations; returns their resource IDs. With `organizationIds`
 * and `credentials`, organization i has that Salesforce ID and its own connection that logs in
 * with `credentials(i)` (the fake clouds' logins); otherwise all share one connection without any.
 */
export async function seedOrganizations(
  file: string,
  count: number,
  cloud?: { organizationIds: readonly string[]; credentials: (index: number) => SalesforceCredentials },
  database: Parameters<typeof openDatabase>[0] = { kind: 'sqlite', filename: file },
): Promise<string[]> {
  const db = openDatabase(database);
  await migrateToLatest(db);
  const now = formatMicros(Date.now() * 1000);
  const box = createSecretBox(Buffer.from(BENCH_SECRETS_KEY, 'hex'));
  const shared = randomUUID();
  const connection = (id: string, name: string, credentials?: SalesforceCredentials) => {
    const sealed = credentials ? sealSalesforceCredentials(box, id, credentials) : undefined;
    return {
      id,
      domain_id: BENCH_DOMAIN,
      name,
      cloud: 'sfdc' as const,
      settings: sealed?.settings ?? '{}',
      sealed_secret: sealed?.sealedSecret ?? null,
      created_at: now,
      updated_at: now,
    };
  };
  if (!cloud) await db.insertInto('connections').values(connection(shared, 'bench-connection')).execute();
  const ids: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const indexes = Array.from({ length: Math.min(500, count - start) }, (_, i) => start + i);
    const connectionIds = indexes.map(() => (cloud ? randomUUID() : shared));
    if (cloud) {
      await db
        .insertInto('connections')
        .values(
          indexes.map((index, i) =>
            connection(connectionIds[i] as string, `bench-connection-${index}`, cloud.credentials(index)),
          ),
        )
        .execute();
    }
    const rows = indexes.map((index, i) => {
      const id = randomUUID();
      ids.push(id);
      return {
        id,
        domain_id: BENCH_DOMAIN,
        name: `bench org ${index}`,
        organization_id: cloud?.organizationIds[index] ?? `00D${String(index).padStart(15, '0')}`,
        connection_id: connectionIds[i] as string,
        type: 'Regular' as const,
        account: 'kylo:kylo:admin:accounts:kylo',
        application: 'ncryptify:gemalto:admin:apps:kylo',
        dev_account: 'ncryptify:gemalto:admin:accounts:gemalto',
        created_at: now,
        updated_at: now,
      };
    });
    await db.insertInto('sfdc_organizations').values(rows).execute();
  }
  await db.destroy();
  return ids;
}

export interface StartedServer {
  process: Pinned;
  url: string;
  startupMs: number;
}

export async function startCckmServer(options: {
  core: number;
  port: number;
  file: string;
  /** Instead of the SQLite file: a PostgreSQL URL. */
  databaseUrl?: string;
  validateResponses: boolean;
  nodeArgs?: string[];
  env?: Record<string, string>;
}): Promise<StartedServer> {
  const since = performance.now();
  const process = spawnPinned(
    options.core,
    globalThis.process.execPath,
    [...(options.nodeArgs ?? []), MAIN],
    {
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl ?? `sqlite:${options.file}`,
      JWT_SECRET: BENCH_SECRET,
      VALIDATE_RESPONSES: String(options.validateResponses),
      DEMO_DATA: 'false',
      CONNECTION_SECRETS_KEY: BENCH_SECRETS_KEY,
      LOG_LEVEL: 'info',
      JOB_POLL_MS: '1000',
      ...options.env,
    },
  );
  const url = `http://127.0.0.1:${options.port}/api`;
  const startupMs = await untilOk(
    `${url}/v1/cckm/sfdc/keys/synchronization-jobs`,
    { Authorization: `Bearer ${await benchToken()}` },
    since,
  );
  return { process, url, startupMs };
}
