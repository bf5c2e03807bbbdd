// pnpm bundle: writes the contract as one file, for tools that cannot follow multi-file $refs
// (Spectral, Prism, code generators of other languages). Outputs dist/openapi.yaml and
// dist/openapi.json (not committed). Exit codes: 0 written, 1 the spec does not bundle.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { bundleContract } from './lib/contract-artifacts.ts';
import { distDir, specEntry } from './lib/repo-paths.ts';

const document = await bundleContract(specEntry);
await mkdir(distDir, { recursive: true });
await writeFile(join(distDir, 'openapi.yaml'), stringify(document, { lineWidth: 0 }));
await writeFile(join(distDir, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write('wrote dist/openapi.yaml and dist/openapi.json\n');
