// What a package's entry point costs an app: bundled for the browser (ESM, minified, with every
// dependency it brings along) and gzipped, its peer dependencies left out since the app has them
// anyway. Used by `pnpm pack:packages`, which prints one line per kit entry point.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface BundleSize {
  /** Minified bytes. */
  minified: number;
  /** Minified and gzipped (level 9) bytes. */
  gzip: number;
}

/** Bundles `entry` (a built .js file) without `external` packages and measures the result. */
export async function bundleSize(entry: string, external: readonly string[]): Promise<BundleSize> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    // A peer's subpaths (msw/browser, react/jsx-runtime) are the app's too.
    external: external.flatMap((name) => [name, `${name}/*`]),
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** `12.3 KB` (1 KB = 1,000 bytes, as npm and bundlers print them). */
export function formatKb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}
