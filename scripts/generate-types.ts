// pnpm generate: the one command that writes packages/api-types/src/generated/ from openapi/.
// Inputs: openapi/**. Outputs: schema.ts (types) and openapi-document.ts (bundled document).
// Exit codes: 0 written, 1 the spec does not bundle.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleContract, renderGeneratedFiles } from './lib/contract-artifacts.ts';
import { generatedDir, specEntry } from './lib/repo-paths.ts';

const files = await renderGeneratedFiles(await bundleContract(specEntry));
await mkdir(generatedDir, { recursive: true });
for (const [name, content] of files) {
  await writeFile(join(generatedDir, name), content);
  process.stdout.write(`wrote packages/api-types/src/generated/${name}\n`);
}
