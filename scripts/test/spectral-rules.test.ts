// The house Spectral rules must really check: a fixture that breaks request-bodies-are-closed is
// reported at each open object, a closed fixture and today's contract are not.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { bundleContract } from '../lib/contract-artifacts.ts';
import { repoRoot, specEntry } from '../lib/repo-paths.ts';

const spectral = join(repoRoot, 'node_modules', '.bin', 'spectral');
const ruleset = join(repoRoot, 'openapi', '.spectral.yaml');
const fixtures = join(repoRoot, 'scripts', 'test', 'fixtures', 'spectral');

interface SpectralResult {
  code: string;
  path: (string | number)[];
  message: string;
}

/** Runs the Spectral CLI with our ruleset and returns the findings of one rule, as dotted paths. */
async function findings(document: string, rule: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    spectral,
    ['lint', '--ruleset', ruleset, '--format', 'json', '--fail-severity', 'error', '--quiet', document],
    { cwd: repoRoot, env: { ...process.env, SCARF_ANALYTICS: 'false' } },
  ).catch((error: { stdout?: string }) => {
    // Exit code 1 means "found errors": the findings are still on stdout.
    if (typeof error.stdout === 'string' && error.stdout.trim().startsWith('['))
      return { stdout: error.stdout };
    throw error;
  });
  const results = JSON.parse(stdout) as SpectralResult[];
  return results
    .filter((result) => result.code === rule)
    .map((result) => result.path.join('.'))
    .sort();
}

describe('request-bodies-are-closed', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'cckm-spectral-'));
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  test('when request bodies hold open objects at any depth, then each one is an error', async () => {
    expect(await findings(join(fixtures, 'open-request-bodies.yaml'), 'request-bodies-are-closed')).toEqual([
      // through $ref, array items and allOf
      'components.schemas.Item.allOf.0',
      // a oneOf branch that is a complete object
      'paths./open-branch.patch.requestBody.content.application/json.schema.oneOf.1',
      // a free-form map inside a closed body
      'paths./open-map.put.requestBody.content.application/json.schema.properties.labels',
      // the body itself
      'paths./open-root.post.requestBody.content.application/json.schema',
    ]);
  }, 60_000);

  test('when every object is closed (bare required lists under a closed parent included), then nothing is reported', async () => {
    expect(await findings(join(fixtures, 'closed-request-bodies.yaml'), 'request-bodies-are-closed')).toEqual(
      [],
    );
  }, 60_000);

  test('when the current contract is linted, then its request bodies are closed', async () => {
    const bundled = join(workDir, 'openapi.yaml');
    await writeFile(bundled, stringify(await bundleContract(specEntry), { lineWidth: 0 }));
    expect(await findings(bundled, 'request-bodies-are-closed')).toEqual([]);
  }, 60_000);
});
