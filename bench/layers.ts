// Part 2: where a GET's server CPU goes, layer by layer, from a CPU profile of the server under
// the same load as part 1 (response validation on, so every layer is present), with the list page
// cache on (a poller asking the same URL again) and off (every request builds its page).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchToken, seedOrganizations, startCckmServer } from './lib/cckm-server.ts';
import { runLoad } from './lib/load.ts';
import { freePort } from './lib/ports.ts';
import { cpuMicros } from './lib/processes.ts';
import { attributeProfile } from './lib/profile-layers.ts';
import { fixed, table } from './lib/table.ts';

export async function measureLayers(options: {
  seconds: number;
  directory: string;
  /** LIST_PAGE_CACHE_PAGES for the server (0: every GET builds its page); the server's default if unset. */
  pageCachePages?: number;
}): Promise<string> {
  const cached = options.pageCachePages !== 0;
  const file = join(options.directory, `layers-${cached ? 'cached' : 'uncached'}.sqlite`);
  const organizations = await seedOrganizations(file, 20);
  const profiles = await mkdtemp(join(tmpdir(), 'cckm-profile-'));
  const server = await startCckmServer({
    core: 0,
    port: await freePort(),
    file,
    validateResponses: true,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profiles}`],
    ...(options.pageCachePages === undefined
      ? {}
      : { env: { LIST_PAGE_CACHE_PAGES: String(options.pageCachePages) } }),
  });
  const headers = { Authorization: `Bearer ${await benchToken()}`, 'Content-Type': 'application/json' };
  const url = `${server.url}/v1/cckm/sfdc/keys/synchronization-jobs`;
  try {
    for (const id of organizations.slice(0, 10)) {
      await fetch(url, { method: 'POST', headers, body: JSON.stringify({ organization_ids: [id] }) });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const load = {
      url: `${url}?limit=10`,
      method: 'GET' as const,
      headers,
      connections: 32,
      durationSeconds: options.seconds,
    };
    await runLoad(1, load); // warm-up, in the profile too but small next to the measured run
    const before = cpuMicros(server.process.pid);
    const result = await runLoad(1, load);
    const cpuPerRequest = (cpuMicros(server.process.pid) - before) / result.requests;
    await server.process.stop(); // the profile is written on exit
    const [profileFile] = (await readdir(profiles)).filter((name) => name.endsWith('.cpuprofile'));
    const { layers, totalMs } = attributeProfile(join(profiles, profileFile as string));
    const rows = [...layers]
      .sort((a, b) => b[1] - a[1])
      .map(([layer, ms]) => [layer, fixed((ms / totalMs) * 100, 1), fixed((ms / totalMs) * cpuPerRequest)]);
    return table(
      `Server CPU per GET list (limit 10) by layer, page cache ${cached ? 'on' : 'off'}: ${fixed(cpuPerRequest)} µs/request in all (profile of ${options.seconds} s of load after a warm-up)`,
      ['layer', '% of busy CPU', 'µs per request'],
      rows,
      'Attribution: each profile sample goes to the nearest frame (leaf upwards) of a known layer. The profile covers the main thread; the µs column scales the shares to the whole-process CPU measured through /proc, so time in other threads (GC helpers, libuv) is spread pro rata.',
    );
  } finally {
    await server.process.stop();
    await rm(profiles, { recursive: true, force: true });
  }
}
