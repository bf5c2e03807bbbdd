// Part 1: throughput and latency of GET list (limit 10) and POST job creation, interleaved rounds,
// medians: node:http and bare Express (ceilings), our server (response validation off / on), and
// Prism (default logging / fastest). Servers on core 0, autocannon on core 1.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrism } from '@cckm/mock';
import { benchToken, seedOrganizations, startCckmServer } from './lib/cckm-server.ts';
import { runLoad } from './lib/load.ts';
import { cpuMicros, rssMegabytes, spawnPinned, untilOk } from './lib/processes.ts';
import { fixed, median, table } from './lib/table.ts';

const SERVER_CORE = 0;
const LOAD_CORE = 1;
const PATH = '/v1/cckm/sfdc/keys/synchronization-jobs';

interface Target {
  name: string;
  url: string;
  pid: number;
  startupMs: number;
  /** Bodies for POST: a template with $ID and the IDs to use, or a fixed body. */
  postBody: string;
  postIds?: () => string[];
  stop(): Promise<void>;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  non2xx: number;
}

export interface ThroughputResult {
  markdown: string;
  getRatios: Record<string, number>;
  cpuPerGet: Record<string, number>;
}

export async function measureThroughput(options: {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  directory: string;
}) {
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
        port: 18_100 + targets.length,
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
    // Ten jobs for the list to return, and the canned bodies for the bare servers.
    const [first] = targets as [Target];
    for (const id of takeOrganizations().slice(0, 10)) {
      await fetch(`${first.url}${PATH}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ organization_ids: [id] }),
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const listBody = await (await fetch(`${first.url}${PATH}?limit=10`, { headers })).text();
    const jobBody = JSON.stringify((JSON.parse(listBody) as { resources: unknown[] }).resources[0]);
    const listFile = join(options.directory, 'list.json');
    const jobFile = join(options.directory, 'job.json');
    await writeFile(listFile, listBody);
    await writeFile(jobFile, jobBody);

    for (const [name, script] of [
      ['node:http (ceiling)', 'servers/bare-node.ts'],
      ['Express 5, canned JSON', 'servers/bare-express.ts'],
    ] as const) {
      const port = 18_100 + targets.length;
      const since = performance.now();
      const child = spawnPinned(
        SERVER_CORE,
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))],
        {
          PORT: String(port),
          LIST_BODY_FILE: listFile,
          JOB_BODY_FILE: jobFile,
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
      ['Prism mock, default logging', 'info'],
      ['Prism mock, -v warn', 'warn'],
    ] as const) {
      const since = performance.now();
      const prism = await startPrism({
        mode: 'mock',
        logLevel,
        launcher: ['taskset', '-c', String(SERVER_CORE)],
        port: 18_100 + targets.length,
      });
      const startupMs = await untilOk(`${prism.url}${PATH}`, { Authorization: 'Bearer x' }, since);
      targets.push({
        name,
        url: prism.url,
        pid: prism.pid,
        startupMs,
        postBody: '{"synchronize_all":true}',
        stop: prism.close,
      });
    }

    const load = (target: Target, method: 'GET' | 'POST', durationSeconds: number) =>
      runLoad(LOAD_CORE, {
        url: method === 'GET' ? `${target.url}${PATH}?limit=10` : `${target.url}${PATH}`,
        method,
        headers,
        connections: options.connections,
        durationSeconds,
        ...(method === 'POST'
          ? { body: target.postBody, ...(target.postIds ? { ids: target.postIds() } : {}) }
          : {}),
      });
    // Warm-up: one unmeasured run per target and method, so the JIT has compiled the hot paths.
    for (const target of targets) {
      for (const method of ['GET', 'POST'] as const) await load(target, method, options.warmupSeconds);
    }
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < options.rounds; round += 1) {
      // Rotate the order each round so no target always runs on a cooler (or hotter) machine.
      const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
      for (const method of ['GET', 'POST'] as const) {
        for (const target of order) {
          const before = cpuMicros(target.pid);
          const result = await load(target, method, options.seconds);
          const cpu = cpuMicros(target.pid) - before;
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
    const rss = new Map(targets.map((target) => [target.name, rssMegabytes(target.pid)]));
    const getRatios: Record<string, number> = {};
    const cpuPerGet: Record<string, number> = {};
    const sections: string[] = [];
    for (const method of ['GET', 'POST'] as const) {
      const express = summary(`${method} Express 5, canned JSON`).rps;
      const prismDefault = summary(`${method} Prism mock, default logging`).rps;
      const prismFast = summary(`${method} Prism mock, -v warn`).rps;
      const rows = targets.map((target) => {
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
            ? 'Our server commits each job (job row + target row, SQLite WAL, synchronous=FULL) before its 201; its job runner then runs the job on the same core. Prism and the bare servers store nothing.'
            : "Prism serves the contract's example (2 jobs); the other servers serve 10 jobs.",
        ),
      );
    }
    return { markdown: sections.join('\n'), getRatios, cpuPerGet } satisfies ThroughputResult;
  } finally {
    await Promise.all(targets.map((target) => target.stop()));
  }
}
