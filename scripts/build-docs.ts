// pnpm docs: renders the bundled contract as one self-contained HTML page (Redoc, scripts
// inlined) for reviewers, fully offline: no CDN logo or icons, and every named example listed
// under its name (`notSalesforce: ...`), the name `Prefer: example=<name>` asks the mock for.
// Inputs: openapi/ (bundled first). Outputs: dist/docs/openapi.docs.json (the docs copy) and
// dist/docs/index.html (not committed). Exit codes: 0 written, non-zero when bundling or rendering
// fails, when the page still names a CDN URL, or when it would report usage to Redocly.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cdnUrls, offlinePage, withExampleNames } from './lib/docs-page.ts';
import { distDir, repoRoot } from './lib/repo-paths.ts';

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit' });

run('pnpm', ['--silent', 'bundle']);
const docsDir = join(distDir, 'docs');
await mkdir(docsDir, { recursive: true });
const bundled = JSON.parse(await readFile(join(distDir, 'openapi.json'), 'utf8')) as Record<string, unknown>;
const docsCopy = join(docsDir, 'openapi.docs.json');
await writeFile(docsCopy, JSON.stringify(withExampleNames(bundled), null, 2));
const page = join(docsDir, 'index.html');
run('pnpm', ['exec', 'redocly', 'build-docs', docsCopy, '--inlineBundle', '--output', page]);
const html = offlinePage(await readFile(page, 'utf8'));
await writeFile(page, html);
const left = cdnUrls(html);
if (left.length > 0) {
  process.stderr.write(`The page still loads from a CDN: ${[...new Set(left)].join(', ')}\n`);
  process.exit(1);
}
// Redoc reports usage to Redocly unless the CLI wrote `disableTelemetry: true` (redocly.yaml's
// `telemetry: off`); an offline reference must not.
if (!html.includes('"disableTelemetry":true')) {
  process.stderr.write('The page would report usage to Redocly: set telemetry: off in redocly.yaml\n');
  process.exit(1);
}
