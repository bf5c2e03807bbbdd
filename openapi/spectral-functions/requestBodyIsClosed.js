// Spectral custom function: every object schema a request body can contain rejects unknown fields,
// i.e. carries `additionalProperties: false`, at any depth. The walk follows what shapes the
// accepted instance: $ref (internal), properties, patternProperties, additionalProperties,
// items, prefixItems, allOf/oneOf/anyOf, then/else and dependentSchemas; it skips `not` and `if`,
// which only constrain.
//
// An object schema is one that says `type: object` (alone or in a type list), or that has no
// `type` but describes members (`properties`, `patternProperties`, a schema-valued
// `additionalProperties`). One exception keeps the classic allOf trap out: a member of
// allOf/oneOf/anyOf/then/else without a `type` of its own, under a parent that is already closed,
// only adds constraints to the parent's object (`oneOf: [{required: [a]}, {required: [b]}]`), so it
// need not (and must not) close itself. A free-form map (`additionalProperties: {type: string}`)
// is an object that accepts any key: it fails too, on purpose.
const COMBINATORS = ['allOf', 'oneOf', 'anyOf'];

function typesOf(schema) {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type : undefined;
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describesMembers(schema) {
  return (
    isPlainObject(schema.properties) ||
    isPlainObject(schema.patternProperties) ||
    isPlainObject(schema.additionalProperties)
  );
}

function resolvePointer(root, ref) {
  const segments = ref
    .slice(2)
    .split('/')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  for (const segment of segments) {
    if (!isPlainObject(node) && !Array.isArray(node)) return undefined;
    node = node[segment];
  }
  return node === undefined ? undefined : { node, path: segments };
}

export default function requestBodyIsClosed(rootSchema, _options, context) {
  const results = [];
  const visited = new Set();
  const root = context?.documentInventory?.resolved ?? context?.document?.data;

  function walk(schema, path, asConstraintOfClosedParent) {
    if (!isPlainObject(schema) || visited.has(schema)) return;
    if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/') && root) {
      const target = resolvePointer(root, schema.$ref);
      if (target) walk(target.node, target.path, asConstraintOfClosedParent);
      return;
    }
    visited.add(schema);

    const types = typesOf(schema);
    const objectTyped = types ? types.includes('object') : describesMembers(schema);
    const exempt = asConstraintOfClosedParent && types === undefined;
    const closed = schema.additionalProperties === false;
    if (objectTyped && !exempt && !closed) {
      results.push({
        message:
          'A request-body object schema lacks `additionalProperties: false`: unknown fields would pass.',
        path,
      });
    }

    for (const keyword of ['properties', 'patternProperties', 'dependentSchemas']) {
      if (!isPlainObject(schema[keyword])) continue;
      for (const [name, member] of Object.entries(schema[keyword])) {
        walk(member, [...path, keyword, name], keyword === 'dependentSchemas' && closed);
      }
    }
    if (isPlainObject(schema.additionalProperties)) {
      walk(schema.additionalProperties, [...path, 'additionalProperties'], false);
    }
    if (isPlainObject(schema.items)) walk(schema.items, [...path, 'items'], false);
    for (const keyword of ['items', 'prefixItems']) {
      if (!Array.isArray(schema[keyword])) continue;
      for (const [index, item] of schema[keyword].entries()) walk(item, [...path, keyword, index], false);
    }
    for (const keyword of COMBINATORS) {
      if (!Array.isArray(schema[keyword])) continue;
      for (const [index, member] of schema[keyword].entries())
        walk(member, [...path, keyword, index], closed);
    }
    for (const keyword of ['then', 'else']) {
      walk(schema[keyword], [...path, keyword], closed);
    }
  }

  walk(rootSchema, context?.path ?? [], false);
  return results;
}
