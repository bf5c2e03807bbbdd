// pnpm contract:review: the version bump a change needs, the line diff of examples, the effect on
// the generated TypeScript, and the script itself on planted commits of a temporary git repository
// holding a copy of openapi/ (base: the contract as released, 1.1.0).
import { execFile, execFileSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderGeneratedFiles } from '../lib/contract-artifacts.ts';
import type { Json } from '../lib/contract-diff/json.ts';
import { loadAcceptedChanges, loadContractAtRef } from '../lib/contract-diff/load.ts';
import { parseSemVer, type SemVer } from '../lib/contract-diff/report.ts';
import type { Change } from '../lib/contract-diff/rules.ts';
import { foldUnchanged, lineDiff } from '../lib/contract-review/line-diff.ts';
import { bumpFor, formatReview, requiredVersion, reviewContracts } from '../lib/contract-review/review.ts';
import { typeScriptEffect } from '../lib/contract-review/typescript-effect.ts';
import { repoRoot } from '../lib/repo-paths.ts';

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const script = join(repoRoot, 'scripts', 'review-contract.ts');
const LIST = 'GET /v1/cckm/sfdc/keys/synchronization-jobs';

const change = (rule: Change['rule']): Change => ({
  rule,
  scope: 'GET /x',
  location: 'operation',
  detail: '',
});
const version = (text: string) => parseSemVer(text) as SemVer;
const show = (v: SemVer) => `${v.major}.${v.minor}.${v.patch}`;

describe('contract:review version bump', () => {
  test('when changes are only documentation, new, or breaking, then the bump is patch, minor or major', () => {
    expect(bumpFor([], [])).toBe('none');
    expect(bumpFor([change('version-changed')], [])).toBe('none');
    expect(bumpFor([change('documentation-changed')], [])).toBe('patch');
    expect(bumpFor([change('documentation-changed'), change('operation-added')], [])).toBe('minor');
    const removed = change('operation-removed');
    expect(bumpFor([removed, change('operation-added')], [])).toBe('major');
    // An accepted breaking change ships in a minor release.
    expect(bumpFor([removed], [removed])).toBe('minor');
  });

  test('when the base is a release or already bumped past one, then the bump counts from the release', () => {
    const releases = ['1.0.0', '1.1.0'];
    expect(show(requiredVersion(version('1.1.0'), 'minor', releases))).toBe('1.2.0');
    expect(show(requiredVersion(version('1.1.0'), 'patch', releases))).toBe('1.1.1');
    expect(show(requiredVersion(version('1.1.0'), 'major', releases))).toBe('2.0.0');
    expect(show(requiredVersion(version('1.1.0'), 'none', releases))).toBe('1.1.0');
    // main at 1.2.0, not released: another minor or patch change needs no second bump.
    expect(show(requiredVersion(version('1.2.0'), 'minor', releases))).toBe('1.2.0');
    expect(show(requiredVersion(version('1.2.0'), 'patch', releases))).toBe('1.2.0');
    expect(show(requiredVersion(version('1.2.0'), 'major', releases))).toBe('2.0.0');
  });
});

describe('contract:review parts', () => {
  test('when two texts differ in one line, then the diff marks it and folds long unchanged runs', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = before.replace('h', 'H');
    expect(lineDiff(before, after)).toEqual([
      ' a',
      ' b',
      ' c',
      ' d',
      ' e',
      ' f',
      ' g',
      '-h',
      '+H',
      ' i',
      ' j',
    ]);
    expect(foldUnchanged(lineDiff(before, after), 2)).toEqual([
      ' ... 5 unchanged lines',
      ' f',
      ' g',
      '-h',
      '+H',
      ' i',
      ' j',
    ]);
    expect(lineDiff('', 'x')).toEqual(['+x']);
  });

  test('when declarations change, then exported types and client methods are listed as added, removed or changed', () => {
    const declarations = (widget: string, extra: string) => `
      export interface paths {
        "/widgets": { get: operations["listWidgets"]; post: never; };
        ${extra}
      }
      export interface components {
        schemas: { /** doc */ Widget: { ${widget} }; Old: string; };
        parameters: never;
      }
      export interface operations {
        listWidgets: { responses: { 200: components["schemas"]["Widget"] } };
        makeGadget: { responses: { 201: string } };
      }`;
    const base = declarations('id: string;', '');
    const head = declarations(
      'id: string; name?: string;',
      '"/gadgets": { post: operations["makeGadget"]; };',
    ).replace('Old: string;', 'New: string;');
    expect(typeScriptEffect(base, head)).toEqual({
      types: {
        added: ["components['schemas']['New']"],
        removed: ["components['schemas']['Old']"],
        changed: ["components['schemas']['Widget']"],
      },
      methods: { added: ['POST /gadgets (makeGadget)'], removed: [], changed: [] },
    });
    // A comment alone changes nothing.
    expect(typeScriptEffect(base, base.replace('/** doc */', '/** other */')).types.changed).toEqual([]);
  });
});

describe('contract:review on planted commits', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
  const edit = async (file: string, from: string, to: string) => {
    const path = join(repo, 'openapi', file);
    const text = await readFile(path, 'utf8');
    expect(text, `${file} contains ${from}`).toContain(from);
    await writeFile(path, text.replace(from, to));
  };
  const run = (args: string[]) =>
    promisify(execFile)(tsx, [script, ...args], { cwd: repo }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );

  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'cckm-review-'));
    await cp(join(repoRoot, 'openapi'), join(repo, 'openapi'), { recursive: true });
    // The planted base plays release 1.1.0, whatever version the working tree is heading for or
    // has released since.
    for (const later of (await readdir(join(repo, 'openapi', 'releases'))).filter((name) =>
      /^1\.(?:[2-9]|\d{2,})\.\d+\.yaml$/.test(name),
    ))
      await rm(join(repo, 'openapi', 'releases', later));
    const root = join(repo, 'openapi', 'openapi.yaml');
    await writeFile(root, (await readFile(root, 'utf8')).replace(/^ {2}version: .*$/m, '  version: 1.1.0'));
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'the contract as released');
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  test('when a minor change bumps info.version, then the report says minor, shows the example and TypeScript diffs, and exits 0', async () => {
    await edit('openapi.yaml', '  version: 1.1.0', '  version: 1.2.0');
    await edit(
      'paths/sfdc_keys_synchronization-jobs.yaml',
      '    - $ref: ../components/parameters/Sort.yaml',
      '    - $ref: ../components/parameters/Sort.yaml\n    - name: cloud\n      in: query\n      schema:\n        type: string',
    );
    await edit('components/examples/SynchronizationJobPage.yaml', '  limit: 10', '  limit: 20');
    git('commit', '-q', '-am', 'a minor change');

    const out = join(repo, 'report.md');
    const { code, stdout } = await run(['--base', 'HEAD~1', '--out', out]);
    expect(stdout).toContain('wrote');
    expect(code).toBe(0);
    const report = await readFile(out, 'utf8');
    expect(report).toContain('# Contract review: git HEAD~1 (1.1.0) -> working tree (1.2.0)');
    expect(report).toContain('| 1.1.0 | 1.2.0 | minor | 1.2.0 |');
    expect(report).toContain(`### \`${LIST}\` (\`listSfdcSynchronizationJobs\`)`);
    expect(report).toContain('| ok | `parameter query.cloud` | `added` | `parameter-added-optional` |');
    expect(report).toContain('- `200 application/json` `jobPage`: changed');
    expect(report).toContain('-  "limit": 10,\n+  "limit": 20,');
    expect(report).toContain(`- Client methods changed: \`${LIST} (listSfdcSynchronizationJobs)\``);
    expect(report).toMatch(/```diff\n--- a\/base\.d\.ts\n\+\+\+ b\/head\.d\.ts/);
  }, 60_000);

  test('when an accepted narrowing follows on the bumped version, then the report relies on its entry', async () => {
    await edit('components/parameters/Limit.yaml', '  maximum: 1000', '  maximum: 500');
    await appendFile(
      join(repo, 'openapi', 'releases', 'accepted-breaking-changes.yaml'),
      [
        '- release: 1.2.0',
        '  base: 1.1.0',
        '  rule: request-constraint-narrowed',
        `  operation: ${LIST}`,
        '  location: parameter query.limit',
        '  change: maximum 1000 -> 500',
        '  reason: No client pages by more than 500.',
        '',
      ].join('\n'),
    );
    git('commit', '-q', '-am', 'an accepted narrowing');
    // In-process, as the script does it (the script itself runs in the other two tests).
    const base = await loadContractAtRef('HEAD~1', repo);
    const head = await loadContractAtRef('HEAD', repo);
    const declarations = async (document: Json) =>
      (await renderGeneratedFiles(document as never)).get('schema.ts') ?? '';
    const review = reviewContracts({
      base,
      head,
      declarations: { base: await declarations(base.document), head: await declarations(head.document) },
      accepted: await loadAcceptedChanges(
        join(repo, 'openapi', 'releases', 'accepted-breaking-changes.yaml'),
      ),
      releases: ['1.0.0', '1.1.0'],
    });
    expect(review).toMatchObject({ ok: true, bump: 'minor', required: '1.2.0' });
    const report = formatReview(review);
    expect(report).toContain(
      '| ACCEPTED | `parameter query.limit` | `maximum 1000 -> 500` | `request-constraint-narrowed` |',
    );
    expect(report).toContain(
      `- \`${LIST}\` \`parameter query.limit\`: \`maximum 1000 -> 500\` (\`request-constraint-narrowed\`), accepted against 1.1.0 for 1.2.0: No client pages by more than 500.`,
    );
  }, 60_000);

  test('when a breaking change keeps a minor version, then the report puts it first with its rule and why, and exits 1', async () => {
    await edit('paths/sfdc_keys_synchronization-jobs.yaml', '    - CCKM Users\n', '');
    await edit(
      'paths/sfdc_keys_synchronization-jobs.yaml',
      'Requires the group `admin`, `CCKM Admins` or `CCKM Users`.',
      'Requires the group `admin` or `CCKM Admins`.',
    );
    git('commit', '-q', '-am', 'a breaking change');
    const { code, stdout } = await run(['--base', 'HEAD~1']);
    expect(stdout).toContain(
      '**FAIL.** info.version 1.2.0 is not bumped enough: this change needs a major version, 2.0.0 or later.',
    );
    expect(stdout).toContain(
      '| **BREAKING** | `x-cckm-groups` | `CCKM Admins, CCKM Users, admin -> CCKM Admins, admin` | `operation-groups-narrowed` | a group of `x-cckm-groups`',
    );
    expect(stdout.indexOf('**BREAKING**')).toBeLessThan(stdout.indexOf('| ok |'));
    expect(code).toBe(1);
  }, 60_000);

  test('when --base is missing, then the script exits 2', async () => {
    expect((await run([])).code).toBe(2);
  }, 60_000);
});
