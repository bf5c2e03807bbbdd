// The README's examples are real code: they must be exactly the regions of
// examples/readme-examples.ts, which compiles with the package and runs against the mock here.
import { readFile } from 'node:fs/promises';
import { type RunningPrism, startPrism } from '@cckm/mock';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runReadmeExamples } from '../examples/readme-examples.ts';

let prism: RunningPrism;
beforeAll(async () => {
  // The examples show the client's token plumbing with opaque tokens: any token is let through.
  prism = await startPrism({ mode: 'mock', tokens: 'any' });
}, 60_000);
afterAll(() => prism?.close());

describe('README examples', () => {
  test('when the README is read, then every code region of the examples file appears in it verbatim', async () => {
    const source = await readFile(new URL('../examples/readme-examples.ts', import.meta.url), 'utf8');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const regions = [...source.matchAll(/\/\/ #region ([\w-]+)\n([\s\S]*?)\n\s*\/\/ #endregion/g)];
    expect(regions.map((region) => region[1])).toHaveLength(9);
    for (const [, , body] of regions) {
      const dedented = (body as string)
        .split('\n')
        .map((line) => line.replace(/^ {2}/, ''))
        .join('\n');
      expect(readme).toContain(dedented);
    }
  });

  test('when the examples run against the mock, then each returns the contract examples', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const results = await runReadmeExamples(prism.url);
    log.mockRestore();
    expect(results.job).toMatchObject({
      id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      overall_status: 'in_progress',
    });
    expect(results.page).toMatchObject({ total: 2 });
    expect(results.sapJob).toMatchObject({ cloud: 'sap' });
    expect(results.organization).toMatchObject({ connection: 'new-sfdc-connection' });
    expect(results.attempt).toMatchObject({ data: { total: 2 } });
    expect(results.sapWait).toMatchObject({ name: 'CckmWaitError', kind: 'not-observable' });
    expect(results.everyCompletedJob).toEqual([
      'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      '8d5ccc9f-0d18-482d-bb13-593665a4813c',
    ]);
  });
});
