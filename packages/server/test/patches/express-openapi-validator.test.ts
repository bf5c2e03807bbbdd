// The repository's pnpm patch of express-openapi-validator (patches/README.md) gives what the
// released package gives: the meta-schema validator, compiled only when a document is validated,
// judges documents as before; the schema preprocessor leaves the document exactly as before; the
// metadata middleware finds the same operation for every request. "Before" is the package as
// released, rebuilt here by reversing the patch on a copy of the patched files. Both the tests and
// the bundled server (scripts/bundle-server.ts) run the patched package.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { validatorDocument } from '../../src/http/contract.ts';

const validatorIndex = createRequire(import.meta.url).resolve('express-openapi-validator');
const fromValidator = createRequire(validatorIndex);
const packageRoot = join(dirname(validatorIndex), '..');
const patchFile = fileURLToPath(
  new URL('../../../../patches/express-openapi-validator@5.6.2.patch', import.meta.url),
);

/** The files the patch changes, as released: the patched copies with the patch reversed. */
const released: Map<string, string> = (() => {
  const patch = readFileSync(patchFile, 'utf8');
  const files = [...patch.matchAll(/^diff --git a\/(\S+) b\//gm)].map((match) => match[1] as string);
  const copy = mkdtempSync(join(tmpdir(), 'eov-released-'));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      writeFileSync(join(copy, file), readFileSync(join(packageRoot, file)));
    }
    execFileSync('git', ['apply', '--reverse', patchFile], { cwd: copy });
    return new Map(files.map((file) => [file, readFileSync(join(copy, file), 'utf8')]));
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
})();

/** A CommonJS module's exports from its source, its requires resolved as from `file`. */
function evaluate(source: string, file: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', source)(module, module.exports, createRequire(file));
  return module.exports;
}

/** A module of the package as released (`file` under dist/), loaded beside the installed one. */
function releasedModule(file: string): Record<string, unknown> {
  const source = released.get(`dist/${file}`);
  if (source === undefined) throw new Error(`the patch does not change dist/${file}`);
  return evaluate(source, fromValidator.resolve(`./${file}`));
}

test('when the installed package is read, then the patch is applied and reverses cleanly', () => {
  expect(released.size).toBe(3);
  for (const [file, source] of released) {
    expect(readFileSync(join(packageRoot, file), 'utf8'), file).not.toBe(source);
  }
});

describe('the OpenAPI 3.1 meta-schema validator, compiled on first use', () => {
  type SchemaValidator = new (options: {
    version: string;
    validateApiSpec: boolean;
  }) => { validate(document: unknown): { errors: unknown[] } };
  const file = 'framework/openapi.schema.validator.js';
  const { OpenAPISchemaValidator: Patched } = fromValidator(`./${file}`) as {
    OpenAPISchemaValidator: SchemaValidator;
  };
  const { OpenAPISchemaValidator: Released } = releasedModule(file) as {
    OpenAPISchemaValidator: SchemaValidator;
  };
  const patched = new Patched({ version: '3.1.0', validateApiSpec: true });
  const original = new Released({ version: '3.1.0', validateApiSpec: true });
  const judge = (document: unknown) => patched.validate(document).errors;

  test('when built for a server that does not validate its document, then nothing is compiled', () => {
    const unused = new Patched({ version: '3.1.0', validateApiSpec: false }) as unknown as {
      compiled?: unknown;
    };
    expect(unused.compiled).toBeUndefined();
  });

  const broken: [string, (document: Record<string, unknown>) => void][] = [
    ['without info', (document) => delete document.info],
    ['with a version that is not 3.1', (document) => Object.assign(document, { openapi: '3.0.3' })],
    ['with a server that is not an object', (document) => Object.assign(document, { servers: ['/api'] })],
    [
      'with a response without a description',
      (document) => Object.assign(document, { paths: { '/x': { get: { responses: { '200': {} } } } } }),
    ],
    [
      'with an unknown member of a path item',
      (document) => Object.assign(document, { paths: { '/x': { fetch: { responses: {} } } } }),
    ],
    [
      'with a parameter in an unknown place',
      (document) =>
        Object.assign(document, {
          paths: { '/x': { get: { parameters: [{ name: 'a', in: 'body' }], responses: {} } } },
        }),
    ],
  ];

  // The server does not validate its document at start (http/contract-validator.ts): this is where
  // it is proved valid, by the validator's own meta-schema.
  test('when the contract is judged, then both find it valid', () => {
    expect(original.validate(validatorDocument()).errors).toEqual([]);
    expect(judge(validatorDocument())).toEqual([]);
  });

  test.each(broken)('when a document %s is judged, then both give the same errors', (_name, breakIt) => {
    const document = validatorDocument() as unknown as Record<string, unknown>;
    breakIt(document);
    const expected = original.validate(document).errors;
    expect(expected.length).toBeGreaterThan(0);
    expect(judge(document)).toEqual(expected);
  });
});

describe('the schema preprocessor reading registered schemas instead of compiling them', () => {
  const file = 'middlewares/parsers/schema.preprocessor.js';
  type Preprocessor = new (
    document: unknown,
    options: unknown,
    responses: unknown,
  ) => { preProcess(): { apiDoc: unknown; apiDocRes: unknown } };
  const { SchemaPreprocessor: Patched } = fromValidator(`./${file}`) as { SchemaPreprocessor: Preprocessor };
  const { SchemaPreprocessor: Original } = releasedModule(file) as { SchemaPreprocessor: Preprocessor };

  test.each([false, true])(
    'when the contract is preprocessed (response validation %s), then the result is the original one',
    async (validateResponses) => {
      // The options express-openapi-validator derives from the ones app.ts gives it.
      const { OpenApiValidator } = fromValidator('./openapi.validator.js') as {
        OpenApiValidator: new (
          options: object,
        ) => {
          ajvOpts: { preprocessor: unknown };
          options: { validateResponses: unknown };
        };
      };
      const validator = new OpenApiValidator({
        apiSpec: validatorDocument(),
        validateRequests: { allowUnknownQueryParameters: false, allErrors: true },
        validateResponses,
        validateFormats: true,
      });
      const run = (Preprocessor: Preprocessor) =>
        new Preprocessor(
          validatorDocument(),
          validator.ajvOpts.preprocessor,
          validator.options.validateResponses,
        ).preProcess();
      expect(run(Patched)).toEqual(run(Original));
    },
  );
});

describe('the metadata middleware keeping its compiled route matchers', () => {
  const file = 'middlewares/openapi.metadata.js';
  type Metadata = (
    context: unknown,
    responseApiDoc: unknown,
  ) => (req: object, res: object, next: () => void) => void;
  const { applyOpenApiMetadata: patched } = fromValidator(`./${file}`) as { applyOpenApiMetadata: Metadata };
  const { applyOpenApiMetadata: original } = releasedModule(file) as { applyOpenApiMetadata: Metadata };

  /** What the middleware leaves on a request, or the error it throws. */
  const outcome = (
    middleware: ReturnType<Metadata>,
    method: string,
    url: string,
    routing: { strict: boolean; sensitive: boolean },
  ) => {
    const path = url.split('?')[0] as string;
    const req: Record<string, unknown> = {
      method,
      url,
      originalUrl: url,
      path,
      baseUrl: '',
      app: {
        enabled: (setting: string) =>
          (setting === 'strict routing' && routing.strict) ||
          (setting === 'case sensitive routing' && routing.sensitive),
      },
    };
    try {
      middleware(req, {}, () => undefined);
      return { openapi: req.openapi, params: req.params };
    } catch (error) {
      return { error };
    }
  };

  test('when each operation, and paths and methods of none, are looked up under every routing option, then it answers as the original', async () => {
    const { OpenApiSpecLoader } = fromValidator('./framework/openapi.spec.loader.js') as {
      OpenApiSpecLoader: new (options: object) => { load(): Promise<unknown> };
    };
    const { OpenApiContext } = fromValidator('./framework/openapi.context.js') as {
      OpenApiContext: new (spec: unknown, ignorePaths: unknown, ignoreUndocumented: boolean) => unknown;
    };
    const spec = await new OpenApiSpecLoader({ apiDoc: validatorDocument(), validateApiSpec: false }).load();
    const context = new OpenApiContext(spec, undefined, false);
    const requests: [string, string][] = [
      ['GET', '/api/v1/cckm/sfdc/keys/synchronization-jobs?limit=10'],
      ['POST', '/api/v1/cckm/sfdc/keys/synchronization-jobs'],
      ['POST', '/api/v1/cckm/sap/synchronization-jobs'],
      ['POST', '/api/v1/cckm/sfdc/keys/0c0f9d4e-1b7a-4c53-9d4e-1b7a4c539d4e/delete-backup'],
      ['PATCH', '/api/v1/cckm/sfdc/organizations/0c0f9d4e-1b7a-4c53-9d4e-1b7a4c539d4e'],
      ['PATCH', '/api/v1/cckm/sfdc/organizations/a%20b'],
      ['PATCH', '/api/v1/cckm/sfdc/organizations/%E0%A4%A'],
      ['DELETE', '/api/v1/cckm/sfdc/keys/synchronization-jobs'],
      ['GET', '/api/v1/cckm/sfdc/keys/synchronization-jobs/'],
      ['GET', '/api/v1/cckm/nothing-here'],
      ['GET', '/api/v1/cckm/SFDC/keys/synchronization-jobs'],
    ];
    // The lookups really find operations (and their path parameters), not only errors.
    const plain = { strict: false, sensitive: false };
    const found = requests.map(([method, url]) => outcome(patched(context, undefined), method, url, plain));
    const operationIds = found.map(
      (each) => (each.openapi as { schema?: { operationId?: string } })?.schema?.operationId,
    );
    expect(new Set(operationIds)).toEqual(
      new Set([
        'listSfdcSynchronizationJobs',
        'createSfdcSynchronizationJob',
        'createSapSynchronizationJob',
        'deleteSfdcTenantSecretBackup',
        'updateSfdcOrganization',
        undefined,
      ]),
    );
    expect(found[5]?.params).toEqual({ id: 'a b' });
    // The mixed-case path is found only when routing ignores case.
    expect(found[10]?.openapi).toEqual(found[0]?.openapi);
    // One patched middleware (one cache) across every option, so a key that left one out would
    // serve a matcher compiled for another.
    const after = patched(context, undefined);
    const before = original(context, undefined);
    for (const round of [1, 2]) {
      for (const strict of [false, true]) {
        for (const sensitive of [true, false]) {
          for (const [method, url] of requests) {
            const routing = { strict, sensitive };
            expect(
              outcome(after, method, url, routing),
              `${method} ${url}, ${JSON.stringify(routing)}, round ${round}`,
            ).toEqual(outcome(before, method, url, routing));
          }
        }
      }
    }
  });
});
