// The README's troubleshooting section (issue 24, defect 11): it covers the six problems newcomers
// meet, and what it quotes is what the code prints.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../lib/repo-paths.ts';

const read = (path: string) => readFile(join(repoRoot, path), 'utf8');

test('when the README is read, then its troubleshooting section covers each problem and quotes the messages as printed', async () => {
  const readme = await read('README.md');
  const start = readme.indexOf('## Troubleshooting');
  expect(start).toBeGreaterThan(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1)).replace(/\s+/g, ' ');

  for (const topic of [
    'Port in use',
    '/api',
    'expired',
    'CORS',
    'PostgreSQL not reachable',
    'Chromium missing',
  ])
    expect(section).toContain(topic);
  const quoted: [string, string][] = [
    ['is in use: is another', 'scripts/start-demo.ts'],
    ['is in use: is another CCKM server', 'packages/server/src/http/http-server.ts'],
    ['No resource at', 'packages/server/src/http/error-handler.ts'],
    ['The bearer token has expired', 'packages/server/src/http/auth.ts'],
    ['Hint: the API root ends in /api', 'packages/cli/src/render.ts'],
    ['Start-up failed: ', 'packages/server/src/main.ts'],
  ];
  for (const [text, source] of quoted) {
    expect(section.toLowerCase()).toContain(text.split(': ')[0]?.toLowerCase());
    expect(await read(source)).toContain(text);
  }
});
