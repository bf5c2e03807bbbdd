// Direction-aware comparison of two JSON Schemas (one from each contract) at the same place of a
// request or a response.
//
// Each schema is first flattened into a "view": its types, allowed values, properties, required
// names, closedness, items and constraints, with allOf merged as a conjunction and oneOf/anyOf and
// if/then/else merged as a disjunction. Comparing views instead of keywords keeps refactorings that
// accept and produce the same documents silent: `if/then/else` on a field rewritten as a `oneOf`
// of complete objects, a `const` per branch instead of one `enum`, a schema moved behind a `$ref`.
// Then: a request schema that accepts less breaks clients; a response schema that may produce
// more breaks them, except for unknown object fields (tolerant reader). See rules.ts.
//
// A disjunction's view keeps only what all its branches share, so a change inside one branch
// (`kms` no longer required on the Salesforce job) can vanish from it. So where both schemas are a
// choice of branches, the branches are also paired (by discriminator value, else by shape) and
// compared pair by pair; what a pair finds beyond the flattened comparison is reported with the
// branch in the location: `201 application/json (cloud=sfdc)/kms`.
import { canonical, isObject, type Json, type JsonObject, resolve, show } from './json.ts';
import type { RuleId } from './rules.ts';

export type Direction = 'request' | 'response';

export interface SchemaComparison {
  readonly baseDocument: Json;
  readonly headDocument: Json;
  /** Records one difference at `location`. */
  readonly emit: (rule: RuleId, location: string, detail: string) => void;
  /** The schema is an `application/problem+json` body: its `/type` values are problem kinds. */
  readonly problem?: boolean;
}

const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const EXACT_CONSTRAINTS = ['multipleOf', 'contentMediaType', 'contentEncoding'] as const;
/** Keywords that may hold several times at once (allOf): every value must hold. */
const CONJUNCTIVE = ['pattern', 'format'] as const;
type Conjunctive = (typeof CONJUNCTIVE)[number];

/**
 * Formats and the formats that are special cases of them: every `uri` is a `uri-reference`, every
 * int32 an int64. A format replaced by one of its special cases is narrowed, and the reverse
 * widened; any other replacement is a change whose direction the gate cannot tell.
 */
const FORMAT_SPECIAL_CASES: Readonly<Record<string, readonly string[]>> = {
  'uri-reference': ['uri'],
  iri: ['uri'],
  'iri-reference': ['uri', 'uri-reference', 'iri'],
  'idn-email': ['email'],
  'idn-hostname': ['hostname'],
  int64: ['int32'],
  double: ['float'],
};

/** Whether every value satisfying `narrow` satisfies `wide` (same keyword). */
function implies(keyword: Conjunctive, narrow: string, wide: string): boolean {
  return narrow === wide || (keyword === 'format' && (FORMAT_SPECIAL_CASES[wide] ?? []).includes(narrow));
}

interface View {
  /** JSON types allowed; undefined = any. */
  types?: Set<string>;
  /** Allowed values (enum/const), keyed by canonical JSON; undefined = not enumerated. */
  values?: Map<string, Json>;
  /** `x-extensible-enum`: values named, not enforced. */
  extensible?: Map<string, Json>;
  properties: Map<string, Json>;
  /** Properties that must be absent (`name: false`). */
  forbidden: Set<string>;
  required: Set<string>;
  closed: boolean;
  additional?: Json;
  items?: Json;
  constraints: Map<string, Json>;
  /** `pattern` and `format` values that all hold (several through allOf). */
  conjunctive: Record<Conjunctive, Set<string>>;
  uniqueItems: boolean;
  default?: { value: Json };
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
}

function emptyView(): View {
  return {
    properties: new Map(),
    forbidden: new Set(),
    required: new Set(),
    closed: false,
    constraints: new Map(),
    conjunctive: { pattern: new Set(), format: new Set() },
    uniqueItems: false,
    readOnly: false,
    writeOnly: false,
    deprecated: false,
  };
}

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether type `t` is allowed by `types` (an integer is a number). */
function allows(types: Set<string>, t: string): boolean {
  return types.has(t) || (t === 'integer' && types.has('number'));
}

function valueMap(values: Json[]): Map<string, Json> {
  return new Map(values.map((value) => [canonical(value), value]));
}

function ownView(schema: JsonObject): View {
  const view = emptyView();
  if (typeof schema.type === 'string') view.types = new Set([schema.type]);
  else if (Array.isArray(schema.type)) view.types = new Set(schema.type.map(String));
  if ('const' in schema) view.values = valueMap([schema.const as Json]);
  else if (Array.isArray(schema.enum)) view.values = valueMap(schema.enum);
  if (!view.types && view.values) view.types = new Set([...view.values.values()].map(jsonType));
  if (Array.isArray(schema['x-extensible-enum'])) view.extensible = valueMap(schema['x-extensible-enum']);
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (property === false) view.forbidden.add(name);
      else if (typeof property !== 'boolean') view.properties.set(name, property);
    }
  }
  if (Array.isArray(schema.required)) for (const name of schema.required) view.required.add(String(name));
  view.closed = schema.additionalProperties === false || schema.unevaluatedProperties === false;
  if (isObject(schema.additionalProperties)) view.additional = schema.additionalProperties;
  if (isObject(schema.items)) view.items = schema.items;
  for (const keyword of [...UPPER_BOUNDS, ...LOWER_BOUNDS, ...EXACT_CONSTRAINTS]) {
    if (schema[keyword] !== undefined) view.constraints.set(keyword, schema[keyword] as Json);
  }
  for (const keyword of CONJUNCTIVE) {
    if (typeof schema[keyword] === 'string') view.conjunctive[keyword].add(schema[keyword]);
  }
  view.uniqueItems = schema.uniqueItems === true;
  if ('default' in schema) view.default = { value: schema.default as Json };
  view.readOnly = schema.readOnly === true;
  view.writeOnly = schema.writeOnly === true;
  view.deprecated = schema.deprecated === true;
  return view;
}

/** `allOf: [a, b]`, the same object for the same two schemas (so its view is built once). */
const conjunctions = new WeakMap<JsonObject, WeakMap<JsonObject, Json>>();
function both(a: Json, b: Json): Json {
  if (!isObject(a) || !isObject(b)) return { allOf: [a, b] };
  const withA = conjunctions.get(a) ?? new WeakMap<JsonObject, Json>();
  conjunctions.set(a, withA);
  const conjunction = withA.get(b) ?? { allOf: [a, b] };
  withA.set(b, conjunction);
  return conjunction;
}

/** Both views hold: the stricter of each. */
function conjoin(a: View, b: View): View {
  const view = emptyView();
  if (a.types && b.types) {
    view.types = new Set(
      [...a.types, ...b.types].filter(
        (t) => allows(a.types as Set<string>, t) && allows(b.types as Set<string>, t),
      ),
    );
  } else view.types = a.types ?? b.types;
  if (a.values && b.values) view.values = new Map([...a.values].filter(([key]) => b.values?.has(key)));
  else view.values = a.values ?? b.values;
  if (a.extensible || b.extensible)
    view.extensible = new Map([...(a.extensible ?? []), ...(b.extensible ?? [])]);
  view.properties = new Map(a.properties);
  for (const [name, schema] of b.properties) {
    const mine = view.properties.get(name);
    view.properties.set(name, mine === undefined ? schema : both(mine, schema));
  }
  view.forbidden = new Set([...a.forbidden, ...b.forbidden]);
  for (const name of view.forbidden) view.properties.delete(name);
  view.required = new Set([...a.required, ...b.required]);
  view.closed = a.closed || b.closed;
  view.additional =
    a.additional && b.additional ? both(a.additional, b.additional) : (a.additional ?? b.additional);
  view.items = a.items && b.items ? both(a.items, b.items) : (a.items ?? b.items);
  view.constraints = new Map(a.constraints);
  for (const [keyword, value] of b.constraints) {
    const mine = view.constraints.get(keyword);
    if (mine === undefined) view.constraints.set(keyword, value);
    else if (UPPER_BOUNDS.includes(keyword as never))
      view.constraints.set(keyword, Math.min(Number(mine), Number(value)));
    else if (LOWER_BOUNDS.includes(keyword as never))
      view.constraints.set(keyword, Math.max(Number(mine), Number(value)));
  }
  for (const keyword of CONJUNCTIVE) {
    view.conjunctive[keyword] = new Set([...a.conjunctive[keyword], ...b.conjunctive[keyword]]);
  }
  view.uniqueItems = a.uniqueItems || b.uniqueItems;
  view.default = a.default ?? b.default;
  view.readOnly = a.readOnly || b.readOnly;
  view.writeOnly = a.writeOnly || b.writeOnly;
  view.deprecated = a.deprecated || b.deprecated;
  return view;
}

/** One of the views holds: the looser of each; what one branch leaves open stays open. */
function disjoin(views: View[]): View {
  const view = emptyView();
  if (views.every((v) => v.types)) view.types = new Set(views.flatMap((v) => [...(v.types as Set<string>)]));
  if (views.every((v) => v.values))
    view.values = new Map(views.flatMap((v) => [...(v.values as Map<string, Json>)]));
  if (views.some((v) => v.extensible))
    view.extensible = new Map(views.flatMap((v) => [...(v.extensible ?? [])]));
  const alternatives = new Map<string, Json[]>();
  for (const v of views) {
    for (const [name, schema] of v.properties)
      alternatives.set(name, [...(alternatives.get(name) ?? []), schema]);
  }
  for (const [name, schemas] of alternatives) {
    view.properties.set(name, schemas.length === 1 ? (schemas[0] as Json) : { anyOf: schemas });
  }
  const [first, ...rest] = views;
  view.required = new Set(
    [...(first?.required ?? [])].filter((name) => rest.every((v) => v.required.has(name))),
  );
  view.forbidden = new Set(
    [...(first?.forbidden ?? [])].filter((name) => rest.every((v) => v.forbidden.has(name))),
  );
  for (const keyword of CONJUNCTIVE) {
    // What every branch requires still holds; a value only some branches have does not.
    view.conjunctive[keyword] = new Set(
      [...(first?.conjunctive[keyword] ?? [])].filter((value) =>
        rest.every((v) => v.conjunctive[keyword].has(value)),
      ),
    );
  }
  view.closed = views.length > 0 && views.every((v) => v.closed);
  const additional = views.map((v) => v.additional).filter((schema) => schema !== undefined);
  if (additional.length === views.length && additional.length > 0) view.additional = { anyOf: additional };
  const items = views.map((v) => v.items).filter((schema) => schema !== undefined);
  if (items.length > 0) view.items = items.length === 1 ? (items[0] as Json) : { anyOf: items };
  for (const keyword of [...UPPER_BOUNDS, ...LOWER_BOUNDS, ...EXACT_CONSTRAINTS]) {
    const values = views.map((v) => v.constraints.get(keyword));
    if (values.some((value) => value === undefined)) continue;
    if (UPPER_BOUNDS.includes(keyword as never))
      view.constraints.set(keyword, Math.max(...values.map(Number)));
    else if (LOWER_BOUNDS.includes(keyword as never))
      view.constraints.set(keyword, Math.min(...values.map(Number)));
    else if (values.every((value) => canonical(value) === canonical(values[0]))) {
      view.constraints.set(keyword, values[0] as Json);
    }
  }
  view.uniqueItems = views.length > 0 && views.every((v) => v.uniqueItems);
  return view;
}

/**
 * Views (and, below, branches) already built, by schema node. Both depend only on the node and
 * the nodes it refers to, and the differ never changes a document (callers must not either,
 * between comparisons), so each is built once per node: the mutation corpus compares one document
 * with 70 others.
 */
const views = new WeakMap<JsonObject, View>();

function viewOf(document: Json, node: Json | undefined, depth = 0): View {
  if (!isObject(node) || depth > 30) return emptyView();
  const known = views.get(node);
  if (known !== undefined) return known;
  const view = buildView(document, node, depth);
  views.set(node, view);
  return view;
}

function buildView(document: Json, node: JsonObject, depth: number): View {
  if (typeof node.$ref === 'string') {
    // OpenAPI 3.1: keywords beside a $ref apply too (`$ref` + `maxLength`), as in an allOf.
    const { $ref, ...siblings } = node;
    const target = viewOf(document, resolve(document, { $ref }), depth + 1);
    return Object.keys(siblings).length > 0 ? conjoin(target, viewOf(document, siblings, depth + 1)) : target;
  }
  const schema = node;
  let view = ownView(schema);
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf) view = conjoin(view, viewOf(document, member, depth + 1));
  }
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const members = schema[keyword];
    if (Array.isArray(members) && members.length > 0) {
      view = conjoin(view, disjoin(members.map((member) => viewOf(document, member, depth + 1))));
    }
  }
  if (schema.if !== undefined && (schema.then !== undefined || schema.else !== undefined)) {
    const branch = (member: Json | undefined) =>
      member === undefined ? emptyView() : viewOf(document, member, depth + 1);
    view = conjoin(view, disjoin([branch(schema.then), branch(schema.else)]));
  }
  return view;
}

function listOf(values: Iterable<Json>): string {
  return [...values].map((value) => show(value)).join(', ');
}

interface Pair {
  base: Json;
  head: Json;
}

/** Branch labels inside a pointer, `(cloud=sfdc)`, removed: where the flattened view reports. */
function withoutBranches(text: string): string {
  return text.replace(/\([^()]*\)/g, '').trimEnd();
}

// ---------------------------------------------------------------------------------------------
// Branches: a schema as a choice of alternatives (disjunctive normal form), each a conjunction.

/** More alternatives than this (a product of several oneOfs) and the schema is left whole. */
const MAX_BRANCHES = 16;

function product(factors: Json[][]): Json[] {
  let combinations: Json[][] = [[]];
  for (const factor of factors) {
    combinations = combinations.flatMap((combination) => factor.map((piece) => [...combination, piece]));
    if (combinations.length > MAX_BRANCHES) return [];
  }
  return combinations.map((pieces) => (pieces.length === 1 ? (pieces[0] as Json) : { allOf: pieces }));
}

/** `{ required: [name] }` and nothing else that constrains: one side of an "exactly one of" choice. */
function soleRequired(document: Json, member: Json): string | undefined {
  const schema = resolve(document, member);
  if (!isObject(schema) || !Array.isArray(schema.required) || schema.required.length !== 1) return undefined;
  const constraining = Object.keys(schema).filter(
    (key) => !['required', 'title', 'description', '$comment'].includes(key),
  );
  return constraining.length === 0 ? String(schema.required[0]) : undefined;
}

/**
 * The documents an `if` refuses, where that can be said: `if: {properties: {p: {const: v}}}` over
 * an enumerated `p` leaves the other values of `p` to `else`.
 */
function complementOf(document: Json, own: JsonObject, condition: Json): Json {
  const schema = resolve(document, condition);
  if (!isObject(schema) || !isObject(schema.properties)) return {};
  const names = Object.keys(schema.properties);
  if (names.length !== 1) return {};
  const name = names[0] as string;
  const tested = ownView(asObject(resolve(document, schema.properties[name]))).values;
  const all = viewOf(document, own).properties.get(name);
  const values = all === undefined ? undefined : viewOf(document, all).values;
  const only = tested?.size === 1 ? [...tested.keys()][0] : undefined;
  if (only === undefined || !values) return {};
  const rest = [...values].filter(([key]) => key !== only).map(([, value]) => value);
  return { properties: { [name]: { enum: rest } } };
}

function asObject(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}

/** The alternatives `node` allows, none with a oneOf/anyOf/if of its own at the top. */
const branchCache = new WeakMap<JsonObject, Json[]>();

function branchesOf(document: Json, node: Json | undefined, depth = 0): Json[] {
  if (!isObject(node) || depth > 20) return [node ?? {}];
  const known = branchCache.get(node);
  if (known !== undefined) return known;
  const branches = buildBranches(document, node, depth);
  branchCache.set(node, branches);
  return branches;
}

function buildBranches(document: Json, node: JsonObject, depth: number): Json[] {
  if (typeof node.$ref === 'string') {
    const { $ref, ...siblings } = node;
    const target = branchesOf(document, resolve(document, { $ref }), depth + 1);
    if (Object.keys(siblings).length === 0) return target;
    const combined = product([target, branchesOf(document, siblings, depth + 1)]);
    return combined.length > 0 ? combined : [node];
  }
  const { allOf, oneOf, anyOf, if: condition, then, else: otherwise, discriminator: _, ...own } = node;
  const factors: Json[][] = [[own]];
  if (Array.isArray(allOf)) for (const member of allOf) factors.push(branchesOf(document, member, depth + 1));
  for (const [members, exclusive] of [
    [oneOf, true],
    [anyOf, false],
  ] as const) {
    if (!Array.isArray(members) || members.length === 0) continue;
    const alternatives = members.flatMap((member, index) => {
      const pieces = branchesOf(document, member, depth + 1);
      if (!exclusive) return pieces;
      // "Exactly one of": a member matches only where the other sides' sole required name is absent.
      const required = viewOf(document, member).required;
      const absent = members
        .map((other, j) => (j === index ? undefined : soleRequired(document, other)))
        .filter((name): name is string => name !== undefined && !required.has(name));
      if (absent.length === 0) return pieces;
      const exclusion = { properties: Object.fromEntries(absent.map((name) => [name, false])) };
      return pieces.map((piece) => ({ allOf: [piece, exclusion] }));
    });
    factors.push(alternatives);
  }
  if (condition !== undefined && (then !== undefined || otherwise !== undefined)) {
    const branch = (member: Json | undefined) =>
      member === undefined ? [{}] : branchesOf(document, member, depth + 1);
    factors.push([
      ...product([branchesOf(document, condition, depth + 1), branch(then)]),
      ...product([[complementOf(document, own, condition)], branch(otherwise)]),
    ]);
  }
  const branches = product(factors);
  return branches.length > 0 ? branches : [node];
}

interface Branch {
  schema: Json;
  view: View;
  index: number;
}

/** The single value `name` has in a branch, if it has exactly one. */
function valueIn(document: Json, branch: Branch, name: string): Json | undefined {
  const property = branch.view.properties.get(name);
  const values = property === undefined ? undefined : viewOf(document, property).values;
  return values?.size === 1 ? [...values.values()][0] : undefined;
}

/**
 * A property that names the branch: the `discriminator` if there is one, else a property with one
 * distinct value (`const`) in every branch of both sides.
 */
function discriminatorOf(
  comparison: SchemaComparison,
  baseNode: Json | undefined,
  headNode: Json | undefined,
  base: Branch[],
  head: Branch[],
): string | undefined {
  const declared = [baseNode, headNode]
    .map((node, side) => resolve(side === 0 ? comparison.baseDocument : comparison.headDocument, node))
    .map((node) =>
      isObject(node) && isObject(node.discriminator) ? node.discriminator.propertyName : undefined,
    )
    .find((name): name is string => typeof name === 'string');
  const candidates = declared
    ? [declared]
    : [...new Set([...base, ...head].flatMap((branch) => [...branch.view.properties.keys()]))].sort();
  return candidates.find((name) =>
    [
      [comparison.baseDocument, base],
      [comparison.headDocument, head],
    ].every(([document, branches]) => {
      const values = (branches as Branch[]).map((branch) => valueIn(document as Json, branch, name));
      return (
        values.every((value) => value !== undefined) &&
        new Set(values.map((value) => canonical(value))).size === values.length
      );
    }),
  );
}

function overlap(a: Iterable<string>, b: Set<string>): number {
  return [...a].filter((item) => b.has(item)).length;
}

/** How alike two branches look: shared types, property names and (twice) required names. */
function likeness(a: View, b: View): number {
  const types = a.types && b.types ? overlap(a.types, b.types) : 0;
  return (
    types + overlap(a.properties.keys(), new Set(b.properties.keys())) + 2 * overlap(a.required, b.required)
  );
}

interface BranchPair extends Pair {
  label: string;
}

/** Base and head branches paired by discriminator value, the rest by likeness. */
function pairBranches(
  comparison: SchemaComparison,
  baseNode: Json | undefined,
  headNode: Json | undefined,
): BranchPair[] {
  const branches = (document: Json, node: Json | undefined): Branch[] =>
    branchesOf(document, node).map((schema, index) => ({ schema, view: viewOf(document, schema), index }));
  const base = branches(comparison.baseDocument, baseNode);
  const head = branches(comparison.headDocument, headNode);
  if (base.length < 2 || head.length < 2) return [];
  const pairs: BranchPair[] = [];
  const name = discriminatorOf(comparison, baseNode, headNode, base, head);
  const usedBase = new Set<number>();
  const usedHead = new Set<number>();
  if (name !== undefined) {
    for (const b of base) {
      const value = canonical(valueIn(comparison.baseDocument, b, name));
      const h = head.find(
        (candidate) => canonical(valueIn(comparison.headDocument, candidate, name)) === value,
      );
      if (h === undefined) continue;
      const shown = show(valueIn(comparison.headDocument, h, name));
      pairs.push({
        base: b.schema,
        head: h.schema,
        label: /[()]/.test(shown) ? `#${h.index + 1}` : `${name}=${shown}`,
      });
      usedBase.add(b.index);
      usedHead.add(h.index);
    }
  }
  const candidates = base
    .filter((b) => !usedBase.has(b.index))
    .flatMap((b) =>
      head.filter((h) => !usedHead.has(h.index)).map((h) => ({ b, h, score: likeness(b.view, h.view) })),
    )
    .filter((candidate) => candidate.score > 0)
    .sort((x, y) => y.score - x.score || x.b.index - y.b.index || x.h.index - y.h.index);
  // Names every head branch requires say nothing about which one it is.
  const common = new Set(
    [...(head[0]?.view.required ?? [])].filter((n) => head.every((h) => h.view.required.has(n))),
  );
  for (const { b, h } of candidates) {
    if (usedBase.has(b.index) || usedHead.has(h.index)) continue;
    const own = [...h.view.required].filter((n) => !common.has(n)).sort();
    pairs.push({ base: b.schema, head: h.schema, label: own.length > 0 ? own.join('+') : `#${h.index + 1}` });
    usedBase.add(b.index);
    usedHead.add(h.index);
  }
  return pairs;
}

/**
 * The base branch a response schema narrowed to: the base is a choice of two or more branches, the
 * head one branch with the discriminator value of one of them (e.g. `cloud: sfdc`).
 */
function narrowedToOneBranch(
  comparison: SchemaComparison,
  baseNode: Json | undefined,
  headNode: Json | undefined,
): { base: Json; name: string; removed: string } | undefined {
  if (baseNode === undefined || headNode === undefined) return undefined;
  const branches = (document: Json, node: Json): Branch[] =>
    branchesOf(document, node).map((schema, index) => ({ schema, view: viewOf(document, schema), index }));
  const base = branches(comparison.baseDocument, baseNode);
  const head = branches(comparison.headDocument, headNode);
  if (base.length < 2 || head.length !== 1) return undefined;
  const name = discriminatorOf(comparison, baseNode, headNode, base, head);
  if (name === undefined) return undefined;
  const value = canonical(valueIn(comparison.headDocument, head[0] as Branch, name));
  const match = base.find((b) => canonical(valueIn(comparison.baseDocument, b, name)) === value);
  if (match === undefined) return undefined;
  const removed = base
    .filter((b) => b !== match)
    .map((b) => show(valueIn(comparison.baseDocument, b, name)))
    .join(', ');
  return { base: match.schema, name, removed };
}

interface Found {
  rule: RuleId;
  location: string;
  detail: string;
}

/**
 * Compares the schema a request or response had in the base contract with the one it has now,
 * and emits every difference at `location` (e.g. `request body application/json`).
 */
export function compareSchemas(
  comparison: SchemaComparison,
  direction: Direction,
  baseNode: Json | undefined,
  headNode: Json | undefined,
  location: string,
  pointer = '',
  active: Pair[] = [],
): void {
  if (active.length > 40) return;
  if (direction === 'response') {
    const narrowed = narrowedToOneBranch(comparison, baseNode, headNode);
    if (narrowed) {
      // A response that named a choice now names one of its branches (a 201 that named the job
      // union names the one job it produces): the others are documents no longer sent, and the
      // rest is compared with that branch alone.
      const where = `${pointer}/${narrowed.name}`;
      comparison.emit(
        'response-enum-value-removed',
        `${location} ${where}`,
        `no longer sent: ${narrowed.removed}`,
      );
      compareSchemas(comparison, direction, narrowed.base, headNode, location, pointer, active);
      return;
    }
  }
  const flat: Found[] = [];
  const collect = (into: Found[]): SchemaComparison => ({
    ...comparison,
    emit: (rule, where, detail) => into.push({ rule, location: where, detail }),
  });
  compareFlattened(collect(flat), direction, baseNode, headNode, location, pointer, active);
  const seen = new Set(
    flat.map((found) => `${found.rule}|${withoutBranches(found.location)}|${found.detail}`),
  );
  const inBranches: Found[] = [];
  for (const pair of pairBranches(comparison, baseNode, headNode)) {
    compareSchemas(
      collect(inBranches),
      direction,
      pair.base,
      pair.head,
      location,
      `${pointer}(${pair.label})`,
      active,
    );
  }
  for (const found of flat) comparison.emit(found.rule, found.location, found.detail);
  for (const found of inBranches) {
    // What the flattened comparison already reports, it reports once, without a branch.
    if (seen.has(`${found.rule}|${withoutBranches(found.location)}|${found.detail}`)) continue;
    comparison.emit(found.rule, found.location, found.detail);
  }
}

function showSet(values: Set<string>): string {
  if (values.size === 0) return 'none';
  const sorted = [...values].sort();
  return sorted.length === 1 ? (sorted[0] as string) : canonical(sorted);
}

/** The comparison of the flattened views (a disjunction's view keeps what its branches share). */
function compareFlattened(
  comparison: SchemaComparison,
  direction: Direction,
  baseNode: Json | undefined,
  headNode: Json | undefined,
  location: string,
  pointer: string,
  active: Pair[],
): void {
  const base = resolve(comparison.baseDocument, baseNode);
  const head = resolve(comparison.headDocument, headNode);
  if (base === undefined || head === undefined) return;
  // A recursive schema compared with itself again: its differences are already being reported.
  if (active.some((pair) => pair.base === base && pair.head === head)) return;
  const stack = [...active, { base, head }];
  const at = (path: string) => (path ? `${location} ${path}` : location);
  const emit = (rule: RuleId, detail: string) => comparison.emit(rule, at(pointer), detail);
  const narrowed: RuleId =
    direction === 'request' ? 'request-constraint-narrowed' : 'response-constraint-narrowed';
  const widened: RuleId =
    direction === 'request' ? 'request-constraint-widened' : 'response-constraint-widened';
  const changed: RuleId =
    direction === 'request' ? 'request-constraint-changed' : 'response-constraint-changed';
  const problemType =
    comparison.problem === true && direction === 'response' && withoutBranches(pointer) === '/type';

  if (base === false || head === false) {
    if (base !== head)
      emit(
        head === false ? narrowed : widened,
        head === false ? 'nothing allowed any more' : 'values allowed again',
      );
    return;
  }
  const b = viewOf(comparison.baseDocument, baseNode);
  const h = viewOf(comparison.headDocument, headNode);

  // JSON types
  if (b.types || h.types) {
    const lost = b.types ? [...b.types].filter((t) => !h.types || !allows(h.types, t)) : [];
    const gained = h.types ? [...h.types].filter((t) => !b.types || !allows(b.types, t)) : [];
    const before = b.types ? [...b.types].join('|') : 'any';
    const after = h.types ? [...h.types].join('|') : 'any';
    if (!b.types && h.types)
      emit(
        direction === 'request' ? 'request-type-narrowed' : 'response-type-narrowed',
        `type any -> ${after}`,
      );
    else if (b.types && !h.types)
      emit(
        direction === 'request' ? 'request-type-widened' : 'response-type-widened',
        `type ${before} -> any`,
      );
    else if (direction === 'request' && lost.length > 0)
      emit('request-type-narrowed', `type ${before} -> ${after}`);
    else if (direction === 'request' && gained.length > 0)
      emit('request-type-widened', `type ${before} -> ${after}`);
    else if (direction === 'response' && gained.length > 0)
      emit('response-type-widened', `type ${before} -> ${after}`);
    else if (direction === 'response' && lost.length > 0)
      emit('response-type-narrowed', `type ${before} -> ${after}`);
  }

  // Enumerated values
  if (b.values && h.values) {
    const added = [...h.values].filter(([key]) => !b.values?.has(key)).map(([, value]) => value);
    const removed = [...b.values].filter(([key]) => !h.values?.has(key)).map(([, value]) => value);
    if (direction === 'request') {
      if (removed.length > 0) emit('request-enum-value-removed', `no longer accepted: ${listOf(removed)}`);
      if (added.length > 0) emit('request-enum-value-added', `now accepted: ${listOf(added)}`);
    } else if (problemType) {
      if (added.length > 0) emit('problem-type-added', `may now be sent: ${listOf(added)}`);
      if (removed.length > 0) emit('problem-type-removed', `no longer sent: ${listOf(removed)}`);
    } else {
      if (added.length > 0) emit('response-enum-value-added', `may now be sent: ${listOf(added)}`);
      if (removed.length > 0) emit('response-enum-value-removed', `no longer sent: ${listOf(removed)}`);
    }
  } else if (!b.values && h.values) {
    emit(narrowed, `values limited to ${listOf(h.values.values())}`);
  } else if (b.values && !h.values) {
    emit(widened, `values no longer limited to ${listOf(b.values.values())}`);
  }
  if (b.extensible || h.extensible) {
    const before = b.extensible ?? new Map<string, Json>();
    const after = h.extensible ?? new Map<string, Json>();
    const added = [...after].filter(([key]) => !before.has(key)).map(([, value]) => value);
    const removed = [...before].filter(([key]) => !after.has(key)).map(([, value]) => value);
    if (added.length > 0) emit('extensible-enum-value-added', `x-extensible-enum gained ${listOf(added)}`);
    if (removed.length > 0) {
      emit(
        direction === 'request' ? 'request-enum-value-removed' : 'response-enum-value-removed',
        `x-extensible-enum lost ${listOf(removed)}`,
      );
    }
  }

  // Bounds, lengths, counts
  for (const keyword of [...UPPER_BOUNDS, ...LOWER_BOUNDS, ...EXACT_CONSTRAINTS]) {
    const before = b.constraints.get(keyword);
    const after = h.constraints.get(keyword);
    if (canonical(before) === canonical(after)) continue;
    const detail = `${keyword} ${before === undefined ? 'none' : show(before)} -> ${after === undefined ? 'none' : show(after)}`;
    if (before === undefined) emit(narrowed, detail);
    else if (after === undefined) emit(widened, detail);
    else if (UPPER_BOUNDS.includes(keyword as never))
      emit(Number(after) < Number(before) ? narrowed : widened, detail);
    else if (LOWER_BOUNDS.includes(keyword as never))
      emit(Number(after) > Number(before) ? narrowed : widened, detail);
    else emit(changed, detail);
  }
  // Patterns and formats: each value must hold; more of them (or a special case) is narrower.
  for (const keyword of CONJUNCTIVE) {
    const before = b.conjunctive[keyword];
    const after = h.conjunctive[keyword];
    const stricter = [...before].every((old) => [...after].some((now) => implies(keyword, now, old)));
    const looser = [...after].every((now) => [...before].some((old) => implies(keyword, old, now)));
    if (stricter && looser) continue;
    const detail = `${keyword} ${showSet(before)} -> ${showSet(after)}`;
    emit(stricter ? narrowed : looser ? widened : changed, detail);
  }
  if (b.uniqueItems !== h.uniqueItems)
    emit(h.uniqueItems ? narrowed : widened, `uniqueItems ${b.uniqueItems} -> ${h.uniqueItems}`);
  if (direction === 'request' && canonical(b.default) !== canonical(h.default)) {
    emit(
      'request-default-changed',
      `default ${b.default ? show(b.default.value) : 'none'} -> ${h.default ? show(h.default.value) : 'none'}`,
    );
  }
  if (!b.deprecated && h.deprecated) emit('deprecation-added', 'deprecated');

  // Object members
  if (b.closed !== h.closed) {
    if (direction === 'request')
      emit(
        h.closed ? 'request-object-closed' : 'request-object-opened',
        `additionalProperties: false ${h.closed ? 'added' : 'removed'}`,
      );
    else
      emit(
        h.closed ? 'response-object-closed' : 'response-object-opened',
        `additionalProperties: false ${h.closed ? 'added' : 'removed'}`,
      );
  }
  const names = new Set([...b.properties.keys(), ...h.properties.keys(), ...b.required, ...h.required]);
  for (const name of [...names].sort()) {
    const where = at(`${pointer}/${name}`);
    const inBase = !b.forbidden.has(name) && (b.properties.has(name) || b.required.has(name));
    const inHead = !h.forbidden.has(name) && (h.properties.has(name) || h.required.has(name));
    if (!inBase && !inHead) continue;
    const baseProperty = b.properties.get(name);
    const headProperty = h.properties.get(name);
    // Clients never send readOnly fields, nor receive writeOnly ones.
    const hiddenFrom = (view: View | undefined) =>
      view !== undefined && (direction === 'request' ? view.readOnly : view.writeOnly);
    const baseHidden = hiddenFrom(
      baseProperty === undefined ? undefined : viewOf(comparison.baseDocument, baseProperty),
    );
    const headHidden = hiddenFrom(
      headProperty === undefined ? undefined : viewOf(comparison.headDocument, headProperty),
    );
    if (baseHidden && headHidden) continue;
    if (inBase && !inHead) {
      comparison.emit(
        direction === 'request' ? 'request-property-removed' : 'response-property-removed',
        where,
        'removed',
      );
      continue;
    }
    if (!inBase && inHead) {
      if (direction === 'response') comparison.emit('response-property-added', where, 'added');
      else if (h.required.has(name))
        comparison.emit('request-property-added-required', where, 'added, required');
      else comparison.emit('request-property-added', where, 'added, optional');
      continue;
    }
    if (!b.required.has(name) && h.required.has(name)) {
      comparison.emit(
        direction === 'request' ? 'request-property-became-required' : 'response-property-became-required',
        where,
        'now required',
      );
    } else if (b.required.has(name) && !h.required.has(name)) {
      comparison.emit(
        direction === 'request' ? 'request-property-became-optional' : 'response-property-became-optional',
        where,
        'now optional',
      );
    }
    compareSchemas(
      comparison,
      direction,
      baseProperty ?? {},
      headProperty ?? {},
      location,
      `${pointer}/${name}`,
      stack,
    );
  }
  if (b.additional !== undefined && h.additional !== undefined) {
    compareSchemas(comparison, direction, b.additional, h.additional, location, `${pointer}/*`, stack);
  }
  if (b.items !== undefined || h.items !== undefined) {
    compareSchemas(comparison, direction, b.items ?? {}, h.items ?? {}, location, `${pointer}[]`, stack);
  }
}
