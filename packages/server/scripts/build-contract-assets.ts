// Writes the contract documents the server serves besides its JSON (http/contract-documents.ts):
// dist/contract/openapi.yaml and dist/contract/docs.html, the offline HTML reference that
// `pnpm docs` (scripts/build-docs.ts) renders, with the same treatment (named examples, no CDN).
// Both come from the document the server validates against, @cckm/api-types' openapiDocument
// (generated from openapi/ by `pnpm generate`), not from openapi/ itself: what is served is what
// the server enforces, and the build does not depend on the sources being mid-edit or not.
//
// Run by `pnpm build` (the server's build script), after tsc. Inputs: @cckm/api-types, Redocly's
// CLI (a root devDependency). Outputs: the two files. Exit codes: 0 written, 1 failed (including a
// page that would still load something from a CDN).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openapiDocument } from '@cckm/api-types';
import { stringify } from 'yaml';
import { cdnUrls, offlinePage, withExampleNames } from '../../../scripts/lib/docs-page.ts';
import { CONTRACT_ASSET_FILES } from '../src/http/contract-documents.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageDir, '../..');

export async function buildContractAssets(): Promise<void> {
  const outDir = join(packageDir, 'dist/contract');
  await mkdir(outDir, { recursive: true });
  const document = openapiDocument as unknown as Record<string, unknown>;
  await writeFile(
    join(outDir, CONTRACT_ASSET_FILES.yaml),
    stringify(document, { aliasDuplicateObjects: false }),
  );

  const work = await mkdtemp(join(tmpdir(), 'cckm-docs-'));
  try {
    const docsCopy = join(work, 'openapi.docs.json');
    await writeFile(docsCopy, JSON.stringify(withExampleNames(document)));
    const page = join(work, 'index.html');
    try {
      execFileSync(
        join(repoRoot, 'node_modules/.bin/redocly'),
        ['build-docs', docsCopy, '--inlineBundle', '--output', page],
        { cwd: repoRoot, stdio: 'pipe' },
      );
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: Buffer | string; stderr?: Buffer | string };
      throw new Error(`redocly build-docs failed:\n${stdout}${stderr}`);
    }
    const html = offlinePage(await readFile(page, 'utf8'));
    const left = cdnUrls(html);
    if (left.length > 0)
      throw new Error(`the reference still loads from a CDN: ${[...new Set(left)].join(', ')}`);
    await writeFile(join(outDir, CONTRACT_ASSET_FILES.docs), html);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildContractAssets().catch((error: unknown) => {
    process.stderr.write(
      `build-contract-assets: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
