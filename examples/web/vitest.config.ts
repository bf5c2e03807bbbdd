// Runs the browser test on its own: `pnpm --filter @cckm/example-web test` (or `pnpm exec vitest
// run` in this folder). The root vitest config runs the same file with the rest of `pnpm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source', 'module', 'node', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: { include: ['test/**/*.test.{ts,tsx}'], testTimeout: 60_000, hookTimeout: 120_000 },
});
