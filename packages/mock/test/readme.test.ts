// The README's scenario table is the one `--help` prints and the sandbox runs.
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { SCENARIO_NAMES, scenarioTable } from '../src/index.ts';

describe('the README', () => {
  test('when it lists the scenarios, then its table is the one the sandbox has, in the same order', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const block = /<!-- scenarios:[^\n]*-->\n([\s\S]*?)\n<!-- \/scenarios -->/.exec(readme)?.[1];
    expect(block?.trim()).toBe(scenarioTable('markdown'));
    expect(SCENARIO_NAMES).toHaveLength(11);
  });
});
