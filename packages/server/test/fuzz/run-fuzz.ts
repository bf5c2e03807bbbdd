// Runs fuzz families against a server started in-process (startTestServer: sandbox clouds, demo
// data, response validation on) on SQLite in memory or on a throwaway PostgreSQL database.
// Cases come from `fc.sample` with a fixed seed per family, in batches, and are all sent and
// tallied rather than stopping at the first failure: an HTTP round trip is too costly to shrink,
// and the report that helps is every kind of violation with a reproduction of each.
// Used by the vitest suite (a bounded slice) and by `scripts/fuzz.ts` (long runs).
import fc from 'fast-check';
import { DEMO_DOMAIN_ID, mintToken } from '../../src/index.ts';
import { startTestServer, type TestServer } from '../helpers.ts';
import { createScratchDatabase } from '../scratch-postgres.ts';
import type { Family, FuzzTokens } from './families.ts';
import { emptyTally, record, type Tally } from './property.ts';
import { type FuzzRequest, type RawHttp, rawHttp } from './raw-http.ts';

export type FuzzDatabase = 'sqlite' | 'postgres';

/** The seed of `pnpm test`'s slice; `scripts/fuzz.ts --seed` picks another. */
export const DEFAULT_SEED = 20_261_125;

export interface FuzzTarget {
  database: FuzzDatabase;
  server: TestServer;
  http: RawHttp;
  tokens: FuzzTokens;
  /** Status of `GET /readyz` (outside the API root). */
  readyz(): Promise<number>;
  /** The server's metrics as its metrics listener would answer them (labels must stay bounded). */
  metrics(): Promise<string>;
  close(): Promise<void>;
}

function unsignedToken(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

export async function startFuzzTarget(database: FuzzDatabase): Promise<FuzzTarget> {
  const scratch = database === 'postgres' ? await createScratchDatabase('cckm_fuzz') : undefined;
  // Metrics on, as `pnpm start` has them: what the fuzzing sends must not grow their label sets.
  const environment: Record<string, string> = {
    METRICS_PORT: '0',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  };
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
    async metrics() {
      const metrics = server.runtime.metrics;
      if (!metrics) throw new Error('the fuzz target runs with METRICS_PORT set');
      return metrics.registry.metrics();
    },
    async close() {
      http.close();
      await server.close();
      await scratch?.drop();
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
  /** Called when a batch's cases are drawn, before they are sent (drawing them blocks this loop). */
  onSending?: () => void;
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
    options.onSending?.();
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
