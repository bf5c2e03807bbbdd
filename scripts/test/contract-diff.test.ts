// The breaking-change gate: one fixture pair per published rule (base.yaml and a patched copy,
// cases.yaml), the request/response direction, the semver verdict, the README's rules table, and
// the gate itself run on this checkout against the latest release.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffContracts } from '../lib/contract-diff/contracts.ts';
import type { Json } from '../lib/contract-diff/json.ts';
import { listReleases, loadAcceptedChanges, loadRelease } from '../lib/contract-diff/load.ts';
import { formatReport, judge, rulesTable } from '../lib/contract-diff/report.ts';
import { type Change, RULES, type RuleId } from '../lib/contract-diff/rules.ts';
import { repoRoot } from '../lib/repo-paths.ts';

const fixtures = join(repoRoot, 'scripts', 'test', 'fixtures', 'contract-diff');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const script = join(repoRoot, 'scripts', 'diff-contract.ts');

interface PatchOperation {
  op: 'add' | 'replace' | 'remove' | 'move';
  path: string;
  from?: string;
  value?: Json;
}
interface Case {
  name: string;
  patch: PatchOperation[];
  expect: RuleId[];
}

type Container = Record<string, Json> | Json[];

function locate(document: Json, pointer: string): { parent: Container; key: string } {
  const segments = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = segments.pop() as string;
  let parent = document as Container;
  for (const segment of segments) {
    const next = Array.isArray(parent) ? parent[Number(segment)] : parent[segment];
    if (typeof next !== 'object' || next === null) throw new Error(`No ${segment} in ${pointer}`);
    parent = next as Container;
  }
  return { parent, key };
}

/** A small JSON Patch (RFC 6902: add, replace, remove, move) on a copy of `document`. */
function applyPatch(document: Json, patch: PatchOperation[]): Json {
  const copy = structuredClone(document);
  for (const operation of patch) {
    let value = operation.value as Json;
    if (operation.op === 'move' || operation.op === 'remove') {
      const { parent, key } = locate(
        copy,
        operation.op === 'move' ? (operation.from as string) : operation.path,
      );
      if (Array.isArray(parent)) value = parent.splice(Number(key), 1)[0] as Json;
      else {
        if (!(key in parent)) throw new Error(`Nothing at ${operation.path}`);
        value = parent[key] as Json;
        delete parent[key];
      }
      if (operation.op === 'remove') continue;
    }
    const { parent, key } = locate(copy, operation.path);
    if (Array.isArray(parent)) {
      if (key === '-') parent.push(value);
      else if (operation.op === 'replace') parent[Number(key)] = value;
      else parent.splice(Number(key), 0, value);
    } else {
      if (operation.op === 'replace' && !(key in parent))
        throw new Error(`Nothing to replace at ${operation.path}`);
      parent[key] = value;
    }
  }
  return copy;
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

  test('when a breaking change is accepted for a release after the base, then the gate passes and shows it', () => {
    const entry = {
      release: '1.1.0',
      rule: 'operation-removed',
      operation: 'GET /x',
      location: 'operation',
      reason: 'never served',
    };
    const verdict = judge(removed, '1.0.0', '1.1.0', [entry]);
    expect(verdict).toMatchObject({ ok: true, breaking: 0, accepted: removed });
    expect(formatReport(removed, verdict, { base: 'a', head: 'b' })).toContain(
      '  ACCEPTED  operation: removed  [operation-removed]',
    );
    // Also while unreleased (the old version still in info.version), and from an older base.
    expect(judge(removed, '1.0.0', '1.0.0', [entry]).ok).toBe(true);
    expect(judge(removed, '1.0.0', '1.2.0', [entry]).ok).toBe(true);
    // Not once its release is the base, nor for another change.
    expect(judge(removed, '1.1.0', '1.2.0', [entry]).ok).toBe(false);
    expect(judge(removed, '1.0.0', '1.1.0', [{ ...entry, operation: 'GET /y' }]).ok).toBe(false);
  });

  test('when the accepted list is read, then each committed entry names a breaking rule and one without a reason is refused', async () => {
    const committed = await loadAcceptedChanges(
      join(repoRoot, 'openapi', 'releases', 'accepted-breaking-changes.yaml'),
    );
    for (const entry of committed) expect(RULES[entry.rule as RuleId]?.breaking, entry.rule).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'cckm-accepted-'));
    try {
      const file = join(dir, 'accepted.yaml');
      await writeFile(
        file,
        stringify([
          { release: '1.1.0', rule: 'operation-removed', operation: 'GET /x', location: 'operation' },
        ]),
      );
      await expect(loadAcceptedChanges(file)).rejects.toThrow('entry 1 lacks reason');
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
    expect(rulesOf(changes)).toEqual(['documentation-changed']);
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
