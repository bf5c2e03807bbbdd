import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { settings } from '../src/index.ts';

describe('README', () => {
  test('when the settings table is read, then it documents every setting the server parses', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` +\|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(settings.map((setting) => setting.name).sort());
  });
});
