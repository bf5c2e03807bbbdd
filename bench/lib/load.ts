// Drives a load with autocannon in a separate process pinned to the load core.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Values for "$ID" in the body, one per request, in order. */
  ids?: string[];
  /** Requests to send in turn instead of `url`'s path: each a path (with its query) and headers of its own. */
  paths?: { path: string; headers: Record<string, string> }[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

export async function runLoad(core: number, spec: LoadSpec): Promise<LoadResult> {
  // The spec (with up to ~100k IDs) goes through a file: it is too large for argv.
  const directory = await mkdtemp(join(tmpdir(), 'cckm-load-'));
  const specFile = join(directory, 'spec.json');
  await writeFile(specFile, JSON.stringify(spec));
  try {
    const { stdout } = await promisify(execFile)(
      'taskset',
      ['-c', String(core), process.execPath, '--import', 'tsx', worker, specFile],
      { maxBuffer: 16 * 1024 * 1024, cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    return JSON.parse(stdout) as LoadResult;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
