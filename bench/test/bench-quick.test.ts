// CI proves the benchmark harness works: `pnpm bench --quick` completes, prints every part's table,
// writes bench/results/latest.md and leaves no process behind. Its figures are never asserted.
// It runs in a process group of its own, so "no process behind" looks only at what it started,
// not at a `pnpm mock` or another checkout's bench running on the same machine.
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The bench's process group, stopped whole if the test ends before the bench does. */
let group: number | undefined;
afterEach(() => {
  if (group === undefined) return;
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // already gone
  }
  group = undefined;
});

describe('pnpm bench --quick', () => {
  test('when the quick benchmark runs, then it completes with all five parts and stops its processes', async () => {
    const bench = spawn('pnpm', ['--silent', 'bench', '--quick'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    group = bench.pid;
    let stdout = '';
    let stderr = '';
    bench.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    bench.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => bench.once('exit', resolve));
    expect(code, stderr).toBe(0);
    for (const heading of [
      '## 1. Throughput and latency',
      '## 2. Where the time goes',
      '## 3. Scale',
      '## 4. Sync throughput',
      '## 5. Mixed workload',
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain('| cckm server, response validation on |');
    expect(stdout).toContain('| Prism mock, -v warn |');
    expect(stdout).toContain('| cckm server, page cache off, response validation on |');
    expect(stdout).toContain('| cckm server, If-None-Match of the unchanged page (304) |');
    expect(stdout).toContain('| Express 5, the same 1,000 bodies from memory |');
    expect(stdout).toContain('by layer, page cache off:');
    // The server runs bundled: its layers are told apart only through the bundle's source map
    // (without it, everything fell under "our handlers and services").
    for (const layer of ['Express + body parsing', 'request validation', 'logging'])
      expect(stdout).toMatch(new RegExp(`\\| ${layer.replace('+', '\\+')} \\| [\\d.]+ \\| [\\d.]+ \\|`));
    expect(stdout).toContain('## Targets (issues 11 and 25), from this run');
    for (const row of [
      'GET list, page cache off ÷ bare Express, response validation off',
      'Mixed workload: GET p99, ms',
    ])
      expect(stdout).toMatch(new RegExp(`\\| ${row} \\| [^|]+ \\| [\\d,.]+ \\| (met|missed) \\|`));
    expect(stdout).toMatch(/\| POST durable jobs\/s \(SQLite\) \| ≥ 2,000 \| [\d,]+ \| (met|missed) \|/);
    const written = await readFile(new URL('../results/latest.md', import.meta.url), 'utf8');
    expect(written).toContain('## 4. Sync throughput');
    // Every process the bench started, however deep, is in its group (pgid = its pid) unless it
    // left the group on purpose, which nothing here does. A zombie (state Z) has exited already:
    // it waits only for init to reap it once its parent is gone.
    const { stdout: processes } = await promisify(execFile)('ps', ['-eo', 'pgid=,pid=,stat=,args=']);
    const leftBehind = processes
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([pgid, , stat]) => pgid === String(bench.pid) && !stat?.startsWith('Z'));
    expect(leftBehind).toEqual([]);
  }, 300_000);
});
