// CI proves the benchmark harness works: `pnpm bench --quick` completes, prints every part's table,
// writes bench/results/latest.md and leaves no process behind. Its figures are never asserted.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('pnpm bench --quick', () => {
  test('when the quick benchmark runs, then it completes with all four parts and stops its processes', async () => {
    const { stdout } = await promisify(execFile)('pnpm', ['--silent', 'bench', '--quick'], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
    });
    for (const heading of [
      '## 1. Throughput and latency',
      '## 2. Where the time goes',
      '## 3. Scale',
      '## 4. Sync throughput',
    ]) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toContain('| cckm server, response validation on |');
    expect(stdout).toContain('| Prism mock, -v warn |');
    // The server runs bundled: its layers are told apart only through the bundle's source map
    // (without it, everything fell under "our handlers and services").
    for (const layer of ['Express + body parsing', 'request validation', 'logging'])
      expect(stdout).toMatch(new RegExp(`\\| ${layer.replace('+', '\\+')} \\| [\\d.]+ \\| [\\d.]+ \\|`));
    expect(stdout).toContain('## Targets (issue 11), from this run');
    expect(stdout).toMatch(/\| POST durable jobs\/s \(SQLite\) \| ≥ 2,000 \| [\d,]+ \| (met|missed) \|/);
    const written = await readFile(new URL('../results/latest.md', import.meta.url), 'utf8');
    expect(written).toContain('## 4. Sync throughput');
    const { stdout: processes } = await promisify(execFile)('ps', ['-eo', 'args']);
    expect(processes).not.toMatch(
      /bench\/servers\/|load-worker\.ts|prism(-cli)?\/dist\/index\.js (mock|proxy)/,
    );
  }, 300_000);
});
