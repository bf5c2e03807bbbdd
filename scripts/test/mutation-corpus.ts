// The breaking-change gate's mutation corpus (fixtures/contract-diff/mutations.yaml): small edits of
// the real openapi/ tree, each with the verdict the gate must give. An edit names a source file
// and a JSON Patch inside it (pointers and `$ref`s as that file has them), a new file, or a
// rename; it is applied in memory to the bundled contract, where each source file is one node:
// `components/<kind>/<Name>.yaml` is `#/components/<kind>/<Name>`, `paths/<file>.yaml` the path
// item whose `$ref` names it in openapi.yaml, `openapi.yaml` the root. Bundling once and patching
// in memory keeps 60+ cases fast; a test bundles a sample of them from a patched copy of the tree
// on disk and checks that both ways give the same document.
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { bundleContract } from '../lib/contract-artifacts.ts';
import { isObject, type Json } from '../lib/contract-diff/json.ts';
import { applyPatch, type PatchOperation } from './json-patch.ts';

export const MUTATION_CLASSES = [
  'accepted', // 1. an acceptance hides only the change it names, only against its release
  'branches', // 2. required-ness and constraints inside oneOf / allOf branches
  'groups', // 3. x-cckm-groups: who may call an operation
  'components', // 4. component names are exported types
  'direction', // 5. request-only is not response; problem kinds
  'rules', // the other published rules, on the real tree
] as const;

export interface Edit {
  /** A source file, relative to openapi/. */
  readonly file: string;
  readonly patch?: readonly PatchOperation[];
  /** A new file with this content. */
  readonly create?: Json;
  /** The file is deleted (nothing may refer to it any more). */
  readonly delete?: boolean;
  /** `git mv` to this name (same folder), every `$ref` to it updated. */
  readonly renameTo?: string;
}

export interface Mutation {
  readonly name: string;
  readonly class: (typeof MUTATION_CLASSES)[number];
  readonly edits: readonly Edit[];
  /** Whether the gate must fail (a breaking change without a major version, not accepted). */
  readonly breaking: boolean;
  /** Compare with this release of openapi/releases/ instead of the unedited tree. */
  readonly base?: string;
  /** Apply the edits to the base (the unedited tree) instead of the head. */
  readonly editBase?: boolean;
  /** Rules the gate must report. */
  readonly reports?: readonly string[];
  /** Rules the gate must not report. */
  readonly never?: readonly string[];
}

interface RawMutation extends Omit<Mutation, 'edits'> {
  readonly edits?: readonly Edit[];
  readonly file?: string;
  readonly patch?: readonly PatchOperation[];
}

export async function loadCorpus(path: string): Promise<Mutation[]> {
  const raw = parse(await readFile(path, 'utf8')) as RawMutation[];
  return raw.map(({ file, patch, edits, ...rest }) => ({
    ...rest,
    edits: edits ?? [{ file: file as string, ...(patch ? { patch } : {}) }],
  }));
}

const KINDS = ['schemas', 'parameters', 'responses', 'headers', 'examples', 'requestBodies'];

/** A source `$ref` (`../components/schemas/X.yaml`, `./X.yaml`) as the bundle writes it. */
function bundledRef(ref: string, file: string): string {
  const match = /(?:^|\/)(?:components\/)?([A-Za-z]+)\/([^/]+)\.yaml$/.exec(ref);
  if (match && KINDS.includes(match[1] as string)) return `#/components/${match[1]}/${match[2]}`;
  const sibling = /^\.\/([^/]+)\.yaml$/.exec(ref);
  if (sibling) return `#/components/${basename(dirname(file))}/${sibling[1]}`;
  return ref;
}

function rewriteRefs(value: Json | undefined, rewrite: (ref: string) => string): Json | undefined {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rewrite) as Json);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' ? rewrite(inner) : (rewriteRefs(inner, rewrite) as Json),
    ]),
  );
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The bundle pointer of a source file. */
function pointerOf(file: string, root: Json): string {
  if (file === 'openapi.yaml') return '';
  const component = /^components\/([A-Za-z]+)\/([^/]+)\.yaml$/.exec(file);
  if (component) return `/components/${component[1]}/${escapePointer(component[2] as string)}`;
  const paths = isObject(root) && isObject(root.paths) ? root.paths : {};
  for (const [key, item] of Object.entries(paths)) {
    if (isObject(item) && item.$ref === file) return `/paths/${escapePointer(key)}`;
  }
  throw new Error(`No bundle node for ${file}`);
}

/**
 * The bundled `document` with `edits` applied. `sourceRoot` is openapi/openapi.yaml as written
 * (it says which path file is which path).
 */
export function applyEdits(document: Json, edits: readonly Edit[], sourceRoot: Json): Json {
  let result = document;
  for (const edit of edits) {
    const at = pointerOf(edit.file, sourceRoot);
    if (edit.create !== undefined) {
      const content = rewriteRefs(edit.create, (ref) => bundledRef(ref, edit.file)) as Json;
      result = applyPatch(result, [{ op: 'add', path: at, value: content }]);
    }
    if (edit.patch) {
      const patch = edit.patch.map((operation) => ({
        ...operation,
        path: `${at}${operation.path}`,
        ...(operation.from === undefined ? {} : { from: `${at}${operation.from}` }),
        ...(operation.value === undefined
          ? {}
          : { value: rewriteRefs(operation.value, (ref) => bundledRef(ref, edit.file)) as Json }),
      }));
      result = applyPatch(result, patch);
    }
    if (edit.delete) result = applyPatch(result, [{ op: 'remove', path: at }]);
    if (edit.renameTo !== undefined) {
      const target = `${dirname(at)}/${escapePointer(edit.renameTo)}`;
      result = applyPatch(result, [{ op: 'move', from: at, path: target }]);
      const before = `#${at}`;
      const after = `#${target}`;
      result = rewriteRefs(result, (ref) => (ref === before ? after : ref)) as Json;
    }
  }
  return result;
}

/**
 * The same edits made the slow way: on a copy of openapi/ on disk (comments dropped from edited
 * files), then bundled. For the test that keeps `applyEdits` honest.
 */
export async function bundleEditedCopy(openapiDir: string, edits: readonly Edit[]): Promise<Json> {
  const dir = await mkdtemp(join(tmpdir(), 'cckm-mutation-'));
  try {
    const copy = join(dir, 'openapi');
    await cp(openapiDir, copy, { recursive: true, filter: (source) => !source.includes('/releases') });
    for (const edit of edits) {
      const path = join(copy, edit.file);
      if (edit.create !== undefined) await writeFile(path, stringify(edit.create));
      if (edit.patch) {
        const source = parse(await readFile(path, 'utf8')) as Json;
        await writeFile(path, stringify(applyPatch(source, edit.patch)));
      }
      if (edit.delete) await rm(path);
      if (edit.renameTo !== undefined) {
        const old = basename(edit.file);
        await rename(path, join(dirname(path), `${edit.renameTo}.yaml`));
        const files = (await readdir(copy, { recursive: true })).filter((file) => file.endsWith('.yaml'));
        for (const file of files) {
          const full = join(copy, file);
          const text = await readFile(full, 'utf8');
          const updated = text.replace(
            new RegExp(`(\\$ref: ["']?(?:[^\\s"']*/)?)${old.replace('.', '\\.')}`, 'g'),
            `$1${edit.renameTo}.yaml`,
          );
          if (updated !== text) await writeFile(full, updated);
        }
      }
    }
    return (await bundleContract(join(copy, 'openapi.yaml'))) as unknown as Json;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the corpus needs of a gate: the differ and the verdict (so an older gate can be measured). */
export interface Gate {
  diffContracts(base: Json, head: Json): readonly { readonly rule: string }[];
  judge(
    changes: readonly never[],
    baseVersion: unknown,
    headVersion: unknown,
    accepted: readonly never[],
    releases: readonly string[],
  ): { readonly ok: boolean };
}

export interface CorpusContext {
  /** The unedited tree, bundled. */
  readonly current: Json;
  /** openapi/openapi.yaml as written. */
  readonly sourceRoot: Json;
  /** Release documents by version. */
  readonly releases: ReadonlyMap<string, Json>;
  readonly accepted: readonly unknown[];
}

export interface Outcome {
  /** Whether the gate failed. */
  readonly breaking: boolean;
  readonly rules: readonly string[];
}

function versionOf(document: Json): unknown {
  return isObject(document) && isObject(document.info) ? document.info.version : undefined;
}

export function runMutation(gate: Gate, context: CorpusContext, mutation: Mutation): Outcome {
  let base = context.current;
  if (mutation.base !== undefined) {
    const release = context.releases.get(mutation.base);
    if (release === undefined) throw new Error(`No release ${mutation.base}`);
    base = release;
  }
  let head = context.current;
  if (mutation.editBase) base = applyEdits(base, mutation.edits, context.sourceRoot);
  else head = applyEdits(head, mutation.edits, context.sourceRoot);
  const changes = gate.diffContracts(base, head);
  const verdict = gate.judge(
    changes as never[],
    versionOf(base),
    versionOf(head),
    context.accepted as never[],
    [...context.releases.keys()],
  );
  return { breaking: !verdict.ok, rules: [...new Set(changes.map((change) => change.rule))].sort() };
}
