// Vite for the example app (React). `@cckm/client` and the kit (`@cckm/react-query`, `@cckm/msw`)
// are resolved through their `source` condition (the TypeScript sources of the workspace
// packages, as every test in this repository does), so neither `pnpm web` nor the browser test
// needs a build of them first. An app outside this repository installs the tarballs and needs no
// such line. MSW's service worker script is served and emitted at /mockServiceWorker.js (what
// `npx msw init public/` would copy), for `?msw` (src/mock-worker.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const WORKER = 'mockServiceWorker.js';

function mockServiceWorker(): Plugin {
  const source = () => readFileSync(createRequire(import.meta.url).resolve(`msw/${WORKER}`), 'utf8');
  return {
    name: 'cckm-mock-service-worker',
    configureServer(server) {
      server.middlewares.use(`/${WORKER}`, (_req, res) => {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(source());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: WORKER, source: source() });
    },
  };
}

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [mockServiceWorker()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    target: 'es2022',
    rollupOptions: {
      // TanStack Query marks its modules "use client" (for React Server Components); an app bundle
      // has no server components, so the directive means nothing here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
