// The reviewer's HTML reference must build offline and show all five operations.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { distDir, repoRoot } from '../lib/repo-paths.ts';

describe('docs', () => {
  test('when the docs are built, then one self-contained page shows all five operations', async () => {
    await promisify(execFile)('pnpm', ['--silent', 'run', 'docs'], {
      cwd: repoRoot,
      env: { ...process.env, SCARF_ANALYTICS: 'false' },
    });
    const html = await readFile(join(distDir, 'docs', 'index.html'), 'utf8');
    for (const summary of [
      'Start a Salesforce tenant-secret synchronization job',
      'List Salesforce synchronization jobs',
      'Delete the backup of a destroyed Salesforce tenant secret',
      'Start an SAP key synchronization job',
      'Switch a Salesforce organization to another connection',
    ]) {
      expect(html).toContain(summary);
    }
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  }, 60_000);
});
