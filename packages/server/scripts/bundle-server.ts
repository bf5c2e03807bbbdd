// Bundles the server's command (src/main.ts) into one file, dist/main.js, after tsc has written
// dist/. Node 20 otherwise resolves, reads and compiles several hundred modules one by one at every
// start (about 0.4 s here). The rest of dist/ (the package's exports, cckm-admin, cckm-token) stays
// tsc's output.
//
// express-openapi-validator is bundled as installed, with the repository's `pnpm patch` of it
// (patches/README.md), so the bundle runs the validator code the tests run.
//
// Run by `pnpm build` (the server's build script). Inputs: src/ and its dependencies. Outputs:
// dist/main.js and dist/main.js.map. Exit codes: 0 written, 1 failed.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

export async function bundleServer(): Promise<void> {
  const outfile = join(packageDir, 'dist/main.js');
  const result = await build({
    entryPoints: [join(packageDir, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Loaded with createRequire by db/database.ts, only the one in use: never bundled.
    external: ['better-sqlite3', 'pg'],
    // The CommonJS dependencies call require() for Node's built-in modules.
    banner: {
      js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);",
    },
    // Whitespace and comments go: a third less to parse, and no comment outside ASCII, which would
    // make V8 hold the whole source (kept for the life of the process) at two bytes a character.
    // Names stay as written (no `keepNames`: it redefines `name` on every closure made per request;
    // a top-level name two modules share gets a suffix), so stack traces still read; `node
    // --enable-source-maps` maps them to the sources.
    minifyWhitespace: true,
    legalComments: 'linked',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
  if (result.errors.length > 0) throw new Error('the bundle failed');
  const text = await readFile(outfile, 'latin1');
  // http/valid-query-memo.ts finds the validator's request-validation step by its function name.
  if (!text.includes('function requestMiddleware('))
    throw new Error(`${outfile}: requestMiddleware was renamed`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
  if (/[^\x00-\x7f]/.test(text)) throw new Error(`${outfile} is not ASCII-only (see the comment above)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  bundleServer().catch((error: unknown) => {
    process.stderr.write(`bundle-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
