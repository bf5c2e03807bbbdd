// The generator the fuzz families stand on: what it draws for the contract's request schemas, and
// how it refuses a schema it does not understand. (The server is the other judge: the fuzz suite
// asserts that its valid requests are never a 400 and its invalid bodies always are.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractOperationsForFuzzing } from './contract-operations.ts';
import { isOutOfRangeNumberText, percentEncode } from './hostile.ts';
import { schemaArbitraries } from './schema-arbitrary.ts';

const schemas = schemaArbitraries();
const operations = contractOperationsForFuzzing();
const bodies = operations.flatMap((operation) =>
  operation.body ? [[operation.operationId, operation.body.schema] as const] : [],
);
const parameters = operations.flatMap((operation) =>
  [...operation.pathParameters, ...operation.queryParameters].map(
    (parameter) => [`${operation.operationId} ${parameter.name}`, parameter.schema] as const,
  ),
);

describe('schema arbitraries', () => {
  it('when the contract is read, then the three operations with a JSON body are found', () => {
    expect(bodies.map(([id]) => id).sort()).toEqual([
      'createSapSynchronizationJob',
      'createSfdcSynchronizationJob',
      'updateSfdcOrganization',
    ]);
  });

  it.each(bodies)(
    'when values are drawn for the body of %s, then valid ones pass and invalid ones fail its schema',
    (_id, schema) => {
      const valid = fc.sample(schemas.valid(schema, 'test'), { seed: 1, numRuns: 200 });
      const invalid = fc.sample(schemas.invalid(schema, 'test'), { seed: 1, numRuns: 200 });
      expect(valid.filter((value) => !schemas.accepts(schema, value))).toEqual([]);
      expect(invalid.filter((value) => schemas.accepts(schema, value))).toEqual([]);
      expect(new Set(invalid.map((value) => JSON.stringify(value))).size).toBeGreaterThan(50);
    },
  );

  it.each(parameters)(
    'when values are drawn for the parameter %s, then valid ones pass and invalid ones fail its schema',
    (_name, schema) => {
      const valid = fc.sample(schemas.valid(schema, 'test'), { seed: 3, numRuns: 100 });
      const invalid = fc.sample(schemas.invalid(schema, 'test'), { seed: 3, numRuns: 100 });
      expect(valid.filter((value) => !schemas.accepts(schema, value))).toEqual([]);
      expect(invalid.filter((value) => schemas.accepts(schema, value))).toEqual([]);
    },
  );

  it('when a oneOf names alternative required properties, then a valid value has exactly one of them', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'boolean' }, b: { type: 'integer', minimum: 0, maximum: 3 } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    };
    const values = fc.sample(schemas.valid(schema, 'test'), { seed: 2, numRuns: 100 }) as Record<
      string,
      unknown
    >[];
    expect(values.every((value) => 'a' in value !== 'b' in value)).toBe(true);
    expect(schemas.accepts(schema, { a: true, b: 1 })).toBe(false);
    expect(schemas.accepts(schema, {})).toBe(false);
  });

  it('when a string is counted against maxLength, then code points count, as in JSON Schema', () => {
    const schema = { type: 'string', maxLength: 3 };
    expect(schemas.accepts(schema, '𝕏𝕏𝕏')).toBe(true);
    expect(schemas.accepts(schema, '𝕏𝕏𝕏𝕏')).toBe(false);
  });

  it('when a schema uses a keyword the generator does not know, then it says which', () => {
    expect(() => schemas.valid({ type: 'string', not: { const: 'x' } }, '#/test')).toThrow(
      '#/test: keyword not is not supported by the fuzz generator',
    );
  });
});

describe('hostile helpers', () => {
  it.each([
    ['99999999999999999999', true],
    ['9007199254740993', true],
    ['Infinity', true],
    ['-1e400', true],
    ['9007199254740991', false],
    ['-1', false],
    ['abc', false],
    ['', false],
  ])('when %j is read as a number, then out of range is %s', (text, expected) => {
    expect(isOutOfRangeNumberText(text)).toBe(expected);
  });

  it('when a lone surrogate is percent-encoded, then it becomes U+FFFD instead of throwing', () => {
    expect(percentEncode('a\ud800/')).toBe('a%EF%BF%BD%2F');
  });
});
