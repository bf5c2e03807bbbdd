// The breaking-change gate: one fixture pair per published rule (base.yaml and a patched copy,
// cases.yaml), the request/response direction, branches, the semver verdict, the accepted list,
// the README's rules table, and the gate itself run on this checkout against the latest release.
// The mutation corpus (edits of the real contract) is contract-mutations.test.ts.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffContracts } from '../lib/contract-diff/contracts.ts';
import type { Json } from '../lib/contract-diff/json.ts';
import {
  listReleases,
  loadAcceptedChanges,
  loadRelease,
  loadWorkingContract,
} from '../lib/contract-diff/load.ts';
import {
  type AcceptedChange,
  covers,
  formatReport,
  judge,
  parseSemVer,
  rulesTable,
} from '../lib/contract-diff/report.ts';
import { type Change, RULES, type RuleId } from '../lib/contract-diff/rules.ts';
import { repoRoot, specEntry } from '../lib/repo-paths.ts';
import { applyPatch, type PatchOperation } from './json-patch.ts';

const fixtures = join(repoRoot, 'scripts', 'test', 'fixtures', 'contract-diff');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const script = join(repoRoot, 'scripts', 'diff-contract.ts');

interface Case {
  name: string;
  patch: PatchOperation[];
  expect: RuleId[];
}

const rulesOf = (changes: readonly Change[]) => [...new Set(changes.map((change) => change.rule))].sort();

describe('contract:diff rules', async () => {
  const base = parse(await readFile(join(fixtures, 'base.yaml'), 'utf8')) as Json;
  const cases = parse(await readFile(join(fixtures, 'cases.yaml'), 'utf8')) as Case[];

  test('when the base is compared with itself, then there is no difference', () => {
    expect(diffContracts(base, base)).toEqual([]);
  });

  test.each(cases.map((c) => [c.name, c] as const))(
    'when %s, then exactly its rules are reported',
    (_name, c) => {
      const changes = diffContracts(base, applyPatch(base, c.patch));
      expect(rulesOf(changes)).toEqual([...c.expect].sort());
      const breaking = c.expect.some((rule) => RULES[rule].breaking);
      // The gate (same version on both sides) fails exactly on the breaking ones.
      expect(judge(changes, '1.0.0', '1.0.0').ok).toBe(!breaking);
    },
  );

  test('when the cases are counted, then every published rule has a fixture pair', () => {
    const covered = new Set(cases.flatMap((c) => c.expect));
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule as RuleId))).toEqual([]);
  });

  test('when a shared schema narrows, then the request side breaks and the response side does not', () => {
    const patched = applyPatch(base, [
      { op: 'replace', path: '/components/schemas/WidgetName/maxLength', value: 50 },
    ]);
    const lines = diffContracts(base, patched).map(
      (change) => `${change.scope} | ${change.location} | ${change.rule}`,
    );
    expect(lines).toEqual([
      'GET /widgets | 200 application/json /items[]/name | response-constraint-narrowed',
      'POST /widgets | request body application/json /name | request-constraint-narrowed',
      'POST /widgets | 201 application/json /name | response-constraint-narrowed',
      'PATCH /widgets/{id} | request body application/json /name | request-constraint-narrowed',
      'PATCH /widgets/{id} | 200 application/json /name | response-constraint-narrowed',
    ]);
  });

  test('when one oneOf branch changes, then the change is reported once per use, at its branch', () => {
    const patched = applyPatch(base, [
      { op: 'replace', path: '/components/schemas/Circle/required', value: ['kind'] },
    ]);
    const lines = diffContracts(base, patched).map(
      (change) => `${change.scope} | ${change.location} | ${change.rule}`,
    );
    expect(lines).toEqual([
      'GET /widgets | 200 application/json /items[]/shape(kind=circle)/radius | response-property-became-optional',
      'POST /widgets | 201 application/json /shape(kind=circle)/radius | response-property-became-optional',
      'PATCH /widgets/{id} | 200 application/json /shape(kind=circle)/radius | response-property-became-optional',
    ]);
  });

  test('when every branch changes alike, then the flattened comparison reports it once, without a branch', () => {
    const patched = applyPatch(base, [
      { op: 'add', path: '/components/schemas/Circle/properties/kind/description', value: 'x' },
      { op: 'replace', path: '/components/schemas/Circle/required', value: ['kind'] },
      { op: 'replace', path: '/components/schemas/Square/required', value: ['kind'] },
    ]);
    const locations = diffContracts(base, patched)
      .filter((change) => change.scope === 'POST /widgets' && change.rule !== 'documentation-changed')
      .map((change) => `${change.location} | ${change.rule}`);
    expect(locations).toEqual([
      '201 application/json /shape(kind=circle)/radius | response-property-became-optional',
      '201 application/json /shape(kind=square)/side | response-property-became-optional',
    ]);
  });
});

describe('contract:diff verdict', () => {
  const removed: Change[] = [
    { rule: 'operation-removed', scope: 'GET /x', location: 'operation', detail: 'removed' },
  ];
  const added: Change[] = [
    { rule: 'operation-added', scope: 'GET /y', location: 'operation', detail: 'added' },
  ];

  test('when a breaking change comes with a new major version, then the gate passes and says why', () => {
    const verdict = judge(removed, '1.4.2', '2.0.0');
    expect(verdict).toMatchObject({ ok: true, breaking: 1 });
    expect(verdict.message).toContain('allowed by the new major version 2.0.0');
  });

  test('when a breaking change comes with a minor version, then the gate fails and names the major', () => {
    const verdict = judge(removed, '1.4.2', '1.5.0');
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain('release them as 2.0.0');
  });

  test('when info.version goes backwards or is not semver, then the gate fails', () => {
    expect(judge([], '1.4.2', '1.4.1').ok).toBe(false);
    expect(judge([], '1.4.2', 'v2').ok).toBe(false);
    expect(judge([], '1.0.0', '1.0.0-rc.1').ok).toBe(false);
  });

  test('when non-breaking changes are not released yet, then the gate passes and suggests the next minor', () => {
    expect(judge(added, '1.0.0', '1.0.0')).toMatchObject({
      ok: true,
      message: expect.stringContaining('1.1.0'),
    });
  });

  test('when a report is printed, then changes are grouped by operation, breaking first', () => {
    const changes: Change[] = [
      {
        rule: 'response-property-added',
        scope: 'GET /x',
        location: '200 application/json /a',
        detail: 'added',
      },
      {
        rule: 'response-property-added',
        scope: 'GET /x',
        location: '400 application/json /a',
        detail: 'added',
      },
      { rule: 'parameter-removed', scope: 'GET /x', location: 'parameter query.q', detail: 'removed' },
      { rule: 'version-changed', scope: 'document', location: 'info.version', detail: '1.0.0 -> 1.1.0' },
    ];
    const report = formatReport(changes, judge(changes, '1.0.0', '1.1.0'), { base: 'a', head: 'b' });
    expect(report).toBe(
      [
        'Contract changes: a -> b',
        '',
        'Document',
        '  ok        info.version: 1.0.0 -> 1.1.0  [version-changed]',
        '',
        'GET /x',
        '  BREAKING  parameter query.q: removed  [parameter-removed]',
        '  ok        200, 400 application/json /a: added  [response-property-added]',
        '',
        '1 breaking, 3 non-breaking. 1 breaking change(s) under 1.x. Undo them, or (by the deprecation policy in openapi/README.md) release them as 2.0.0.',
        'Gate: FAIL.',
        '',
      ].join('\n'),
    );
  });

  const entry: AcceptedChange = {
    release: '1.1.0',
    base: '1.0.0',
    rule: 'operation-removed',
    operation: 'GET /x',
    location: 'operation',
    change: 'removed',
    reason: 'never served',
  };

  test('when a breaking change is accepted against the base, then the gate passes and shows it', () => {
    const verdict = judge(removed, '1.0.0', '1.1.0', [entry]);
    expect(verdict).toMatchObject({ ok: true, breaking: 0, accepted: removed });
    expect(verdict.acceptances).toEqual([{ change: removed[0], entry }]);
    expect(formatReport(removed, verdict, { base: 'a', head: 'b' })).toContain(
      '  ACCEPTED  operation: removed  [operation-removed]',
    );
    // Also while unreleased (info.version still names the base).
    expect(judge(removed, '1.0.0', '1.0.0', [entry]).ok).toBe(true);
  });

  test('when the base is another release than the one accepted against, then the entry covers nothing', () => {
    // Not once its own release is the base, not against an older or a later one.
    expect(judge(removed, '1.1.0', '1.2.0', [entry]).ok).toBe(false);
    expect(judge(removed, '1.0.1', '1.1.0', [entry]).ok).toBe(false);
    expect(judge(removed, '0.9.0', '1.1.0', [entry]).accepted).toEqual([]);
    expect(judge(removed, '1.0.0-rc.1', '1.1.0', [entry]).accepted).toEqual([]);
  });

  test('when the base is unreleased work on the release accepted against, then the entry covers it until its own release', () => {
    const next = { ...entry, base: '1.1.0', release: '1.2.0' };
    // main already bumped to 1.2.0 (unreleased), building on 1.1.0.
    expect(judge(removed, '1.2.0', '1.2.0', [next], ['1.0.0', '1.1.0']).ok).toBe(true);
    // 1.2.0 released: its entries cover nothing any more.
    expect(judge(removed, '1.2.0', '1.3.0', [next], ['1.0.0', '1.1.0', '1.2.0']).ok).toBe(false);
    // Work towards a later release than the entry's.
    expect(judge(removed, '1.3.0', '1.3.0', [next], ['1.0.0', '1.1.0']).ok).toBe(false);
  });

  test('when another change happens at an accepted place, then the entry does not cover it', () => {
    const narrowed: Change = {
      rule: 'request-constraint-narrowed',
      scope: 'PATCH /o/{id}',
      location: 'request body application/json /connection',
      detail: 'pattern none -> ^[a-z]+$',
    };
    const accepted = {
      ...entry,
      rule: narrowed.rule,
      operation: narrowed.scope,
      location: narrowed.location,
      change: narrowed.detail,
    };
    const base = parseSemVer('1.0.0') as NonNullable<ReturnType<typeof parseSemVer>>;
    expect(covers(accepted, narrowed, base)).toBe(true);
    expect(covers(accepted, { ...narrowed, detail: 'maxLength 255 -> 64' }, base)).toBe(false);
    expect(covers(accepted, { ...narrowed, detail: 'pattern none -> ^[a-z]+' }, base)).toBe(false);
    expect(covers(accepted, { ...narrowed, location: `${narrowed.location}/x` }, base)).toBe(false);
    expect(covers(accepted, { ...narrowed, rule: 'request-constraint-changed' }, base)).toBe(false);
  });

  test('when the accepted list is read, then an entry without a reason, a change or an older base is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cckm-accepted-'));
    try {
      const file = join(dir, 'accepted.yaml');
      const { reason: _, ...noReason } = entry;
      await writeFile(file, stringify([noReason]));
      await expect(loadAcceptedChanges(file)).rejects.toThrow('entry 1 lacks reason');
      const { change: __, ...noChange } = entry;
      await writeFile(file, stringify([noChange]));
      await expect(loadAcceptedChanges(file)).rejects.toThrow('entry 1 lacks change');
      await writeFile(file, stringify([{ ...entry, base: '1.1.0' }]));
      await expect(loadAcceptedChanges(file)).rejects.toThrow('not older than its release');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("when the README's rules table is read, then it is the differ's rule list", async () => {
    const readme = await readFile(join(repoRoot, 'openapi', 'README.md'), 'utf8');
    const rows = (table: string) =>
      [...table.matchAll(/^\| `([a-z-]+)` +\| (yes|no) +\| (.+?) +\|$/gm)].map((match) =>
        match.slice(1).join(' | '),
      );
    expect(rows(readme)).toEqual(rows(rulesTable()));
    expect(rows(readme)).toHaveLength(Object.keys(RULES).length);
  });
});

describe('contract:diff on the releases', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'cckm-contract-diff-'));
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  const run = (args: string[]) =>
    promisify(execFile)(tsx, [script, ...args], { cwd: repoRoot }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );

  test('when the gate runs on this checkout, then the contract keeps every promise of the latest release', async () => {
    const { code, stdout } = await run([]);
    const latest = (await listReleases(join(repoRoot, 'openapi', 'releases'))).at(-1);
    expect(latest).toBeDefined();
    expect(stdout).toContain(`Contract changes: openapi/releases/${latest?.split('/').at(-1)}`);
    expect(stdout).toContain('Gate: pass.');
    expect(code).toBe(0);
  }, 60_000);

  test('when the committed accepted list is read, then each entry covers exactly one breaking change of its comparison', async () => {
    const releasesDir = join(repoRoot, 'openapi', 'releases');
    const committed = await loadAcceptedChanges(join(releasesDir, 'accepted-breaking-changes.yaml'));
    const releases = new Map(
      (await listReleases(releasesDir)).map((path) => [basename(path, extname(path)), path]),
    );
    const comparisons = new Map<string, Change[]>();
    for (const entry of committed) {
      expect(RULES[entry.rule as RuleId]?.breaking, entry.rule).toBe(true);
      // Accepted against a release; shipped by a later one, or by the contract not yet released.
      const basePath = releases.get(entry.base);
      expect(basePath, `release ${entry.base}`).toBeDefined();
      const key = `${entry.base}..${entry.release}`;
      if (!comparisons.has(key)) {
        const base = await loadRelease(basePath as string, entry.base);
        const headPath = releases.get(entry.release);
        const head = headPath
          ? await loadRelease(headPath, entry.release)
          : await loadWorkingContract(specEntry);
        comparisons.set(key, diffContracts(base.document, head.document));
      }
      const against = parseSemVer(entry.base) as NonNullable<ReturnType<typeof parseSemVer>>;
      const covered = (comparisons.get(key) ?? []).filter((change) => covers(entry, change, against));
      expect(covered, `${entry.operation} ${entry.location}: ${entry.change}`).toHaveLength(1);
    }
  }, 60_000);

  test('when a job-schema refactoring (if/then/else to oneOf of complete objects) is compared, then nothing breaks', async () => {
    const release = await loadRelease(join(repoRoot, 'openapi', 'releases', '1.0.0.yaml'), '1.0.0');
    const head = structuredClone(release.document) as {
      components: { schemas: Record<string, Record<string, Json>> };
    };
    const schemas = head.components.schemas;
    const job = schemas.SynchronizationJob as Record<string, Json>;
    const { if: _if, then: _then, else: _else, ...common } = job;
    const branch = (cloud: string, list: 'kms' | 'groups', other: 'kms' | 'groups') => {
      const properties: Record<string, Json> = {
        ...(common.properties as Record<string, Json>),
        cloud: { type: 'string', const: cloud },
      };
      delete properties[other];
      return { ...common, properties, required: [...(common.required as string[]), list] };
    };
    schemas.SfdcSynchronizationJob = branch('sfdc', 'kms', 'groups');
    schemas.SapSynchronizationJob = branch('sap', 'groups', 'kms');
    schemas.SynchronizationJob = {
      description: job.description as string,
      oneOf: [
        { $ref: '#/components/schemas/SfdcSynchronizationJob' },
        { $ref: '#/components/schemas/SapSynchronizationJob' },
      ],
      discriminator: { propertyName: 'cloud' },
    };
    const changes = diffContracts(release.document, head as unknown as Json);
    expect(changes.filter((change) => RULES[change.rule].breaking)).toEqual([]);
    expect(rulesOf(changes)).toEqual(['component-added']);
  });

  test('when the head breaks a fixture contract, then the script exits 1 and prints the breaking line', async () => {
    const head = join(workDir, 'head.yaml');
    const base = parse(await readFile(join(fixtures, 'base.yaml'), 'utf8')) as Json;
    await writeFile(
      head,
      stringify(applyPatch(base, [{ op: 'remove', path: '/paths/~1widgets/get/parameters/1' }])),
    );
    const { code, stdout } = await run(['--base', join(fixtures, 'base.yaml'), '--head', head]);
    expect(stdout).toContain('GET /widgets\n  BREAKING  parameter query.tags: removed  [parameter-removed]');
    expect(stdout).toContain('Gate: FAIL.');
    expect(code).toBe(1);
  }, 60_000);

  test('when --base names a git ref, then its openapi/ folder is bundled and compared', async () => {
    const { code, stdout } = await run(['--base', 'HEAD']);
    expect(stdout).toContain('Contract changes: git HEAD (');
    expect(code).toBe(0);
  }, 60_000);

  test('when --base names nothing that exists, then the script exits 2', async () => {
    const { code } = await run(['--base', 'no-such-ref-or-file']);
    expect(code).toBe(2);
  }, 60_000);
});
