// JSON Schema -> fast-check arbitraries, for the subset of JSON Schema 2020-12 the contract's
// request side uses: type, properties/required/additionalProperties, items/minItems/maxItems/
// uniqueItems, minLength/maxLength/pattern/format uuid, enum/const, minimum/maximum (exclusive
// too), and `oneOf`, either of whole schemas (each branch an object shape) or of branches that
// only name required properties of the parent. Any other keyword throws, naming it: a contract
// that outgrows the generator fails the suite loudly instead of being fuzzed with values that
// mean nothing.
//
// `valid(schema)` gives values the schema accepts; `invalid(schema)` gives values that break
// exactly one rule somewhere inside it (a wrong type, a bound, a pattern, a missing or extra
// property, a repeat in a unique list, both or neither branch of a oneOf).
import fc from 'fast-check';
import { type JsonSchema, resolvePointer } from './contract-operations.ts';
import { hasControlCharacter, hostileKey, hostileText } from './hostile.ts';

const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
]);
const SUPPORTED = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'oneOf',
]);
const FORMATS: Record<string, { valid: fc.Arbitrary<string>; test: (value: string) => boolean }> = {
  uuid: {
    valid: fc.uuid(),
    test: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  },
};

export interface SchemaArbitraryOptions {
  /**
   * Known good values by schema location (`#/components/schemas/OrganizationReference`, or
   * `<location>/properties/<name>` for an inline property), mixed into valid values so that valid
   * requests reach real data instead of always answering 404.
   */
  hints?: Record<string, readonly unknown[]>;
}

interface Located {
  schema: JsonSchema;
  location: string;
}

export interface SchemaArbitraries {
  valid(schema: JsonSchema, location: string): fc.Arbitrary<unknown>;
  invalid(schema: JsonSchema, location: string): fc.Arbitrary<unknown>;
  /** Whether `value` satisfies `schema` (the same subset): used to keep mutations honest. */
  accepts(schema: JsonSchema, value: unknown): boolean;
}

export function schemaArbitraries(options: SchemaArbitraryOptions = {}): SchemaArbitraries {
  const hints = options.hints ?? {};

  function located(schema: JsonSchema, location: string): Located {
    const ref = schema.$ref as string | undefined;
    if (!ref) {
      checkKeywords(schema, location);
      return { schema, location };
    }
    const { $ref: _ref, ...siblings } = schema;
    const target = located(resolvePointer(ref) as JsonSchema, ref);
    for (const key of Object.keys(siblings)) {
      if (!ANNOTATIONS.has(key) && !key.startsWith('x-')) {
        throw new Error(`${location}: keyword ${key} next to $ref is not supported by the fuzz generator`);
      }
    }
    return target;
  }

  // Building an arbitrary (a regex for stringMatching above all) costs far more than drawing
  // from it: each schema location is built once.
  const cache = new Map<string, fc.Arbitrary<unknown>>();
  function memoized(kind: string, raw: JsonSchema, location: string, build: () => fc.Arbitrary<unknown>) {
    const key = `${kind} ${location} ${JSON.stringify(raw)}`;
    let arbitrary = cache.get(key);
    if (!arbitrary) {
      arbitrary = build();
      cache.set(key, arbitrary);
    }
    return arbitrary;
  }

  function valid(raw: JsonSchema, rawLocation: string): fc.Arbitrary<unknown> {
    return memoized('valid', raw, rawLocation, () => buildValid(raw, rawLocation));
  }

  function invalid(raw: JsonSchema, rawLocation: string): fc.Arbitrary<unknown> {
    return memoized('invalid', raw, rawLocation, () => buildInvalid(raw, rawLocation));
  }

  function buildValid(raw: JsonSchema, rawLocation: string): fc.Arbitrary<unknown> {
    const { schema, location } = located(raw, rawLocation);
    const known = hints[location];
    const base = validBase(schema, location);
    return known && known.length > 0
      ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: base })
      : base;
  }

  function validBase(schema: JsonSchema, location: string): fc.Arbitrary<unknown> {
    const whole = wholeBranches(schema, location);
    if (whole) {
      // Exactly one branch must match: a value of one branch that another also takes is dropped.
      return fc
        .oneof(...whole.map((branch, index) => valid(branch, `${location}/oneOf/${index}`)))
        .filter((value) => accepts(schema, value));
    }
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    switch (schema.type) {
      case 'string':
        return validString(schema, location);
      case 'integer':
        return validInteger(schema);
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = valid(schema.items as JsonSchema, `${location}/items`);
        const constraints = {
          minLength: (schema.minItems as number | undefined) ?? 0,
          maxLength: Math.min((schema.maxItems as number | undefined) ?? 10, 10),
        };
        return schema.uniqueItems
          ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) })
          : fc.array(items, constraints);
      }
      case 'object':
        return validObject(schema, location);
      default:
        throw new Error(`${location}: type ${String(schema.type)} is not supported by the fuzz generator`);
    }
  }

  function validString(schema: JsonSchema, location: string): fc.Arbitrary<string> {
    const minLength = (schema.minLength as number | undefined) ?? 0;
    const maxLength = (schema.maxLength as number | undefined) ?? 64;
    const fits = (value: string) => codePoints(value) >= minLength && codePoints(value) <= maxLength;
    if (schema.format !== undefined) {
      const format = FORMATS[schema.format as string];
      if (!format) throw new Error(`${location}: format ${String(schema.format)} is not supported`);
      return format.valid.filter(fits);
    }
    if (typeof schema.pattern === 'string') {
      return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
    }
    // Control characters are the control-characters family's business (issue 12, defect 3).
    return fc
      .oneof(
        fc.string({ unit: 'grapheme-ascii', minLength, maxLength: Math.min(maxLength, 40) }),
        fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 20) }),
      )
      .filter((value) => fits(value) && !hasControlCharacter(value));
  }

  function bounds(schema: JsonSchema): { min: number; max: number } {
    let min = (schema.minimum as number | undefined) ?? -(2 ** 31);
    let max = (schema.maximum as number | undefined) ?? Number.MAX_SAFE_INTEGER;
    if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, schema.exclusiveMinimum + 1);
    if (typeof schema.exclusiveMaximum === 'number') max = Math.min(max, schema.exclusiveMaximum - 1);
    return { min, max };
  }

  function validInteger(schema: JsonSchema): fc.Arbitrary<number> {
    const { min, max } = bounds(schema);
    return fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 50) }) },
      { weight: 1, arbitrary: fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number) },
      { weight: 1, arbitrary: fc.constantFrom(min, max) },
    );
  }

  const isRequiredOnly = (branch: JsonSchema) =>
    Object.keys(branch).every((key) => key === 'required' || ANNOTATIONS.has(key) || key.startsWith('x-'));

  /** The oneOf branches that only name required properties of the parent, as those names. */
  function branches(schema: JsonSchema, location: string): string[][] | undefined {
    if (!Array.isArray(schema.oneOf)) return undefined;
    const list = schema.oneOf as JsonSchema[];
    if (!list.every(isRequiredOnly)) return undefined;
    if (schema.type !== 'object') throw new Error(`${location}: a "required" oneOf needs type object`);
    return list.map((branch) => (branch.required as string[] | undefined) ?? []);
  }

  /** The oneOf branches when they are whole schemas (the parent then only annotates them). */
  function wholeBranches(schema: JsonSchema, location: string): JsonSchema[] | undefined {
    if (!Array.isArray(schema.oneOf)) return undefined;
    const list = schema.oneOf as JsonSchema[];
    if (list.every(isRequiredOnly)) return undefined;
    const own = Object.keys(schema).filter(
      (key) => key !== 'oneOf' && !ANNOTATIONS.has(key) && !key.startsWith('x-'),
    );
    if (own.some((key) => key !== 'type')) {
      throw new Error(`${location}: oneOf of whole schemas beside ${own.join(', ')} is not supported`);
    }
    return list;
  }

  function objectFromEntries(entries: [string, unknown][]): Record<string, unknown> {
    // Object.fromEntries defines own properties, so "__proto__" stays a key and reaches JSON.
    return Object.fromEntries(entries);
  }

  function validObject(schema: JsonSchema, location: string): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const required = (schema.required as string[] | undefined) ?? [];
    const alternatives = branches(schema, location) ?? [[]];
    const byBranch = alternatives.map((_branch, chosen) => {
      const mustHave = new Set([...required, ...(alternatives[chosen] ?? [])]);
      const mustNotHave = new Set(
        alternatives
          .flatMap((names, index) => (index === chosen ? [] : names))
          .filter((n) => !mustHave.has(n)),
      );
      const names = Object.keys(properties).filter((name) => !mustNotHave.has(name));
      return fc
        .tuple(
          ...names.map((name) =>
            fc.tuple(
              fc.constant(name),
              valid(properties[name] as JsonSchema, `${location}/properties/${name}`),
              mustHave.has(name) ? fc.constant(true) : fc.boolean(),
            ),
          ),
        )
        .map((fields) => objectFromEntries(fields.filter(([, , keep]) => keep).map(([n, v]) => [n, v])));
    });
    return fc.oneof(...byBranch);
  }

  /** A JSON value of another type than the schema's. */
  function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
    const samples: [string, unknown][] = [
      ['null', null],
      ['boolean', true],
      ['boolean', false],
      ['integer', 0],
      ['number', 1.5],
      ['string', 'text'],
      ['string', ''],
      ['array', []],
      ['array', ['text']],
      ['object', {}],
    ];
    const type = schema.type as string | undefined;
    const others = samples.filter(([kind]) => kind !== type && !(type === 'number' && kind === 'integer'));
    return fc.constantFrom(...others.map(([, value]) => value));
  }

  function buildInvalid(raw: JsonSchema, rawLocation: string): fc.Arbitrary<unknown> {
    const { schema, location } = located(raw, rawLocation);
    const whole = wholeBranches(schema, location);
    if (whole) return invalidOneOf(schema, whole, location);
    const mutations: fc.Arbitrary<unknown>[] = [];
    if ('const' in schema || Array.isArray(schema.enum)) {
      const allowed = 'const' in schema ? [schema.const] : (schema.enum as unknown[]);
      const others: unknown[] = [false, true, 'TRUE', 1, 0, 'unknown', 'in progress', 'COMPLETED'];
      mutations.push(
        fc
          .oneof(fc.constantFrom(...others), hostileText)
          .filter((value) => !allowed.some((item) => JSON.stringify(item) === JSON.stringify(value))),
      );
    }
    if (schema.type !== undefined) mutations.push(wrongType(schema));
    switch (schema.type) {
      case 'string':
        mutations.push(...invalidStrings(schema));
        break;
      case 'integer': {
        const { min, max } = bounds(schema);
        mutations.push(fc.constantFrom(0.5, 1.5, -0.25));
        if (schema.minimum !== undefined || schema.exclusiveMinimum !== undefined) {
          mutations.push(fc.integer({ min: 1, max: 1_000_000 }).map((k) => min - k));
        }
        if (schema.maximum !== undefined || schema.exclusiveMaximum !== undefined) {
          mutations.push(fc.integer({ min: 1, max: 1_000_000 }).map((k) => max + k));
        }
        break;
      }
      case 'array':
        mutations.push(...invalidArrays(schema, location));
        break;
      case 'object':
        mutations.push(...invalidObjects(schema, location));
        break;
    }
    if (mutations.length === 0) throw new Error(`${location}: no way to make an invalid value`);
    return fc.oneof(...mutations).filter((value) => !accepts(schema, value));
  }

  function invalidStrings(schema: JsonSchema): fc.Arbitrary<unknown>[] {
    const mutations: fc.Arbitrary<unknown>[] = [];
    const minLength = schema.minLength as number | undefined;
    const maxLength = schema.maxLength as number | undefined;
    if (minLength !== undefined && minLength > 0) mutations.push(fc.constant('x'.repeat(minLength - 1)));
    if (maxLength !== undefined) {
      mutations.push(
        fc
          .tuple(
            fc.constantFrom('a', 'é', '𝕏', "'"),
            fc.integer({ min: maxLength + 1, max: maxLength + 2_000 }),
          )
          .map(([unit, count]) => unit.repeat(count)),
      );
    }
    const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
    const format = schema.format === undefined ? undefined : FORMATS[schema.format as string];
    if (pattern || format) {
      mutations.push(
        fc
          .oneof(
            hostileText,
            fc.string({ maxLength: 40 }),
            fc.constantFrom('not-a-uuid', '00D', '00DB000000040bIMA'),
          )
          .filter(
            (value) =>
              !hasControlCharacter(value) &&
              ((pattern !== undefined && !pattern.test(value)) ||
                (format !== undefined && !format.test(value))),
          ),
      );
    }
    return mutations;
  }

  function invalidArrays(schema: JsonSchema, location: string): fc.Arbitrary<unknown>[] {
    const itemsSchema = schema.items as JsonSchema;
    const items = valid(itemsSchema, `${location}/items`);
    const minItems = (schema.minItems as number | undefined) ?? 0;
    const maxItems = schema.maxItems as number | undefined;
    const mutations: fc.Arbitrary<unknown>[] = [
      fc
        .tuple(fc.array(items, { maxLength: 3 }), invalid(itemsSchema, `${location}/items`), fc.nat())
        .map(([list, bad, at]) => {
          const copy: unknown[] = [...list];
          copy.splice(at % (copy.length + 1), 0, bad);
          return copy;
        }),
    ];
    if (minItems > 0) mutations.push(fc.constant([]));
    if (maxItems !== undefined) {
      // Not a uniqueArray: an enum's items may be fewer than maxItems + 1, and fast-check would
      // search for unique ones forever. Too long is invalid whether or not items repeat.
      mutations.push(fc.array(items, { minLength: maxItems + 1, maxLength: maxItems + 5 }));
    }
    if (schema.uniqueItems) {
      mutations.push(
        fc.tuple(items, fc.array(items, { maxLength: 2 })).map(([item, rest]) => [item, ...rest, item]),
      );
    }
    return mutations;
  }

  function invalidObjects(schema: JsonSchema, location: string): fc.Arbitrary<unknown>[] {
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const required = (schema.required as string[] | undefined) ?? [];
    const alternatives = branches(schema, location);
    const good = validObject(schema, location);
    const mutations: fc.Arbitrary<unknown>[] = [];
    for (const name of required) {
      mutations.push(
        good.map((value) => objectFromEntries(Object.entries(value).filter(([key]) => key !== name))),
      );
    }
    if (schema.additionalProperties === false) {
      mutations.push(
        fc
          .tuple(
            good,
            hostileKey.filter((key) => !Object.hasOwn(properties, key)),
            fc.oneof(hostileText, fc.jsonValue()),
          )
          .map(([value, key, extra]) => objectFromEntries([...Object.entries(value), [key, extra]])),
      );
    }
    for (const [name, propertySchema] of Object.entries(properties)) {
      mutations.push(
        fc
          .tuple(good, invalid(propertySchema, `${location}/properties/${name}`))
          .map(([value, bad]) =>
            objectFromEntries([...Object.entries(value).filter(([key]) => key !== name), [name, bad]]),
          ),
      );
    }
    if (alternatives) {
      // Every branch at once, and none of them.
      const all = [...new Set(alternatives.flat())];
      mutations.push(
        fc
          .tuple(
            ...all.map((name) => valid(properties[name] as JsonSchema, `${location}/properties/${name}`)),
          )
          .map((values) => objectFromEntries(all.map((name, index) => [name, values[index]]))),
        good.map((value) => objectFromEntries(Object.entries(value).filter(([key]) => !all.includes(key)))),
      );
    }
    return mutations;
  }

  /** Values no branch takes, or more than one: a branch broken, two branches merged, nothing. */
  function invalidOneOf(schema: JsonSchema, whole: JsonSchema[], location: string): fc.Arbitrary<unknown> {
    const branchValues = whole.map((branch, index) => valid(branch, `${location}/oneOf/${index}`));
    const mutations: fc.Arbitrary<unknown>[] = [
      ...whole.map((branch, index) => invalid(branch, `${location}/oneOf/${index}`)),
      fc.constantFrom(null, true, 0, 'text', [], {}),
    ];
    for (const [first, firstValues] of branchValues.entries()) {
      for (const [second, secondValues] of branchValues.entries()) {
        if (first >= second) continue;
        mutations.push(
          fc
            .tuple(firstValues, secondValues)
            .map(([a, b]) =>
              isPlainObject(a) && isPlainObject(b)
                ? objectFromEntries([...Object.entries(a), ...Object.entries(b)])
                : [a, b],
            ),
        );
      }
    }
    return fc.oneof(...mutations).filter((value) => !accepts(schema, value));
  }

  function accepts(raw: JsonSchema, value: unknown): boolean {
    const { schema } = located(raw, 'accepts');
    const whole = wholeBranches(schema, 'accepts');
    if (whole) {
      if (schema.type === 'object' && !isPlainObject(value)) return false;
      return whole.filter((branch) => accepts(branch, value)).length === 1;
    }
    if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) return false;
    if (
      Array.isArray(schema.enum) &&
      !schema.enum.some((item) => JSON.stringify(item) === JSON.stringify(value))
    ) {
      return false;
    }
    switch (schema.type) {
      case 'string': {
        if (typeof value !== 'string') return false;
        if (codePoints(value) < ((schema.minLength as number | undefined) ?? 0)) return false;
        if (codePoints(value) > ((schema.maxLength as number | undefined) ?? Number.POSITIVE_INFINITY))
          return false;
        if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) return false;
        const format = schema.format === undefined ? undefined : FORMATS[schema.format as string];
        return !format || format.test(value);
      }
      case 'integer': {
        const { min, max } = bounds(schema);
        return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
      }
      case 'boolean':
        return typeof value === 'boolean';
      case 'array': {
        if (!Array.isArray(value)) return false;
        if (value.length < ((schema.minItems as number | undefined) ?? 0)) return false;
        if (value.length > ((schema.maxItems as number | undefined) ?? Number.POSITIVE_INFINITY))
          return false;
        if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) {
          return false;
        }
        return value.every((item) => accepts(schema.items as JsonSchema, item));
      }
      case 'object': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
        const record = value as Record<string, unknown>;
        const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
        const keys = Object.keys(record);
        if (((schema.required as string[] | undefined) ?? []).some((name) => !keys.includes(name)))
          return false;
        if (schema.additionalProperties === false && keys.some((key) => !Object.hasOwn(properties, key)))
          return false;
        if (
          keys.some(
            (key) => Object.hasOwn(properties, key) && !accepts(properties[key] as JsonSchema, record[key]),
          )
        ) {
          return false;
        }
        const alternatives = branches(schema, 'accepts');
        return (
          !alternatives ||
          alternatives.filter((names) => names.every((name) => keys.includes(name))).length === 1
        );
      }
      default:
        return true;
    }
  }

  return { valid, invalid, accepts };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON Schema lengths count code points, not UTF-16 units (Ajv does the same). */
function codePoints(value: string): number {
  let count = 0;
  for (const _char of value) count += 1;
  return count;
}

function checkKeywords(schema: JsonSchema, location: string): void {
  for (const key of Object.keys(schema)) {
    if (!SUPPORTED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
      throw new Error(
        `${location}: keyword ${key} is not supported by the fuzz generator (schema-arbitrary.ts)`,
      );
    }
  }
}
