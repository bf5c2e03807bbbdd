// Part 1: throughput and latency of GET list (limit 10) and POST job creation, interleaved rounds,
// medians: node:http and bare Express (ceilings), our server (response validation off / on; and,
// GET only, with the page cache off, and a poller's If-None-Match of the unchanged page), and
// Prism (default logging / fastest). Servers on core 0, autocannon on core 1.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrism } from '@cckm/mock';
import { benchToken, type StartedServer, seedOrganizations, startCckmServer } from './lib/cckm-server.ts';
import { runLoad } from './lib/load.ts';
import { freePort } from './lib/ports.ts';
import { createScratchDatabase } from './lib/postgres.ts';
import { cpuMicros, rssMegabytes, spawnPinned, untilOk, untilQuiet } from './lib/processes.ts';
import { fixed, median, table } from './lib/table.ts';

const SERVER_CORE = 0;
const LOAD_CORE = 1;
const PATH = '/v1/cckm/sfdc/keys/synchronization-jobs';

interface Target {
  name: string;
  url: string;
  /** Several instances sharing the load (the connections split evenly); `url` is the first. */
  urls?: string[];
  pid: number;
  /** Every process of the target, for CPU and memory. */
  pids?: number[];
  startupMs: number;
  /** Bodies for POST: a template with $ID and the IDs to use, or a fixed body. */
  postBody: string;
  postIds?: () => string[];
  /** The methods measured (both unless said). */
  methods?: readonly ('GET' | 'POST')[];
  /** Headers of its own for each GET run, made just before it (the page's tag at that moment). */
  getHeaders?: () => Promise<Record<string, string>>;
  stop(): Promise<void>;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  non2xx: number;
}

export interface TargetFigures {
  getRps: number;
  getP99: number;
  postRps: number;
  postNon2xx: number;
  startupMs: number;
  rssMb: number;
}

export interface ThroughputResult {
  markdown: string;
  getRatios: Record<string, number>;
  cpuPerGet: Record<string, number>;
  /** By target name (see TARGET_NAMES). */
  figures: Record<string, TargetFigures>;
}

export const TARGET_NAMES = {
  off: 'cckm server, response validation off',
  on: 'cckm server, response validation on',
  uncachedOff: 'cckm server, page cache off, response validation off',
  uncachedOn: 'cckm server, page cache off, response validation on',
  notModified: 'cckm server, If-None-Match of the unchanged page (304)',
  postgres: 'cckm server ×2 on one PostgreSQL, response validation off',
  express: 'Express 5, canned JSON',
  expressBorn: 'Express 5, canned JSON, messages born with its prototypes',
  prismWarn: 'Prism mock, -v warn',
};

export async function measureThroughput(options: {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  directory: string;
  /** An admin URL of a PostgreSQL server: adds two instances sharing a fresh database. */
  postgresAdminUrl?: string;
  /**
   * The reference rows no target is set against (node:http, the Express whose messages are born
   * with its prototypes, Prism with default logging); the quick run, which proves the harness,
   * leaves them out. On unless false.
   */
  references?: boolean;
}) {
  const references = options.references !== false;
  const token = await benchToken();
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const perRound = Math.ceil(options.seconds * 9_000);
  const dbFile = join(options.directory, 'throughput.sqlite');
  const organizations = await seedOrganizations(dbFile, (options.rounds + 1) * 2 * perRound + perRound);
  let nextOrganization = 0;
  const takeOrganizations = () => {
    const slice = organizations.slice(nextOrganization, nextOrganization + perRound);
    nextOrganization += perRound;
    return slice;
  };
  const targets: Target[] = [];
  try {
    for (const validateResponses of [false, true]) {
      const server = await startCckmServer({
        core: SERVER_CORE,
        port: await freePort(),
        file: dbFile,
        validateResponses,
      });
      targets.push({
        name: `cckm server, response validation ${validateResponses ? 'on' : 'off'}`,
        url: server.url,
        pid: server.process.pid,
        startupMs: server.startupMs,
        postBody: '{"organization_ids":["$ID"]}',
        postIds: takeOrganizations,
        stop: server.process.stop,
      });
    }
    // GET only: with the page cache off, every GET builds its page (the path under the cache).
    for (const validateResponses of [false, true]) {
      const server = await startCckmServer({
        core: SERVER_CORE,
        port: await freePort(),
        file: dbFile,
        validateResponses,
        env: { LIST_PAGE_CACHE_PAGES: '0' },
      });
      targets.push({
        name: validateResponses ? TARGET_NAMES.uncachedOn : TARGET_NAMES.uncachedOff,
        url: server.url,
        pid: server.process.pid,
        startupMs: server.startupMs,
        postBody: '',
        methods: ['GET'],
        stop: server.process.stop,
      });
    }
    if (options.postgresAdminUrl)
      // One slice per instance per POST run (warm-up and rounds), and one for the listed jobs.
      targets.push(await startPostgresPair(options.postgresAdminUrl, perRound, 2 * (options.rounds + 1) + 1));
    // Ten jobs for the list to return, and the canned bodies for the bare servers.
    const [first] = targets as [Target];
    for (const id of takeOrganizations().slice(0, 10)) {
      await fetch(`${first.url}${PATH}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ organization_ids: [id] }),
      });
    }
    // The PostgreSQL pair lists ten jobs of its own.
    for (const target of targets.filter((each) => each.urls)) {
      for (const id of (target.postIds?.() ?? []).slice(0, 10)) {
        await fetch(`${target.url}${PATH}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ organization_ids: [id] }),
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const listBody = await (await fetch(`${first.url}${PATH}?limit=10`, { headers })).text();
    const jobBody = JSON.stringify((JSON.parse(listBody) as { resources: unknown[] }).resources[0]);
    // A poller of the same page as the first server's GET rows, sending the tag it was last given
    // (read again before each run: the POST runs change the page).
    targets.splice(1, 0, {
      name: TARGET_NAMES.notModified,
      url: first.url,
      pid: first.pid,
      startupMs: first.startupMs,
      postBody: '',
      methods: ['GET'],
      getHeaders: async () => {
        const response = await fetch(`${first.url}${PATH}?limit=10`, { headers });
        await response.arrayBuffer();
        const etag = response.headers.get('etag');
        if (!etag) throw new Error('the list answered without an ETag');
        return { 'If-None-Match': etag };
      },
      stop: async () => {},
    });
    const listFile = join(options.directory, 'list.json');
    const jobFile = join(options.directory, 'job.json');
    await writeFile(listFile, listBody);
    await writeFile(jobFile, jobBody);

    for (const [name, script, bornWithPrototypes] of [
      ...(references
        ? ([
            ['node:http (ceiling)', 'servers/bare-node.ts', '0'],
            [TARGET_NAMES.expressBorn, 'servers/bare-express.ts', '1'],
          ] as const)
        : []),
      [TARGET_NAMES.express, 'servers/bare-express.ts', '0'],
    ] as const) {
      const port = await freePort();
      const since = performance.now();
      const child = spawnPinned(
        SERVER_CORE,
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))],
        {
          PORT: String(port),
          LIST_BODY_FILE: listFile,
          JOB_BODY_FILE: jobFile,
          BORN_WITH_PROTOTYPES: bornWithPrototypes,
        },
      );
      const url = `http://127.0.0.1:${port}/api`;
      const startupMs = await untilOk(`${url}${PATH}`, {}, since);
      targets.unshift({
        name,
        url,
        pid: child.pid,
        startupMs,
        postBody: '{"synchronize_all":true}',
        stop: child.stop,
      });
    }
    for (const [name, logLevel] of [
      ...(references ? ([['Prism mock, default logging', 'info']] as const) : []),
      ['Prism mock, -v warn', 'warn'],
    ] as const) {
      const since = performance.now();
      const prism = await startPrism({
        mode: 'mock',
        logLevel,
        launcher: ['taskset', '-c', String(SERVER_CORE)],
        port: await freePort(),
      });
      const startupMs = await untilOk(`${prism.url}${PATH}`, { Authorization: `Bearer ${token}` }, since);
      targets.push({
        name,
        url: prism.url,
        pid: prism.pid,
        startupMs,
        postBody: '{"synchronize_all":true}',
        stop: prism.close,
      });
    }

    const loadOne = (
      target: Target,
      url: string,
      connections: number,
      method: 'GET' | 'POST',
      durationSeconds: number,
      extraHeaders: Record<string, string>,
    ) =>
      runLoad(LOAD_CORE, {
        url: method === 'GET' ? `${url}${PATH}?limit=10` : `${url}${PATH}`,
        method,
        headers: { ...headers, ...extraHeaders },
        connections,
        durationSeconds,
        ...(method === 'POST'
          ? { body: target.postBody, ...(target.postIds ? { ids: target.postIds() } : {}) }
          : {}),
      });
    /** One load, or one per instance at once (connections split), added up. */
    const load = async (target: Target, method: 'GET' | 'POST', durationSeconds: number) => {
      const urls = target.urls ?? [target.url];
      const share = Math.ceil(options.connections / urls.length);
      const extraHeaders = method === 'GET' && target.getHeaders ? await target.getHeaders() : {};
      const results = await Promise.all(
        urls.map((url) => loadOne(target, url, share, method, durationSeconds, extraHeaders)),
      );
      return {
        requests: results.reduce((sum, r) => sum + r.requests, 0),
        rps: results.reduce((sum, r) => sum + r.rps, 0),
        p50: Math.max(...results.map((r) => r.p50)),
        p99: Math.max(...results.map((r) => r.p99)),
        non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
        errors: results.reduce((sum, r) => sum + r.errors, 0),
      };
    };
    const cpuOf = (target: Target) =>
      (target.pids ?? [target.pid]).reduce((sum, pid) => sum + cpuMicros(pid), 0);
    // Each run starts on an idle server core: after a POST run the job runners still work through
    // the jobs it queued, and a run measured meanwhile would share the core with them.
    const everyPid = [...new Set(targets.flatMap((target) => target.pids ?? [target.pid]))];
    const measures = (target: Target, method: 'GET' | 'POST') =>
      (target.methods ?? ['GET', 'POST']).includes(method);
    let longestQuietWaitMs = 0;
    const quiet = async () => {
      const waited = await untilQuiet(everyPid);
      longestQuietWaitMs = Math.max(longestQuietWaitMs, waited);
    };
    // Warm-up: one unmeasured run per target and method, so the JIT has compiled the hot paths
    // (none in a quick run, whose figures prove the harness, not the server).
    for (const target of options.warmupSeconds > 0 ? targets : []) {
      for (const method of ['GET', 'POST'] as const) {
        if (!measures(target, method)) continue;
        await quiet();
        await load(target, method, options.warmupSeconds);
      }
    }
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < options.rounds; round += 1) {
      // Rotate the order each round so no target always runs on a cooler (or hotter) machine.
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
      for (const method of ['GET', 'POST'] as const) {
        for (const target of order) {
          if (!measures(target, method)) continue;
          await quiet();
          const before = cpuOf(target);
          const result = await load(target, method, options.seconds);
          const cpu = cpuOf(target) - before;
          const key = `${method} ${target.name}`;
          samples.set(key, [
            ...(samples.get(key) ?? []),
            {
              rps: result.rps,
              p50: result.p50,
              p99: result.p99,
              cpuPerRequest: cpu / Math.max(1, result.requests),
              non2xx: result.non2xx,
            },
          ]);
        }
      }
    }

    const summary = (key: string) => {
      const list = samples.get(key) ?? [];
      return {
        rps: median(list.map((s) => s.rps)),
        p50: median(list.map((s) => s.p50)),
        p99: median(list.map((s) => s.p99)),
        cpu: median(list.map((s) => s.cpuPerRequest)),
        non2xx: list.reduce((sum, s) => sum + s.non2xx, 0),
      };
    };
    const rss = new Map(
      targets.map((target) => [
        target.name,
        Math.max(...(target.pids ?? [target.pid]).map((pid) => rssMegabytes(pid))),
      ]),
    );
    const getRatios: Record<string, number> = {};
    const cpuPerGet: Record<string, number> = {};
    const sections: string[] = [];
    for (const method of ['GET', 'POST'] as const) {
      const express = summary(`${method} ${TARGET_NAMES.express}`).rps;
      const expressBorn = summary(`${method} ${TARGET_NAMES.expressBorn}`).rps;
      const ours = summary(`${method} ${TARGET_NAMES.off}`).rps;
      const againstBorn = `× Express is against the Express app as usually built; against the same app whose server makes its messages with Express's prototypes (as ours does, http/http-server.ts), our server (validation off) makes ${fixed(ours / expressBorn, 2)}.`;
      const prismDefault = summary(`${method} Prism mock, default logging`).rps;
      const prismFast = summary(`${method} Prism mock, -v warn`).rps;
      const rows = targets
        .filter((target) => measures(target, method))
        .map((target) => {
          const s = summary(`${method} ${target.name}`);
          if (method === 'GET') {
            getRatios[target.name] = s.rps / express;
            cpuPerGet[target.name] = s.cpu;
          }
          return [
            target.name,
            fixed(s.rps),
            fixed(s.p50, 1),
            fixed(s.p99, 1),
            fixed(s.rps / express, 2),
            fixed(s.rps / prismDefault, 2),
            fixed(s.rps / prismFast, 2),
            fixed(s.cpu),
            s.non2xx,
            ...(method === 'GET' ? [fixed(target.startupMs), fixed(rss.get(target.name) ?? 0)] : []),
          ];
        });
      sections.push(
        table(
          `${method} ${method === 'GET' ? 'list (limit 10)' : 'job creation'}: ${options.connections} connections, medians of ${options.rounds} interleaved ${options.seconds} s rounds`,
          [
            'server',
            'req/s',
            'p50 ms',
            'p99 ms',
            '× Express',
            '× Prism default',
            '× Prism -v warn',
            'server CPU µs/req',
            'non-2xx',
            ...(method === 'GET' ? ['start-up to first 200, ms', 'RSS after load, MB'] : []),
          ],
          rows,
          method === 'POST'
            ? `Each run started once every server process had used under 5% of a core for half a second (the longest wait this run: ${fixed(longestQuietWaitMs / 1000, 1)} s). Our server commits each job (job row + target row, SQLite WAL, synchronous=FULL; or PostgreSQL) before its 201, the requests that arrive together in one transaction (group commit); its job runner then runs the jobs on the same core. Prism and the bare servers store nothing. The PostgreSQL row is two instances, each pinned to the server core, sharing the load. ${againstBorn}`
            : `Prism serves the contract's example (2 jobs); the other servers serve 10 jobs. The If-None-Match row is the first server asked for the same page with the tag it answered last (its non-2xx are its 304s). The page-cache-off rows build every page anew. ${againstBorn}`,
        ),
      );
    }
    const figures: Record<string, TargetFigures> = {};
    for (const target of targets) {
      const get = summary(`GET ${target.name}`);
      const post = summary(`POST ${target.name}`);
      figures[target.name] = {
        getRps: get.rps,
        getP99: get.p99,
        postRps: post.rps,
        postNon2xx: post.non2xx,
        startupMs: target.startupMs,
        rssMb: rss.get(target.name) ?? 0,
      };
    }
    return { markdown: sections.join('\n'), getRatios, cpuPerGet, figures } satisfies ThroughputResult;
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
  }
}

/** Two instances on one fresh PostgreSQL database, with organizations of their own to sync. */
async function startPostgresPair(adminUrl: string, perRun: number, runs: number): Promise<Target> {
  const database = await createScratchDatabase(adminUrl, 'cckm_bench');
  const count = perRun * runs;
  const organizations = await seedOrganizations('', count, undefined, {
    kind: 'postgres',
    connectionString: database.url,
  });
  let next = 0;
  const servers: StartedServer[] = [];
  for (const port of [await freePort(), await freePort()]) {
    servers.push(
      await startCckmServer({
        core: SERVER_CORE,
        port,
        file: '',
        databaseUrl: database.url,
        validateResponses: false,
      }),
    );
  }
  const [first, second] = servers as [StartedServer, StartedServer];
  return {
    name: TARGET_NAMES.postgres,
    url: first.url,
    urls: [first.url, second.url],
    pid: first.process.pid,
    pids: [first.process.pid, second.process.pid],
    startupMs: Math.max(first.startupMs, second.startupMs),
    postBody: '{"organization_ids":["$ID"]}',
    postIds: () => {
      const slice = organizations.slice(next, next + perRun);
      next += perRun;
      return slice;
    },
    async stop() {
      await Promise.all(servers.map((server) => server.process.stop()));
      await database.drop();
    },
  };
}
