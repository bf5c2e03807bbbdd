// pnpm check:generated: fails when the committed generated files differ from a fresh generation,
// i.e. when someone changed openapi/ (or hand-edited a generated file) without `pnpm generate`.
// Inputs: openapi/**, packages/api-types/src/generated/*. Writes nothing.
// Exit codes: 0 fresh, 1 stale (lists the files), 2 the spec does not bundle.
import { findStaleGeneratedFiles } from './lib/generated-freshness.ts';
import { generatedDir, specEntry } from './lib/repo-paths.ts';

try {
  const stale = await findStaleGeneratedFiles(specEntry, generatedDir);
  if (stale.length > 0) {
    process.stderr.write(
      `Generated files are stale: ${stale.join(', ')}.\nRun \`pnpm generate\` and commit the result.\n`,
    );
    process.exit(1);
  }
  process.stdout.write('Generated files are fresh.\n');
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
