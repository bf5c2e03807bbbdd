// pnpm pack:packages must write tarballs a team installs with plain npm, far from this repo: the
// pure staging rules first, then the real thing: pack -> npm install into an empty temp project ->
// strict tsc over a consumer -> run it, and the `cckm` it installed, against the Prism mock; and the
// frontend kit (@cckm/msw, @cckm/react-query) installed the same way, with a vitest suite of its own.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, type RunningPrism, startPrism } from '../../packages/mock/src/index.ts';
import {
  entryPoints,
  type Manifest,
  publishedManifest,
  resolveRange,
  rewriteDeclaration,
  specifiersOf,
  unsatisfiedImports,
  withoutSourceMapComment,
} from '../lib/pack-staging.ts';
import { repoRoot } from '../lib/repo-paths.ts';

const run = promisify(execFile);
const context = {
  workspaceVersions: { '@cckm/api-types': '0.1.0', '@cckm/client': '0.2.0' },
  catalog: { typescript: '5.9.3' },
};

describe('staging rules', () => {
  test('when a manifest is published, then workspace and catalog ranges become versions and dev fields go', () => {
    const manifest: Manifest = {
      name: '@cckm/cli',
      version: '0.1.0',
      type: 'module',
      exports: { '.': { source: './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
      bin: { cckm: './dist/bin.js' },
      scripts: { build: 'tsc' },
      dependencies: { '@cckm/client': 'workspace:*', '@cckm/api-types': 'workspace:^', commander: '14.0.3' },
      devDependencies: { typescript: 'catalog:', '@cckm/mock': 'workspace:*' },
    };
    expect(publishedManifest(manifest, context)).toEqual({
      name: '@cckm/cli',
      version: '0.1.0',
      type: 'module',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      bin: { cckm: './dist/bin.js' },
      dependencies: { '@cckm/client': '0.2.0', '@cckm/api-types': '^0.1.0', commander: '14.0.3' },
    });
  });

  test('when a package has its types inlined, then it is dropped from the dependencies', () => {
    const manifest: Manifest = {
      name: '@cckm/client',
      version: '0.1.0',
      dependencies: { '@cckm/api-types': 'workspace:*', 'openapi-fetch': '0.17.0' },
    };
    expect(publishedManifest(manifest, { ...context, inlined: ['@cckm/api-types'] }).dependencies).toEqual({
      'openapi-fetch': '0.17.0',
    });
  });

  test('when a range cannot be resolved, then it fails loudly instead of shipping it', () => {
    expect(() => resolveRange('@cckm/nope', 'workspace:*', context)).toThrow('workspace package not found');
    expect(() => resolveRange('vitest', 'catalog:', context)).toThrow('not in the pnpm catalog');
    expect(resolveRange('typescript', 'catalog:', context)).toBe('5.9.3');
  });

  test('when declarations are rewritten, then .ts specifiers become .js and inlined packages relative paths', () => {
    const source = [
      "import type { Problem } from '@cckm/api-types';",
      "export { createCckmClient } from './client.ts';",
      'type Job = import("@cckm/api-types").components["schemas"]["SynchronizationJob"];',
      "import type { x } from './types.d.ts';",
    ].join('\n');
    const rewritten = rewriteDeclaration('dist/index.d.ts', source, {
      '@cckm/api-types': 'dist/api-types/index.js',
    });
    expect(specifiersOf(rewritten)).toEqual([
      './api-types/index.js',
      './client.js',
      './api-types/index.js',
      './types.d.ts',
    ]);
    expect(rewriteDeclaration('dist/sub/a.d.ts', "from '@x/y'", { '@x/y': 'dist/y/index.js' })).toBe(
      "from '../y/index.js'",
    );
  });

  test('when shipped files import something undeclared or missing, then each is reported', () => {
    const files = new Map([
      [
        'dist/index.js',
        "import createClient from 'openapi-fetch';\nimport { a } from './a.js';\nimport 'node:fs';",
      ],
      ['dist/index.d.ts', "export type { P } from '@cckm/api-types';\nexport * from './gone.js';"],
      ['dist/bin.js', "import { run } from '@cckm/cli/program';\nimport fs from 'fs';"],
    ]);
    const manifest: Manifest = {
      name: '@cckm/cli',
      version: '0.1.0',
      dependencies: { 'openapi-fetch': '0.17.0' },
    };
    expect(unsatisfiedImports(manifest, files)).toEqual([
      { file: 'dist/index.js', specifier: './a.js' },
      { file: 'dist/index.d.ts', specifier: '@cckm/api-types' },
      { file: 'dist/index.d.ts', specifier: './gone.js' },
    ]);
  });

  test('when entry points and source map comments are read, then they are found and removed', () => {
    expect(
      entryPoints({
        name: 'x',
        version: '1.0.0',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
        bin: { x: './dist/bin.js' },
      }),
    ).toEqual(['dist/bin.js', 'dist/index.d.ts', 'dist/index.js']);
    expect(withoutSourceMapComment('export {};\n//# sourceMappingURL=index.js.map')).toBe('export {};\n');
  });
});

const CONSUMER = `// A team's code, in a project that only ran \`npm install <tarballs>\`.
import {
  CckmRequestError,
  CckmWaitError,
  createCckmClient,
  type paths,
  type SynchronizationJob,
  unwrap,
} from '@cckm/client';

declare const process: { argv: string[]; stdout: { write(text: string): void } };
const [, , baseUrl, closedUrl] = process.argv as [string, string, string, string];

const client = createCckmClient({ baseUrl, getToken: async () => 'any-token' });
const { data, error } = await client.createSfdcSynchronizationJob({ synchronize_all: true });
if (error) throw new Error(\`\${error.title}: \${error.detail}\`);
const started: SynchronizationJob = data;
const finished = await client.waitForJob(started, { interval: 100, timeout: 20_000 });
const page = unwrap(await client.listSfdcSynchronizationJobs({ sort: ['-createdAt'], limit: 5 }));
const offline = await createCckmClient({ baseUrl: closedUrl, token: 'x' }).listSfdcSynchronizationJobs();
const sap = await client.waitForJob({ id: started.id, cloud: 'sap' }).catch((caught: unknown) => caught);
type ListPath = keyof paths;
const path: ListPath = '/v1/cckm/sfdc/keys/synchronization-jobs';

if (process.argv.length < 0) {
  // @ts-expect-error exactly one of organization_ids and synchronize_all
  void client.createSfdcSynchronizationJob({ organization_ids: ['00DB000000040bIMAQ'], synchronize_all: true });
  // @ts-expect-error sort keys are typed
  void client.listSfdcSynchronizationJobs({ sort: 'name' });
}

process.stdout.write(
  JSON.stringify({
    started: started.overall_status,
    finished: finished.overall_status,
    total: page.total,
    offline: offline.error instanceof CckmRequestError ? offline.error.kind : 'none',
    sap: sap instanceof CckmWaitError ? sap.kind : 'none',
    path,
  }),
);
`;

const KIT_TEST = `// A team's test, in a project that only ran \`npm install <tarballs> msw @tanstack/react-query react vitest\`.
import { CckmProblemError, createCckmClient, type SynchronizationJob } from '@cckm/client';
import { createCckmHandlers, createCckmModel, DEMO } from '@cckm/msw';
import { cckmQueries } from '@cckm/react-query';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, test } from 'vitest';

const model = createCckmModel({ jobDurationMs: 1_000 });
const server = setupServer(...createCckmHandlers({ model }));
const cckm = cckmQueries(createCckmClient({ baseUrl: 'http://app.test/api', token: 'any' }));
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

test('a sync started through the bindings runs on the model clock', async () => {
  const sync = () => new MutationObserver(queryClient, cckm.createSfdcSynchronizationJob());
  const job: SynchronizationJob = await sync().mutate({ synchronize_all: true });
  expect(job.overall_status).toBe('in_progress');
  const busy = await sync()
    .mutate({ organization_ids: [DEMO.organizations[0].organizationId] })
    .catch((error: unknown) => error);
  expect(busy).toBeInstanceOf(CckmProblemError);
  expect((busy as CckmProblemError).problem).toMatchObject({ status: 409, job_id: job.id });
  model.clock.advance(1_000);
  const watched = await queryClient.fetchQuery(cckm.watchJob(job.id));
  expect(watched.overall_status).toBe('completed');
});

test('a bad request is the server problem, typed; the list pages', async () => {
  const failure = await queryClient.fetchQuery(cckm.listJobs({ limit: 0 })).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(CckmProblemError);
  expect((failure as CckmProblemError).errors).toEqual([{ path: '/query/limit', message: 'must be >= 1' }]);
  await new MutationObserver(queryClient, cckm.createSfdcSynchronizationJob()).mutate({ synchronize_all: true });
  const pages = await queryClient.fetchInfiniteQuery({ ...cckm.infiniteJobs({}, 1), pages: 5 });
  expect(pages.pages.map((page) => page.resources.length)).toEqual([1, 1]);
});
`;

/** The first `lang` code block after the `## heading` of a README of this repository. */
async function quickStart(readme: string, heading: string, lang: string): Promise<string> {
  const text = await readFile(join(repoRoot, readme), 'utf8');
  const section = text.slice(text.indexOf(`## ${heading}\n`));
  const block = new RegExp(`\`\`\`${lang}\n([\\s\\S]*?)\`\`\``).exec(section)?.[1];
  if (!block) throw new Error(`${readme} has no ${lang} block under ## ${heading}`);
  return block;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    skipLibCheck: false,
    outDir: 'out',
  },
  files: ['consumer.ts'],
};

describe('pack -> npm install -> tsc -> run, outside the repo', () => {
  let work: string;
  let tarballs: string;
  let project: string;
  let prism: RunningPrism;
  let packOutput = '';
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, step: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await step();
    } finally {
      timings[label] = Math.round(performance.now() - started);
    }
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cckm-pack-test-'));
    tarballs = join(work, 'tarballs');
    project = join(work, 'consumer');
    // The consumer and cckm send opaque tokens: any bearer token is let through.
    const mock = startPrism({ mode: 'mock', tokens: 'any' });
    packOutput = (
      await timed('pack', () =>
        run(process.execPath, ['--import', 'tsx', 'scripts/pack-packages.ts', '--out', tarballs], {
          cwd: repoRoot,
        }),
      )
    ).stdout;
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    await writeFile(join(project, 'consumer.ts'), CONSUMER);
    // Only the client and the CLI: the client must not need @cckm/api-types at run or type time.
    await timed('npm install', () =>
      run(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--loglevel=error',
          join(tarballs, 'cckm-client-0.1.0.tgz'),
          join(tarballs, 'cckm-cli-0.1.0.tgz'),
        ],
        { cwd: project },
      ),
    );
    prism = await mock;
  }, 180_000);
  afterAll(async () => {
    console.log(`pack-packages timings (ms): ${JSON.stringify(timings)}`);
    await prism?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('when packed, then each tarball ships README, package.json and dist without maps, build state or src', async () => {
    expect((await readdir(tarballs)).sort()).toEqual([
      'cckm-api-types-0.1.0.tgz',
      'cckm-cli-0.1.0.tgz',
      'cckm-client-0.1.0.tgz',
      'cckm-msw-0.1.0.tgz',
      'cckm-react-query-0.1.0.tgz',
    ]);
    for (const tarball of await readdir(tarballs)) {
      const { stdout } = await run('tar', ['-tzf', join(tarballs, tarball)]);
      const files = stdout.trim().split('\n');
      expect(files).toContain('package/README.md');
      expect(files).toContain('package/package.json');
      expect(files.filter((file) => !file.startsWith('package/dist/')).sort()).toEqual([
        'package/README.md',
        'package/package.json',
      ]);
      expect(files.filter((file) => /\.map$|\.tsbuildinfo$|\/src\//.test(file))).toEqual([]);
      const manifest = JSON.parse(
        (await run('tar', ['-xOzf', join(tarballs, tarball), 'package/package.json'])).stdout,
      ) as Manifest;
      expect(manifest.type).toBe('module');
      expect(JSON.stringify(manifest)).not.toMatch(/workspace:|catalog:|"source"/);
      expect(manifest.devDependencies).toBeUndefined();
      for (const entry of entryPoints(manifest)) expect(files).toContain(`package/${entry}`);
      const shipped = new Map<string, string>();
      for (const file of files.filter((name) => /\.(?:js|d\.ts)$/.test(name))) {
        const text = (await run('tar', ['-xOzf', join(tarballs, tarball), file])).stdout;
        expect(text).not.toContain('sourceMappingURL');
        shipped.set(file.slice('package/'.length), text);
      }
      expect(unsatisfiedImports(manifest, shipped)).toEqual([]);
    }
  });

  test('when the client tarball is inspected, then its only dependency is openapi-fetch', async () => {
    const manifest = JSON.parse(
      (await run('tar', ['-xOzf', join(tarballs, 'cckm-client-0.1.0.tgz'), 'package/package.json'])).stdout,
    ) as Manifest;
    expect(manifest.dependencies).toEqual({ 'openapi-fetch': '0.17.0' });
  });

  test('when a strict NodeNext project compiles a consumer, then the client types resolve with no errors', async () => {
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const result = await timed('tsc', () =>
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).catch(
        (failed: { stdout: string }) => failed,
      ),
    );
    expect(result.stdout).toBe('');
    const installed = await readdir(join(project, 'node_modules/@cckm'));
    expect(installed.sort()).toEqual(['cli', 'client']);
  }, 60_000);

  test('when the compiled consumer runs against the mock, then every call returns what the contract says', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/api`;
    const { stdout } = await timed('consumer run', () =>
      run(process.execPath, ['out/consumer.js', prism.url, closed], { cwd: project }),
    );
    expect(JSON.parse(stdout)).toEqual({
      started: 'in_progress',
      finished: 'completed',
      total: 2,
      offline: 'network',
      sap: 'not-observable',
      path: '/v1/cckm/sfdc/keys/synchronization-jobs',
    });
  }, 60_000);

  test('when the api-types tarball is installed alone, then its types compile and its document loads', async () => {
    const alone = join(work, 'api-types-alone');
    await mkdir(alone);
    await writeFile(
      join(alone, 'package.json'),
      JSON.stringify({ name: 'alone', private: true, type: 'module' }),
    );
    await writeFile(
      join(alone, 'tsconfig.json'),
      JSON.stringify({ ...TSCONFIG, files: ['use.ts'] }, null, 2),
    );
    await writeFile(
      join(alone, 'use.ts'),
      [
        "import { openapiDocument, type SynchronizationJob } from '@cckm/api-types';",
        "const status: SynchronizationJob['overall_status'] = 'completed';",
        'console.log(JSON.stringify({ paths: Object.keys(openapiDocument.paths).length, status }));',
        'declare const console: { log(text: string): void };',
        '',
      ].join('\n'),
    );
    await timed('api-types install+tsc', async () => {
      await run(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--offline',
          '--loglevel=error',
          join(tarballs, 'cckm-api-types-0.1.0.tgz'),
        ],
        { cwd: alone },
      );
      const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
      const compiled = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: alone }).catch(
        (failed: { stdout: string }) => failed,
      );
      expect(compiled.stdout).toBe('');
    });
    const { stdout } = await run(process.execPath, ['out/use.js'], { cwd: alone });
    const used = JSON.parse(stdout) as { paths: number; status: string };
    expect(used.status).toBe('completed');
    expect(used.paths).toBeGreaterThanOrEqual(4); // the four path items of the five operations
  }, 60_000);

  test('when the installed cckm runs, then it answers --help and lists jobs from the mock', async () => {
    const cckm = join(project, 'node_modules/.bin/cckm');
    const help = await run(cckm, ['--help'], { cwd: project });
    expect(help.stdout).toContain('Usage: cckm [options] [command]');
    const list = await run(cckm, ['jobs', 'list', '--json', '--url', prism.url, '--token', 'x'], {
      cwd: project,
    });
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 2 });
  }, 60_000);
  test('when packed, then the size of each kit entry point is printed, gzipped, without peers', () => {
    const sizes = [
      ...packOutput.matchAll(/^bundle (@cckm\/[a-z-]+): ([\d.]+) KB gzip, ([\d.]+) KB minified/gm),
    ];
    expect(sizes.map((match) => match[1])).toEqual(['@cckm/msw', '@cckm/react-query']);
    for (const [, , gzip, minified] of sizes) expect(Number(gzip)).toBeLessThan(Number(minified));
    // The bindings are thin: TanStack Query and the client are the app's (peers), not bundled again.
    expect(Number(sizes[1]?.[2])).toBeLessThan(5);
  });

  test('when the kit is installed with npm into an empty project, then strict tsc and its vitest suite pass, READMEs included', async () => {
    const kit = join(work, 'kit-consumer');
    await mkdir(kit);
    await writeFile(
      join(kit, 'package.json'),
      JSON.stringify({ name: 'kit-consumer', private: true, type: 'module' }),
    );
    // Two programs: the kit's own declarations with skipLibCheck off (as the client's above), and
    // the test with it on (vitest's and vite's declarations would add half a minute of checking).
    await writeFile(
      join(kit, 'tsconfig.json'),
      JSON.stringify({
        ...TSCONFIG,
        compilerOptions: { ...TSCONFIG.compilerOptions, noEmit: true, skipLibCheck: true, jsx: 'react-jsx' },
        files: ['kit.test.ts', 'readme.test.ts', 'readme.tsx'],
      }),
    );
    await writeFile(
      join(kit, 'tsconfig.kit.json'),
      JSON.stringify({
        ...TSCONFIG,
        compilerOptions: { ...TSCONFIG.compilerOptions, noEmit: true },
        files: ['kit.ts'],
      }),
    );
    await writeFile(
      join(kit, 'kit.ts'),
      "export type { CckmModel } from '@cckm/msw';\nexport type { CckmQueries } from '@cckm/react-query';\n",
    );
    await writeFile(join(kit, 'kit.test.ts'), KIT_TEST);
    // The READMEs' quick starts, as a team would paste them: the MSW one runs, the React one compiles.
    await writeFile(
      join(kit, 'readme.test.ts'),
      await quickStart('packages/msw/README.md', 'Quick start: vitest', 'ts'),
    );
    await writeFile(
      join(kit, 'readme.tsx'),
      `declare const getToken: () => Promise<string>;\n${await quickStart('packages/react-query/README.md', 'Quick start', 'tsx')}\nexport { Jobs };\n`,
    );
    await timed('kit npm install', () =>
      run(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--loglevel=error',
          ...['api-types', 'client', 'msw', 'react-query'].map((name) =>
            join(tarballs, `cckm-${name}-0.1.0.tgz`),
          ),
          // The peers and the test runner, at the versions this repository tests with.
          'msw@2.15.0',
          '@tanstack/react-query@5.108.4',
          'react@19.3.1',
          '@types/react@19.3.3',
          'vitest@4.1.12',
          '@types/node@20.19.43',
        ],
        { cwd: kit },
      ),
    );
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    for (const project of ['tsconfig.kit.json', 'tsconfig.json']) {
      const compiled = await timed(`kit tsc ${project}`, () =>
        run(process.execPath, [tsc, '-p', project], { cwd: kit }).catch(
          (failed: { stdout: string }) => failed,
        ),
      );
      expect(compiled.stdout).toBe('');
    }
    const tested = await timed('kit vitest', () =>
      run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=json'], { cwd: kit }).catch(
        (failed: { stdout: string; stderr: string }) => failed,
      ),
    );
    const report = JSON.parse(tested.stdout) as { numPassedTests: number; numFailedTests: number };
    expect(report).toMatchObject({ numPassedTests: 3, numFailedTests: 0 });
  }, 180_000);
});
