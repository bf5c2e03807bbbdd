// Vite for the example app. `@cckm/client` is resolved through its `source` condition (the
// TypeScript sources of the workspace package, as every test in this repository does), so
// neither `pnpm web` nor the browser test needs a build of the client first. An app outside this
// repository installs the client's tarball and needs no such line.
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022' },
});
