// The freshness check must notice a schema change that was not followed by `pnpm generate`.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findStaleGeneratedFiles } from '../lib/generated-freshness.ts';
import { generatedDir, repoRoot } from '../lib/repo-paths.ts';

describe('check:generated', () => {
  let specCopy: string;

  beforeAll(async () => {
    specCopy = await mkdtemp(join(tmpdir(), 'cckm-spec-'));
    await cp(join(repoRoot, 'openapi'), specCopy, { recursive: true });
  });
  afterAll(() => rm(specCopy, { recursive: true, force: true }));

  test('when the committed files match the spec, then nothing is stale', async () => {
    expect(await findStaleGeneratedFiles(join(specCopy, 'openapi.yaml'), generatedDir)).toEqual([]);
  });

  test('when a schema changes without regenerating, then both generated files are stale', async () => {
    const schemaFile = join(specCopy, 'components/schemas/OverallStatus.yaml');
    const original = await readFile(schemaFile, 'utf8');
    await writeFile(schemaFile, original.replace('  - failed\n', '  - failed\n  - cancelled\n'));
    expect(await findStaleGeneratedFiles(join(specCopy, 'openapi.yaml'), generatedDir)).toEqual([
      'schema.ts',
      'openapi-document.ts',
    ]);
  });

  test('when the script runs on this checkout, then it exits 0 and says so', async () => {
    const { stdout } = await promisify(execFile)('pnpm', ['--silent', 'check:generated'], { cwd: repoRoot });
    expect(stdout).toContain('Generated files are fresh.');
  });
});
