// pnpm docs: renders the bundled contract as one self-contained HTML page (Redoc, scripts
// inlined, no CDN) for reviewers. Output: dist/docs/index.html (not committed).
// Exit codes: 0 written, non-zero when bundling or rendering fails.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { distDir, repoRoot } from './lib/repo-paths.ts';

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit' });

run('pnpm', ['--silent', 'bundle']);
run('pnpm', [
  'exec',
  'redocly',
  'build-docs',
  join(distDir, 'openapi.yaml'),
  '--inlineBundle',
  '--output',
  join(distDir, 'docs', 'index.html'),
]);
