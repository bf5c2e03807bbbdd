// Bundles the server's command (src/main.ts) into one file, dist/main.js, after tsc has written
// dist/. Node 20 otherwise resolves, reads and compiles several hundred modules one by one at every
// start (about 0.4 s here). The rest of dist/ (the package's exports, cckm-admin, cckm-token) stays
// tsc's output.
//
// Two steps express-openapi-validator repeats at every start, with the same result each time, are
// done here instead, each an exact edit of one of its files (checked by SHA-256, so an upgrade
// stops the build instead of drifting; DECISIONS.md, "The server starts from one bundled file"):
// - it compiles the OpenAPI 3.1 meta-schema with Ajv to check the document: compiled here, by the
//   same Ajv with the same options and formats, into Ajv standalone code. The document is still
//   checked at every start, by the same validating function;
// - its schema preprocessor reads each referenced component schema through `ajv.getSchema()`,
//   which compiles a validator only for the preprocessor to read back the schema object it was
//   given: the edit reads the registered object (`ajv.schemas[ref]`) without compiling it.
// Validation of requests and responses is untouched: those validators compile as before.
//
// One more edit saves work it repeats on every request: to find a request's operation, its
// metadata middleware compiled a path-to-regexp matcher for each route it scanned (about 3% of a
// GET's CPU here); the edit keeps each compiled matcher, by route and routing options, as
// upstream's open pull request cdimascio/express-openapi-validator#1217 does.
//
// Run by `pnpm build` (the server's build script). Inputs: src/, the installed
// express-openapi-validator. Outputs: dist/main.js and dist/main.js.map. Exit codes: 0 written,
// 1 failed (a build error, or an express-openapi-validator file these edits were not written for).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** express-openapi-validator's dist/ folder, as Node resolves it from this package. */
const validatorDist = dirname(createRequire(import.meta.url).resolve('express-openapi-validator'));

/** What this script uses of an Ajv instance (express-openapi-validator's own Ajv). */
interface Ajv {
  addSchema(schema: object): unknown;
  compile(schema: object): unknown;
}

export interface Edit {
  /** Path under express-openapi-validator's dist/. */
  file: string;
  /** SHA-256 of the file the edit was written for (express-openapi-validator 5.6.2). */
  sha256: string;
  /** Each search text must occur exactly once. */
  replacements: () => [search: string, replace: string][];
}

export const EDITS: readonly Edit[] = [
  {
    file: 'framework/openapi.schema.validator.js',
    sha256: '0342a40615a0063398b956e3dcbdd74381fd137706e57b3747442ac8c2f928ea',
    replacements: () => [
      [
        '"use strict";\n',
        `"use strict";\n// Compiled at build time by packages/server/scripts/bundle-server.ts.\nconst precompiledOpenApi31Validator = (() => {\nconst module = { exports: {} };\n${openApi31ValidatorSource()}\nreturn module.exports;\n})();\n`,
      ],
      [
        '        const ajvInstance = (0, factory_1.factoryAjv)(opts.version, options);\n',
        '        if (/^3\\.1\\.\\d+$/.test(opts.version)) {\n            this.validator = precompiledOpenApi31Validator;\n            return;\n        }\n        const ajvInstance = (0, factory_1.factoryAjv)(opts.version, options);\n',
      ],
    ],
  },
  {
    file: 'middlewares/parsers/schema.preprocessor.js',
    sha256: 'dcef0a737e5a462a2a8f2475d144ecd56cbb6a9a167ec15d259da0103217d9ae',
    replacements: () => [
      [
        'let res = (ref ? (_a = this.ajv.getSchema(ref)) === null',
        "let res = (ref ? (_a = (typeof this.ajv.schemas[ref] === 'object' ? this.ajv.schemas[ref] : this.ajv.getSchema(ref))) === null",
      ],
    ],
  },
  {
    file: 'middlewares/openapi.metadata.js',
    sha256: 'c03c297d5d40e61001e1a96452b678e3c04553643287fcb57960d66167956af0',
    replacements: () => [
      [
        'function applyOpenApiMetadata(openApiContext, responseApiDoc) {\n',
        "function applyOpenApiMetadata(openApiContext, responseApiDoc) {\n    const compiledMatchers = new Map();\n    const matcherOf = (expressRoute, pathOpts) => {\n        const key = pathOpts.strict + ':' + pathOpts.sensitive + ':' + expressRoute;\n        let matcher = compiledMatchers.get(key);\n        if (!matcher) {\n            matcher = (0, path_to_regexp_1.pathToRegexp)(expressRoute, pathOpts);\n            compiledMatchers.set(key, matcher);\n        }\n        return matcher;\n    };\n",
      ],
      [
        'const regexpObj = (0, path_to_regexp_1.pathToRegexp)(expressRoute, pathOpts);',
        'const regexpObj = matcherOf(expressRoute, pathOpts);',
      ],
    ],
  },
];

/**
 * Ajv standalone code (CommonJS) of the function express-openapi-validator's OpenAPISchemaValidator
 * compiles for OpenAPI 3.1 documents: its Ajv factory, its schema, its options and formats.
 */
export function openApi31ValidatorSource(): string {
  const fromValidator = createRequire(join(validatorDist, 'index.js'));
  const { factoryAjv } = fromValidator('./framework/ajv/factory') as {
    factoryAjv: (version: string, options: object) => Ajv;
  };
  const { factorySchema } = fromValidator('./framework/openapi/factory.schema') as {
    factorySchema: (version: string) => object;
  };
  const addFormats = (fromValidator('ajv-formats') as { default: (ajv: Ajv, formats: string[]) => void })
    .default;
  const standaloneCode = (
    fromValidator('ajv/dist/standalone') as { default: (ajv: Ajv, validate: unknown) => string }
  ).default;
  // As in OpenAPISchemaValidator's constructor; `code.source` keeps the source for standaloneCode.
  const ajv = factoryAjv('3.1.0', {
    allErrors: true,
    validateFormats: true,
    coerceTypes: false,
    useDefaults: false,
    strict: false,
    code: { source: true },
  });
  const schema = factorySchema('3.1.0');
  addFormats(ajv, ['email', 'regex', 'uri', 'uri-reference']);
  ajv.addSchema(schema);
  return standaloneCode(ajv, ajv.compile(schema));
}

/** A file of express-openapi-validator with its edits applied; throws if it is not the expected file. */
export async function editedSource(edit: Edit): Promise<string> {
  const path = join(validatorDist, edit.file);
  let source = await readFile(path, 'utf8');
  const sha256 = createHash('sha256').update(source).digest('hex');
  if (sha256 !== edit.sha256) {
    throw new Error(
      `${path} is not the file the bundle's edits were written for (express-openapi-validator 5.6.2): re-check them in scripts/bundle-server.ts`,
    );
  }
  for (const [search, replace] of edit.replacements()) {
    if (source.split(search).length !== 2) throw new Error(`${path}: expected exactly one "${search}"`);
    source = source.replace(search, () => replace);
  }
  return source;
}

/** Loads the edited files in place of the originals; `applied` collects the files it edited. */
function validatorEdits(applied: Set<string>): Plugin {
  return {
    name: 'express-openapi-validator-edits',
    setup(plugins) {
      plugins.onLoad({ filter: /[\\/]express-openapi-validator[\\/]dist[\\/].+\.js$/ }, async ({ path }) => {
        const edit = EDITS.find((candidate) => path === join(validatorDist, candidate.file));
        if (!edit) return undefined;
        applied.add(edit.file);
        return { contents: await editedSource(edit), loader: 'js', resolveDir: dirname(path) };
      });
    },
  };
}

export async function bundleServer(): Promise<void> {
  const applied = new Set<string>();
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
    plugins: [validatorEdits(applied)],
  });
  if (result.errors.length > 0) throw new Error('the bundle failed');
  const text = await readFile(outfile, 'latin1');
  // http/valid-query-memo.ts finds the validator's request-validation step by its function name.
  if (!text.includes('function requestMiddleware('))
    throw new Error(`${outfile}: requestMiddleware was renamed`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
  if (/[^\x00-\x7f]/.test(text)) throw new Error(`${outfile} is not ASCII-only (see the comment above)`);
  const missed = EDITS.filter((edit) => !applied.has(edit.file)).map((edit) => edit.file);
  if (missed.length > 0) throw new Error(`not bundled from ${validatorDist}: ${missed.join(', ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  bundleServer().catch((error: unknown) => {
    process.stderr.write(`bundle-server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
