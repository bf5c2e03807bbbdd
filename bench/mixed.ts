// Part 5: a mixed workload, what dashboards of several tenants send: 1,000 distinct list URLs
// (filters, sort keys, pages, limits 10 to 500, four domains, each with its own token) asked in
// turn at 32 connections while jobs are created at 50/s across the domains and run (so versions
// move and cached pages go stale). Our server (page cache on, as shipped; and off), bare Express
// serving the same 1,000 bodies from memory (serialised per request, like res.json), and Prism on
// the same URLs, each under the same job creation. Interleaved rounds, medians; servers on core 0,
// the GET load on core 1, job creation from this process.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrism } from '@cckm/mock';
import { formatMicros, migrateToLatest, mintToken, openDatabase } from '@cckm/server';
import { BENCH_SECRET, startCckmServer } from './lib/cckm-server.ts';
import { runLoad } from './lib/load.ts';
import { freePort } from './lib/ports.ts';
import { cpuMicros, spawnPinned, untilOk, untilQuiet } from './lib/processes.ts';
import { fixed, median, table } from './lib/table.ts';

const PATH = '/v1/cckm/sfdc/keys/synchronization-jobs';
const DOMAINS = 4;
const ORGANIZATIONS_PER_DOMAIN = 200;
const JOBS_PER_DOMAIN = 2_500;
const URLS = 1_000;
const JOBS_PER_SECOND = 50;
/** Limits as dashboards ask them: mostly small pages, some large ones (the largest 500). */
const LIMITS = [10, 10, 10, 20, 25, 25, 50, 50, 100, 200, 500];
const SORTS = ['', '-createdAt', 'createdAt', '-updatedAt', 'overall_status,-createdAt', '-completed_at'];
const STATUSES = ['', '', '', 'completed', 'failed', 'in_progress'];

export interface MixedFigures {
  rps: number;
  p99: number;
  non2xx: number;
  cpuPerRequest: number;
}

export interface MixedResult {
  markdown: string;
  /** By target name (see MIXED_NAMES). */
  figures: Record<string, MixedFigures>;
}

export const MIXED_NAMES = {
  cached: 'cckm server, page cache on (response validation off)',
  uncached: 'cckm server, page cache off (response validation off)',
  express: 'Express 5, the same 1,000 bodies from memory',
  prism: 'Prism mock, -v warn',
};

interface Caller {
  domainId: string;
  token: string;
  organizations: { id: string; key: string }[];
}

/** A small deterministic generator, so every run asks the same URLs. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Organizations and finished jobs in four domains, written straight into a fresh database. */
export async function seedMixed(file: string): Promise<Caller[]> {
  const db = openDatabase({ kind: 'sqlite', filename: file });
  await migrateToLatest(db);
  const callers: Caller[] = [];
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let d = 0; d < DOMAINS; d += 1) {
    const domainId = randomUUID();
    const connection = randomUUID();
    const now = formatMicros(base * 1000);
    await db
      .insertInto('connections')
      .values({
        id: connection,
        domain_id: domainId,
        name: `mixed-${d}`,
        cloud: 'sfdc',
        settings: '{}',
        sealed_secret: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const organizations = Array.from({ length: ORGANIZATIONS_PER_DOMAIN }, (_, i) => ({
      id: randomUUID(),
      key: `00D${String(d).padStart(3, '0')}${String(i).padStart(12, '0')}`,
    }));
    for (let i = 0; i < organizations.length; i += 250)
      await db
        .insertInto('sfdc_organizations')
        .values(
          organizations.slice(i, i + 250).map((organization, j) => ({
            id: organization.id,
            domain_id: domainId,
            name: `mixed org ${d}-${i + j}`,
            organization_id: organization.key,
            connection_id: connection,
            type: 'Regular' as const,
            account: 'kylo:kylo:admin:accounts:kylo',
            application: 'ncryptify:gemalto:admin:apps:kylo',
            dev_account: 'ncryptify:gemalto:admin:accounts:gemalto',
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    await db.transaction().execute(async (trx) => {
      const counts = new Map<string, number>();
      for (let start = 0; start < JOBS_PER_DOMAIN; start += 250) {
        const jobs = [];
        const targets = [];
        for (let n = start; n < Math.min(JOBS_PER_DOMAIN, start + 250); n += 1) {
          const id = randomUUID();
          const created = formatMicros((base + n * 60_000) * 1000);
          const finished = formatMicros((base + n * 60_000 + 5_000) * 1000);
          const status = n % 10 === 0 ? ('failed' as const) : ('completed' as const);
          counts.set(status, (counts.get(status) ?? 0) + 1);
          jobs.push({
            id,
            domain_id: domainId,
            cloud: 'sfdc' as const,
            overall_status: status,
            abort: 0,
            account: 'kylo:kylo:admin:accounts:kylo',
            application: 'ncryptify:gemalto:admin:apps:kylo',
            dev_account: 'ncryptify:gemalto:admin:accounts:gemalto',
            created_by: 'bench',
            created_at: created,
            updated_at: finished,
            completed_at: finished,
            lease_owner: null,
            lease_expires_at: null,
            attempts: 1,
            revision: 2,
          });
          // One to three organizations a job; every fifth names them all again a minute later.
          const width = 1 + (n % 3);
          for (let position = 0; position < width; position += 1) {
            const organization = organizations[
              (n * 7 + position) % organizations.length
            ] as Caller['organizations'][0];
            targets.push({
              job_id: id,
              position,
              target_id: organization.id,
              target_key: organization.key,
              state: status === 'failed' && position === 0 ? ('failed' as const) : ('succeeded' as const),
              message:
                status === 'failed' && position === 0
                  ? 'INVALID_SESSION_ID'
                  : 'synchronized 20 tenant secrets',
              active: 0,
              domain_id: domainId,
              cloud: 'sfdc' as const,
              created_at: created,
            });
          }
        }
        await trx.insertInto('sync_jobs').values(jobs).execute();
        for (let i = 0; i < targets.length; i += 300)
          await trx
            .insertInto('sync_job_targets')
            .values(targets.slice(i, i + 300))
            .execute();
      }
      for (const [status, n] of counts)
        await trx
          .insertInto('sync_job_counts')
          .values({ domain_id: domainId, cloud: 'sfdc', overall_status: status as 'completed', n })
          .execute();
    });
    const token = await mintToken(BENCH_SECRET, { domainId, groups: ['admin'], ttlSeconds: 6 * 3600 });
    callers.push({ domainId, token, organizations });
  }
  await db.destroy();
  return callers;
}

/** 1,000 distinct URLs over the callers: filters, sorts, pages and limits drawn at random (seeded). */
export function mixedUrls(callers: Caller[]): { path: string; headers: Record<string, string> }[] {
  const random = generator(25);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const seen = new Set<string>();
  const chosen: { path: string; headers: Record<string, string> }[] = [];
  while (chosen.length < URLS) {
    const caller = pick(callers);
    const limit = pick(LIMITS);
    const parameters = new URLSearchParams();
    const status = pick(STATUSES);
    if (status) parameters.set('overall_status', status);
    if (random() < 0.2) {
      const organizations = [pick(caller.organizations), pick(caller.organizations)].slice(
        0,
        random() < 0.5 ? 1 : 2,
      );
      parameters.set('organizations', organizations.map((o) => (random() < 0.5 ? o.id : o.key)).join(','));
    }
    const sort = pick(SORTS);
    if (sort) parameters.set('sort', sort);
    // Mostly the first pages; now and then one further on.
    const page = random() < 0.7 ? 0 : Math.floor(random() * 5);
    if (page > 0) parameters.set('skip', String(page * limit));
    parameters.set('limit', String(limit));
    const path = `/api${PATH}?${parameters.toString().replaceAll('%2C', ',')}`;
    const key = `${caller.domainId} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push({ path, headers: { Authorization: `Bearer ${caller.token}` } });
  }
  return chosen;
}

interface Target {
  name: string;
  origin: string;
  pid: number;
  /** A job creation request for this target. */
  post: (n: number) => { headers: Record<string, string>; body: string };
  stop(): Promise<void>;
}

export async function measureMixed(options: {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  directory: string;
}): Promise<MixedResult> {
  const file = join(options.directory, 'mixed.sqlite');
  const callers = await seedMixed(file);
  const requests = mixedUrls(callers);
  const targets: Target[] = [];
  // Our server names one organization a job, in turn across the domains and their organizations.
  const ourPost = (n: number) => {
    const caller = callers[n % callers.length] as Caller;
    const organization = caller.organizations[Math.floor(n / callers.length) % caller.organizations.length];
    return {
      headers: { Authorization: `Bearer ${caller.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization_ids: [organization?.id] }),
    };
  };
  const otherPost = (n: number) => ({
    headers: {
      Authorization: `Bearer ${(callers[n % callers.length] as Caller).token}`,
      'Content-Type': 'application/json',
    },
    body: '{"synchronize_all":true}',
  });
  let pageBytes = 0;
  try {
    for (const [name, pages] of [
      [MIXED_NAMES.cached, undefined],
      [MIXED_NAMES.uncached, '0'],
    ] as const) {
      const server = await startCckmServer({
        core: 0,
        port: await freePort(),
        file,
        validateResponses: false,
        env: { LOG_LEVEL: 'warn', ...(pages === undefined ? {} : { LIST_PAGE_CACHE_PAGES: pages }) },
      });
      targets.push({
        name,
        origin: server.url.replace(/\/api$/, ''),
        pid: server.process.pid,
        post: ourPost,
        stop: server.process.stop,
      });
    }
    // The bodies as our server answers them now, for bare Express to serve from memory.
    const first = targets[0] as Target;
    const bodies: Record<string, string> = {};
    for (const request of requests) {
      const response = await fetch(`${first.origin}${request.path}`, { headers: request.headers });
      const body = await response.text();
      if (response.status !== 200)
        throw new Error(`mixed workload: ${request.path} answered ${response.status}: ${body}`);
      bodies[`${request.headers.Authorization}\n${request.path}`] = body;
      pageBytes += Buffer.byteLength(body);
    }
    const pagesFile = join(options.directory, 'mixed-pages.json');
    const jobFile = join(options.directory, 'mixed-job.json');
    await writeFile(pagesFile, JSON.stringify(bodies));
    await writeFile(
      jobFile,
      JSON.stringify(JSON.parse(Object.values(bodies)[0] as string).resources[0] ?? {}),
    );
    const port = await freePort();
    const express = spawnPinned(
      0,
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('servers/bare-express-pages.ts', import.meta.url))],
      { PORT: String(port), PAGES_FILE: pagesFile, JOB_BODY_FILE: jobFile },
    );
    const [probe] = requests as [(typeof requests)[0]];
    await untilOk(`http://127.0.0.1:${port}${probe.path}`, probe.headers, performance.now());
    targets.push({
      name: MIXED_NAMES.express,
      origin: `http://127.0.0.1:${port}`,
      pid: express.pid,
      post: otherPost,
      stop: express.stop,
    });
    const prism = await startPrism({
      mode: 'mock',
      logLevel: 'warn',
      launcher: ['taskset', '-c', '0'],
      port: await freePort(),
    });
    await untilOk(`${prism.url}${PATH}`, { Authorization: `Bearer ${callers[0]?.token}` }, performance.now());
    targets.push({
      name: MIXED_NAMES.prism,
      origin: prism.origin,
      pid: prism.pid,
      post: otherPost,
      stop: prism.close,
    });

    /** The GET load over every URL, with jobs created at the given rate meanwhile. */
    const run = async (target: Target, seconds: number) => {
      let created = 0;
      let refused = 0;
      let n = 0;
      const writes: Promise<void>[] = [];
      const timer = setInterval(() => {
        const { headers, body } = target.post(n);
        n += 1;
        writes.push(
          fetch(`${target.origin}/api${PATH}`, { method: 'POST', headers, body })
            .then(async (response) => {
              await response.arrayBuffer();
              if (response.status === 201) created += 1;
              else refused += 1;
            })
            .catch(() => {
              refused += 1;
            }),
        );
      }, 1000 / JOBS_PER_SECOND);
      const before = cpuMicros(target.pid);
      const started = performance.now();
      try {
        const result = await runLoad(1, {
          url: `${target.origin}/api${PATH}`,
          method: 'GET',
          headers: {},
          paths: requests,
          connections: options.connections,
          durationSeconds: seconds,
        });
        // The load process starts (a second or so) before its timed seconds: rates over the whole time.
        const elapsedSeconds = (performance.now() - started) / 1000;
        return {
          ...result,
          createdPerSecond: created / elapsedSeconds,
          refused,
          cpuPerRequest: (cpuMicros(target.pid) - before) / result.requests,
        };
      } finally {
        clearInterval(timer);
        await Promise.all(writes);
      }
    };

    const everyPid = targets.map((target) => target.pid);
    for (const target of targets) {
      await untilQuiet(everyPid);
      if (options.warmupSeconds > 0) await run(target, options.warmupSeconds);
    }
    const samples = new Map<string, Awaited<ReturnType<typeof run>>[]>();
    for (let round = 0; round < options.rounds; round += 1) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
      for (const target of order) {
        await untilQuiet(everyPid);
        samples.set(target.name, [...(samples.get(target.name) ?? []), await run(target, options.seconds)]);
      }
    }
    const figures: Record<string, MixedFigures> = {};
    for (const target of targets) {
      const list = samples.get(target.name) ?? [];
      figures[target.name] = {
        rps: median(list.map((s) => s.rps)),
        p99: median(list.map((s) => s.p99)),
        non2xx: list.reduce((sum, s) => sum + s.non2xx, 0),
        cpuPerRequest: median(list.map((s) => s.cpuPerRequest)),
      };
    }
    const express0 = figures[MIXED_NAMES.express]?.rps ?? Number.NaN;
    const prism0 = figures[MIXED_NAMES.prism]?.rps ?? Number.NaN;
    const rows = targets.map((target) => {
      const f = figures[target.name] as MixedFigures;
      const list = samples.get(target.name) ?? [];
      return [
        target.name,
        fixed(f.rps),
        fixed(f.p99, 1),
        fixed(f.rps / express0, 2),
        fixed(f.rps / prism0, 2),
        fixed(f.cpuPerRequest),
        f.non2xx,
        `${fixed(median(list.map((s) => s.createdPerSecond)))} / ${list.reduce((sum, s) => sum + s.refused, 0)}`,
      ];
    });
    return {
      figures,
      markdown: table(
        `Mixed workload: ${fixed(URLS)} distinct list URLs in turn (${DOMAINS} domains, limits 10–500, filters, sorts, pages) at ${options.connections} connections, jobs created at ${JOBS_PER_SECOND}/s meanwhile; medians of ${options.rounds} interleaved ${options.seconds} s rounds`,
        [
          'server',
          'GET req/s',
          'p99 ms',
          '× Express',
          '× Prism -v warn',
          'server CPU µs/req',
          'non-2xx',
          'jobs created/s / refused',
        ],
        rows,
        `Each domain holds ${fixed(JOBS_PER_DOMAIN)} finished jobs of one to three of its ${ORGANIZATIONS_PER_DOMAIN} organizations; the URLs' bodies come to ${fixed(pageBytes / 1_048_576, 1)} MiB (${fixed(pageBytes / URLS / 1024, 1)} KiB on average). Job creation names one organization, in turn across domains, so every domain's list version moves several times a second; the runners then run each job (it fails: the bench's connections have no credentials) on the same core. Bare Express and Prism get the same POSTs (they store nothing). Prism answers its examples whatever the query, not the same bodies. Every run starts once the servers are idle. Server CPU per request includes running the jobs.`,
      ),
    };
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
  }
}
