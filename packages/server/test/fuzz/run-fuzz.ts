// Runs fuzz families against a server started in-process (startTestServer: sandbox clouds, demo
// data, response validation on) on SQLite in memory or on a throwaway PostgreSQL database.
// Cases come from `fc.sample` with a fixed seed per family, in batches, and are all sent and
// tallied rather than stopping at the first failure: an HTTP round trip is too costly to shrink,
// and the report that helps is every kind of violation with a reproduction of each.
// Used by the vitest suite (a bounded slice) and by `scripts/fuzz.ts` (long runs).
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { DEMO_DOMAIN_ID, mintToken } from '../../src/index.ts';
import { startTestServer, type TestServer } from '../helpers.ts';
import type { Family, FuzzTokens } from './families.ts';
import { emptyTally, record, type Tally } from './property.ts';
import { type FuzzRequest, type RawHttp, rawHttp } from './raw-http.ts';

export type FuzzDatabase = 'sqlite' | 'postgres';

/** The seed of `pnpm test`'s slice; `scripts/fuzz.ts --seed` picks another. */
export const DEFAULT_SEED = 20_261_125;

/** Where throwaway PostgreSQL databases are created (as in test/postgres.test.ts). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

export interface FuzzTarget {
  database: FuzzDatabase;
  server: TestServer;
  http: RawHttp;
  tokens: FuzzTokens;
  /** Status of `GET /readyz` (outside the API root). */
  readyz(): Promise<number>;
  close(): Promise<void>;
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function unsignedToken(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

export async function startFuzzTarget(database: FuzzDatabase): Promise<FuzzTarget> {
  let databaseName: string | undefined;
  const environment: Record<string, string> = {};
  if (database === 'postgres') {
    databaseName = `cckm_fuzz_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${databaseName}`);
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${databaseName}`;
    environment.DATABASE_URL = url.toString();
  }
  const server = await startTestServer(environment);
  const now = Math.floor(Date.now() / 1000);
  const tokens: FuzzTokens = {
    admin: await server.token(),
    refused: [
      undefined,
      'Bearer garbage',
      'Bearer a.b.c',
      'Bearer',
      'Basic YWRtaW46YWRtaW4=',
      'Token abc',
      `Bearer ${await server.token({ ttlSeconds: -3_600 })}`,
      `Bearer ${await mintToken('another-secret-another-secret-another-secret', { domainId: DEMO_DOMAIN_ID, groups: ['admin'] })}`,
      `Bearer ${unsignedToken({ sub: 'x', exp: now + 600, cust: { domain_id: DEMO_DOMAIN_ID, groups: ['admin'] } })}`,
    ],
  };
  const http = rawHttp(server.baseUrl);
  const origin = new URL(server.baseUrl).origin;
  return {
    database,
    server,
    http,
    tokens,
    async readyz() {
      return (await fetch(`${origin}/readyz`)).status;
    },
    async close() {
      http.close();
      await server.close();
      if (databaseName) await adminQuery(`DROP DATABASE IF EXISTS ${databaseName}`);
    },
  };
}

/** A family's own seed, derived from the run's seed, so families do not share case streams. */
export function familySeed(seed: number, family: Family): number {
  let hash = 2_166_136_261;
  for (const char of family.name) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619);
  return (seed ^ hash) >>> 0;
}

export interface RunOptions {
  seed?: number;
  cases?: number;
  concurrency?: number;
  /** Called after each batch (for progress output). */
  onBatch?: (done: number, tally: Tally) => void;
}

const BATCH = 200;

/** Sends `cases` requests of one family and tallies what came back. */
export async function runFamily(
  target: FuzzTarget,
  family: Family,
  options: RunOptions = {},
): Promise<Tally> {
  const cases = options.cases ?? family.cases;
  const seed = familySeed(options.seed ?? DEFAULT_SEED, family);
  const concurrency = options.concurrency ?? 4;
  const arbitrary = family.arbitrary(target.tokens);
  const tally = emptyTally();
  for (let done = 0, batch = 0; done < cases; batch += 1) {
    const size = Math.min(BATCH, cases - done);
    const requests = fc.sample(arbitrary, { seed: (seed + batch * 7_919) >>> 0, numRuns: size });
    await inParallel(requests, concurrency, async (request: FuzzRequest) => {
      record(tally, request, await target.http.send(request, family.timeoutMs));
    });
    done += size;
    options.onBatch?.(done, tally);
  }
  return tally;
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
