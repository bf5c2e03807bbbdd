import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "source" condition, so tests run
// against src/ without a prior build. The other entries are Vite's defaults for Node.
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.{ts,tsx}',
      'scripts/test/**/*.test.ts',
      'bench/test/**/*.test.ts',
    ],
    // Two test files at a time, also on two cores (vitest's default there is one): most files
    // wait on processes, sockets and databases more than they compute, and every file uses only
    // ports, directories and databases of its own.
    maxWorkers: 2,
    // Builds what the black-box tests run, once, before any of them (scripts/vitest-build-once.ts).
    globalSetup: ['scripts/vitest-build-once.ts'],
    typecheck: {
      enabled: true,
      include: ['packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.typecheck.json',
    },
    // .ci/run asks for a JSON report to print its "N passed, N failed" line.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON_REPORT ? { json: process.env.VITEST_JSON_REPORT } : {},
    // Generous: a timeout only catches a hang. On a busy CI machine (load 15 on two cores) a
    // CPU-bound test such as Prism generating data runs many times slower than here.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
