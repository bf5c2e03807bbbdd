// Vitest global setup: builds, once and before any test file runs, every package whose built output
// a test runs (the bundled server, the fake clouds' and the mock's commands, the CLI, the packed
// packages), through build-stale, so a package already built from its current sources is not built
// again. Test files never build: two of them building at once would write the same dist/ files
// under each other, and what they test is what `pnpm build` ships.
//
// Inputs: the workspace. Outputs: the packages' dist/. Throws (failing the run before any test)
// when a build fails, with its output.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from './lib/repo-paths.ts';

const BUILT_FOR_TESTS = [
  '@cckm/api-types',
  '@cckm/client',
  '@cckm/cli',
  '@cckm/fake-clouds',
  '@cckm/mock',
  '@cckm/msw',
  '@cckm/react-query',
  '@cckm/server',
];

export default async function buildOnce(): Promise<void> {
  try {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/build-stale.ts', ...BUILT_FOR_TESTS],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    throw new Error(`the build before the tests failed:\n${stdout}${stderr}`);
  }
}
