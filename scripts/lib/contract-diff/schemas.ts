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
import { canonical, isObject, type Json, type JsonObject, resolve, show } from './json.ts';
import type { RuleId } from './rules.ts';

export type Direction = 'request' | 'response';

export interface SchemaComparison {
  readonly baseDocument: Json;
  readonly headDocument: Json;
  /** Records one difference at `location`. */
  readonly emit: (rule: RuleId, location: string, detail: string) => void;
}

const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const EXACT_CONSTRAINTS = ['pattern', 'format', 'multipleOf', 'contentMediaType', 'contentEncoding'] as const;

interface View {
  /** JSON types allowed; undefined = any. */
  types?: Set<string>;
  /** Allowed values (enum/const), keyed by canonical JSON; undefined = not enumerated. */
  values?: Map<string, Json>;
  /** `x-extensible-enum`: values named, not enforced. */
  extensible?: Map<string, Json>;
  properties: Map<string, Json>;
  required: Set<string>;
  closed: boolean;
  additional?: Json;
  items?: Json;
  constraints: Map<string, Json>;
  uniqueItems: boolean;
  default?: { value: Json };
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
}

function emptyView(): View {
  return {
    properties: new Map(),
    required: new Set(),
    closed: false,
    constraints: new Map(),
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
      if (typeof property !== 'boolean') view.properties.set(name, property);
    }
  }
  if (Array.isArray(schema.required)) for (const name of schema.required) view.required.add(String(name));
  view.closed = schema.additionalProperties === false || schema.unevaluatedProperties === false;
  if (isObject(schema.additionalProperties)) view.additional = schema.additionalProperties;
  if (isObject(schema.items)) view.items = schema.items;
  for (const keyword of [...UPPER_BOUNDS, ...LOWER_BOUNDS, ...EXACT_CONSTRAINTS]) {
    if (schema[keyword] !== undefined) view.constraints.set(keyword, schema[keyword] as Json);
  }
  view.uniqueItems = schema.uniqueItems === true;
  if ('default' in schema) view.default = { value: schema.default as Json };
  view.readOnly = schema.readOnly === true;
  view.writeOnly = schema.writeOnly === true;
  view.deprecated = schema.deprecated === true;
  return view;
}

const both = (a: Json, b: Json): Json => ({ allOf: [a, b] });

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

function viewOf(document: Json, node: Json | undefined, depth = 0): View {
  if (!isObject(node) || depth > 30) return emptyView();
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

  // Bounds, lengths, counts, patterns, formats
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
    else emit(direction === 'request' ? narrowed : widened, detail); // changed: may refuse or produce other values
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
    const inBase = b.properties.has(name) || b.required.has(name);
    const inHead = h.properties.has(name) || h.required.has(name);
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
