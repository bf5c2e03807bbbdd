// The fuzz families: each one a fast-check arbitrary of raw requests aimed at one kind of input,
// built from the bundled contract's operations and schemas. Every response must satisfy the
// common property (see property.ts); a family that knows the contract's answer also sets
// `expectStatus` on its requests (an invalid body is a 400, a missing token a 401, ...).
//
// The inputs behind each defect that issue 12 lists live in a family of their own (charsets and
// encodings, out-of-range paging, bracketed query keys, control characters, requests Node's parser
// refuses, oversized declared bodies), so that each can be marked as a known failure and flipped
// on its own once fixed (known-defects.ts). The other families exclude exactly those inputs.
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DEMO } from '../../src/index.ts';
import {
  contractOperationsForFuzzing,
  type FuzzOperation,
  type ParameterSpec,
  resolveSchema,
} from './contract-operations.ts';
import {
  controlText,
  deeplyNested,
  hasControlCharacter,
  hostileKey,
  hostileNumberText,
  hostileText,
  isOutOfRangeNumberText,
  malformedPercent,
  outOfRangeNumberText,
  percentEncode,
} from './hostile.ts';
import type { FuzzRequest } from './raw-http.ts';
import { schemaArbitraries } from './schema-arbitrary.ts';

/** Authorization header values the families send. */
export interface FuzzTokens {
  /** A valid admin token of the demo domain (most requests carry it). */
  admin: string;
  /** Header values that must not authenticate anyone (`undefined`: no header at all). */
  refused: readonly (string | undefined)[];
}

export interface Family {
  name: string;
  summary: string;
  /** Cases in the bounded slice `pnpm test` runs, per database. */
  cases: number;
  /** How long one answer may take, in ms. */
  timeoutMs?: number;
  arbitrary(tokens: FuzzTokens): fc.Arbitrary<FuzzRequest>;
}

const operations = contractOperationsForFuzzing();
const bodyOperations = operations.filter((operation) => operation.body);
const parameterOperations = operations.filter(
  (operation) => operation.pathParameters.length + operation.queryParameters.length > 0,
);
const pagingOperations = operations.filter((operation) => integerQueryParameters(operation).length > 0);

function integerQueryParameters(operation: FuzzOperation): ParameterSpec[] {
  return operation.queryParameters.filter((parameter) => resolveSchema(parameter.schema).type === 'integer');
}

/** The demo domain's real IDs and names, so valid requests reach data instead of 404s. */
function demoHints(): Record<string, readonly unknown[]> {
  const organizations = Object.values(DEMO.organizations);
  const connections = Object.values(DEMO.connections);
  return {
    '#/components/schemas/OrganizationReference': organizations.flatMap((o) => [o.id, o.sfdcOrgId]),
    '#/components/schemas/SapGroupReference': DEMO.sapGroups.flatMap((group) => [group.id, group.groupId]),
    // Path IDs are hinted per operation (see validPathValues): each names its own kind of resource.
    'deleteSfdcTenantSecretBackup/id': [DEMO.destroyedSecretId, DEMO.activeSecretId],
    'updateSfdcOrganization/id': organizations.map((organization) => organization.id),
    '#/components/schemas/UpdateOrganizationRequest/properties/connection': connections.flatMap((c) => [
      c.name,
      c.id,
    ]),
  };
}

const schemas = schemaArbitraries({ hints: demoHints() });

/** Keeps URLs under Node's 16 KB header limit (going over it is the parser-level family's case). */
const fitsInUrl = (value: string) => percentEncode(value).length <= 6_000;

// ---------------------------------------------------------------------------------------------
// Serialization: values -> percent-encoded path segments, query pairs and JSON bodies.

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function queryPairs(parameter: ParameterSpec, value: unknown): string[] {
  const key = percentEncode(parameter.name);
  if (!Array.isArray(value)) return [`${key}=${percentEncode(text(value))}`];
  if (parameter.explode) return value.map((item) => `${key}=${percentEncode(text(item))}`);
  return [`${key}=${value.map((item) => percentEncode(text(item))).join(',')}`];
}

interface Parts {
  /** Encoded path parameter values by name. */
  pathValues: Record<string, string>;
  /** Encoded `key=value` pairs, in order. */
  query: string[];
  body: string | Uint8Array | undefined;
}

function pathOf(operation: FuzzOperation, values: Record<string, string>): string {
  return operation.pathTemplate.replace(/\{([^}]+)\}/g, (_match, name: string) => values[name] ?? '');
}

function bodyLocation(operation: FuzzOperation): string {
  return `${operation.operationId}/requestBody`;
}

function validPathValues(operation: FuzzOperation): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(
      ...operation.pathParameters.map((parameter) =>
        schemas
          .valid(parameter.schema, `${operation.operationId}/${parameter.name}`)
          .map((value) => [parameter.name, percentEncode(text(value))] as [string, string]),
      ),
    )
    .map((entries) => Object.fromEntries(entries));
}

function validQuery(operation: FuzzOperation, except: readonly string[] = []): fc.Arbitrary<string[]> {
  const parameters = operation.queryParameters.filter((parameter) => !except.includes(parameter.name));
  return fc
    .tuple(
      ...parameters.map((parameter) => {
        const pairs = schemas
          .valid(parameter.schema, parameter.ref)
          .map((value) => queryPairs(parameter, value));
        return parameter.required ? pairs : fc.option(pairs, { nil: undefined, freq: 2 });
      }),
    )
    .map((lists) => lists.flatMap((pairs) => pairs ?? []));
}

function validBodyValue(operation: FuzzOperation): fc.Arbitrary<unknown> {
  return operation.body
    ? schemas.valid(operation.body.schema, bodyLocation(operation))
    : fc.constant(undefined);
}

function validParts(operation: FuzzOperation): fc.Arbitrary<Parts> {
  return fc.record({
    pathValues: validPathValues(operation),
    query: validQuery(operation),
    body: validBodyValue(operation).map((value) => (value === undefined ? undefined : JSON.stringify(value))),
  });
}

function request(
  family: string,
  operation: FuzzOperation,
  parts: Parts,
  options: {
    authorization?: string | undefined;
    headers?: Record<string, string>;
    method?: string;
    expectStatus?: readonly number[];
    expectation?: string;
    raw?: boolean;
  } & { tokens: FuzzTokens },
): FuzzRequest {
  const query = parts.query.length > 0 ? `?${parts.query.join('&')}` : '';
  const authorization = 'authorization' in options ? options.authorization : `Bearer ${options.tokens.admin}`;
  const headers: Record<string, string> = {
    ...(authorization === undefined ? {} : { authorization }),
    ...(parts.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...options.headers,
  };
  return {
    family,
    method: options.method ?? operation.method,
    path: `${pathOf(operation, parts.pathValues)}${query}`,
    headers,
    ...(parts.body === undefined ? {} : { body: parts.body }),
    ...(options.raw ? { raw: true } : {}),
    ...(options.expectStatus ? { expectStatus: options.expectStatus } : {}),
    ...(options.expectation ? { expectation: options.expectation } : {}),
  };
}

/**
 * Whether this query text spells a value the schema accepts. Integers are spelled in decimal
 * digits only (`5`, not ` 5`, `+5`, `5.0`, `0x5` or `5e0`), as the server reads them.
 */
function queryTextAccepted(parameter: ParameterSpec, raw: string): boolean {
  const schema = resolveSchema(parameter.schema);
  const coerce = (item: string, itemSchema: typeof schema): unknown => {
    const type = resolveSchema(itemSchema).type;
    if (type === 'integer') return /^-?\d+$/.test(item) ? Number(item) : item;
    if (type === 'number') return item.trim() === '' ? item : Number(item);
    if (type === 'boolean') return item === 'true' ? true : item === 'false' ? false : item;
    return item;
  };
  const value =
    schema.type === 'array'
      ? raw.split(',').map((item) => coerce(item, schema.items as typeof schema))
      : coerce(raw, schema);
  return schemas.accepts(parameter.schema, value);
}

// ---------------------------------------------------------------------------------------------
// The families.

const statusesOfValidRequests = [200, 201, 404, 409, 422];

const contractValid: Family = {
  name: 'contract-valid',
  summary: 'requests the contract accepts, for every operation (bodies and parameters from the schemas)',
  cases: 260,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      validParts(operation).map((parts) =>
        request('contract-valid', operation, parts, {
          tokens,
          expectStatus: statusesOfValidRequests,
          expectation: 'a request the contract accepts is never refused as invalid or unauthorized',
        }),
      ),
    ),
};

const invalidBodies: Family = {
  name: 'invalid-bodies',
  summary: 'bodies that break one rule of their schema (type, bound, pattern, missing/extra/poisoned keys)',
  cases: 260,
  arbitrary: (tokens) =>
    fc.constantFrom(...bodyOperations).chain((operation) =>
      fc
        .record({
          pathValues: validPathValues(operation),
          query: validQuery(operation),
          body: schemas
            .invalid(operation.body?.schema ?? {}, bodyLocation(operation))
            .map((value) => JSON.stringify(value) ?? 'null'),
        })
        .map((parts) =>
          request('invalid-bodies', operation, parts, {
            tokens,
            expectStatus: [400],
            expectation: 'a body its schema refuses is a 400',
          }),
        ),
    ),
};

const MALFORMED_JSON = [
  '{',
  '}',
  '{"a":}',
  '{"synchronize_all":true',
  '{"synchronize_all":true}}',
  "{'synchronize_all':true}",
  '{"synchronize_all":tru}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":-Infinity}',
  '[1,]',
  '{"a":1,}',
  '/* comment */ {}',
  '{"a":"\\x41"}',
  '{"a":"\u0000"}',
  '{"a":"\n"}',
  'undefined',
  'null',
  'true',
  '"string"',
  '42',
  '<xml/>',
  '{"a" "b"}',
  '{"a":01}',
];

const malformedJson: Family = {
  name: 'malformed-json',
  summary: 'bodies declared as JSON that do not parse as a JSON object (any operation)',
  cases: 100,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          pathValues: validPathValues(operation),
          query: validQuery(operation),
          body: fc.oneof(
            fc.constantFrom(...MALFORMED_JSON),
            // A valid body cut short: never a whole JSON object.
            fc.tuple(validBodyValue(bodyOperations[0] as FuzzOperation), fc.nat()).map(([value, cut]) => {
              const json = JSON.stringify(value);
              return json.slice(0, 1 + (cut % (json.length - 1)));
            }),
            fc.string({ minLength: 1, maxLength: 30 }).filter((value) => !isJsonObjectOrArray(value)),
          ),
        })
        .map((parts) =>
          request('malformed-json', operation, parts, {
            tokens,
            expectStatus: [400],
            expectation: 'a body that is not JSON is a 400',
          }),
        ),
    ),
};

function isJsonObjectOrArray(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

const hostileJson: Family = {
  name: 'hostile-json',
  summary:
    'JSON that parses but strains the parser: deep nesting, huge strings and numbers, duplicate and poisoned keys, BOM',
  cases: 80,
  arbitrary: (tokens) =>
    fc.constantFrom(...bodyOperations).chain((operation) =>
      fc
        .record({
          pathValues: validPathValues(operation),
          query: validQuery(operation),
          body: fc.oneof(
            fc
              .tuple(
                fc.integer({ min: 500, max: 45_000 }),
                fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
              )
              .map(([depth, kind]) => deeplyNested(depth, kind)),
            fc
              .tuple(
                fc.integer({ min: 500, max: 30_000 }),
                fc.constantFrom('connection', 'organization_ids', 'groups', 'x'),
              )
              .map(([depth, key]) => `{"${key}":${deeplyNested(depth, 'array')}}`),
            fc
              .tuple(fc.constantFrom('connection', 'synchronize_all', 'organization_ids'), hostileNumberText)
              .map(([key, number]) => `{"${key}":${number}}`),
            fc
              .tuple(fc.integer({ min: 1_000, max: 150_000 }), fc.constantFrom('connection', 'x'))
              .map(([length, key]) => `{"${key}":"${'a'.repeat(length)}"}`),
            fc
              .tuple(hostileKey, validBodyValue(operation))
              .map(
                ([key, value]) =>
                  `{${JSON.stringify(key)}:{"__proto__":{"admin":true}},${JSON.stringify(value).slice(1)}`,
              ),
            validBodyValue(operation).map((value) => `\ufeff${JSON.stringify(value)}`),
            validBodyValue(operation).map((value) => {
              const json = JSON.stringify(value);
              return `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${json.slice(1)}`;
            }),
            validBodyValue(operation).map((value) => ` \t\r\n${JSON.stringify(value, null, 40)}\n\n`),
          ),
        })
        .map((parts) => request('hostile-json', operation, parts, { tokens })),
    ),
};

const invalidParameters: Family = {
  name: 'invalid-parameters',
  summary:
    'one path or query parameter broken (schema mutations, hostile text, malformed %-encoding, repeats)',
  cases: 220,
  arbitrary: (tokens) =>
    fc.constantFrom(...parameterOperations).chain((operation) => {
      const parameters = [...operation.pathParameters, ...operation.queryParameters];
      return fc.constantFrom(...parameters).chain((broken) => {
        const isInteger = resolveSchema(broken.schema).type === 'integer';
        const badText = fc
          .oneof(
            schemas.invalid(broken.schema, broken.ref).map(text),
            hostileText,
            fc.string({ maxLength: 20 }),
            fc.constantFrom(' 5', '5 ', '+5', '5.0', '0x10', '1e1', '05e0', '٥'),
          )
          .filter(
            (value) =>
              value !== '' &&
              !hasControlCharacter(value) &&
              !(isInteger && isOutOfRangeNumberText(value)) &&
              fitsInUrl(value) &&
              !queryTextAccepted(broken, value),
          )
          .map(percentEncode);
        const encoded = fc.oneof(
          { weight: 4, arbitrary: badText },
          { weight: 1, arbitrary: malformedPercent },
        );
        return fc
          .record({
            pathValues: validPathValues(operation),
            query: validQuery(operation, [broken.name]),
            body: validBodyValue(operation).map((value) =>
              value === undefined ? undefined : JSON.stringify(value),
            ),
            bad: encoded,
            repeat: fc.boolean(),
          })
          .map(({ bad, repeat, ...parts }) => {
            const pair = `${percentEncode(broken.name)}=${bad}`;
            if (broken.in === 'path') parts.pathValues[broken.name] = bad;
            else parts.query.push(...(repeat ? [pair, pair] : [pair]));
            return request('invalid-parameters', operation, parts, {
              tokens,
              expectStatus: [400],
              expectation: `an invalid ${broken.in} parameter ${broken.name} is a 400`,
            });
          });
      });
    }),
};

const KNOWN_NAMES = [...new Set(operations.flatMap((o) => o.queryParameters.map((p) => p.name)))];

/** Keys the query parser rewrites rather than reads: brackets (qs syntax), in any encoding. */
function hasBracket(key: string): boolean {
  return /[[\]]/.test(key);
}

const unknownParameters: Family = {
  name: 'unknown-parameters',
  summary: 'valid requests plus query parameters the operation does not declare (plain spellings)',
  cases: 100,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) => {
      const declared = operation.queryParameters.map((parameter) => parameter.name);
      const key = fc
        .oneof(
          fc.constantFrom(...KNOWN_NAMES).map((name) => name.toUpperCase()),
          fc.constantFrom(...KNOWN_NAMES).map((name) => `${name} `),
          fc.constantFrom(...KNOWN_NAMES, 'foo', 'filter', 'offset', 'page', 'q'),
          hostileKey,
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
        )
        .filter(
          (name) =>
            name !== '' && !declared.includes(name) && !hasBracket(name) && !hasControlCharacter(name),
        );
      const value = hostileText.filter(fitsInUrl);
      return fc
        .record({
          parts: validParts(operation),
          keys: fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }),
        })
        .map(({ parts, keys }) => {
          for (const [name, value] of keys)
            parts.query.push(`${percentEncode(name)}=${percentEncode(value)}`);
          return request('unknown-parameters', operation, parts, {
            tokens,
            expectStatus: [400],
            expectation: 'a query parameter the operation does not declare is a 400',
          });
        });
    }),
};

/** Issue 12, defect 10. */
const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];

const bracketedQueryKeys: Family = {
  name: 'bracketed-query-keys',
  summary:
    'query keys in bracket syntax (`foo[__proto__]=1`, `limit[constructor]=5000`, `organizations[a]=x`), raw or %-encoded',
  cases: 60,
  arbitrary: (tokens) => {
    // Mostly a parameter the operation declares, spelled with brackets: the parser's tricky case.
    const declared = operations.flatMap((operation) =>
      operation.queryParameters.map((parameter) => [operation, parameter.name] as const),
    );
    const target = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...declared) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constantFrom(...operations), fc.constantFrom(...KNOWN_NAMES, 'foo', 'x')),
      },
    );
    return target.chain(([operation, name]) =>
      fc
        .record({
          parts: validParts(operation),
          member: fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'prototype', '', '0', 'toString'),
            // A short name, /^[a-z][a-z0-9]{0,5}$/, drawn from characters: fc.stringMatching
            // took about 14 ms a case here, and the fuzz run draws its cases on the server's loop.
            fc
              .tuple(
                fc.constantFrom(...LOWER),
                fc.string({ unit: fc.constantFrom(...LOWER, ...DIGITS), maxLength: 5 }),
              )
              .map(([first, rest]) => first + rest),
          ),
          value: fc.constantFrom('1', '5000', 'x', '00DB000000040bIMAQ'),
          encodeBrackets: fc.boolean(),
        })
        .map(({ parts, member, value, encodeBrackets }) => {
          const [open, close] = encodeBrackets ? ['%5B', '%5D'] : ['[', ']'];
          parts.query.push(`${name}${open}${member}${close}=${value}`);
          return request('bracketed-query-keys', operation, parts, {
            tokens,
            expectStatus: [400],
            expectation: 'unknown query parameters in any spelling are a 400 (issue 12, defect 10)',
          });
        }),
    );
  },
};

/** Issue 12, defect 2 (fixed). */
const pagingOutOfRange: Family = {
  name: 'paging-out-of-range',
  summary: 'skip/limit beyond the safe-integer range or not finite (`skip=99999999999999999999`, `Infinity`)',
  cases: 40,
  arbitrary: (tokens) =>
    fc.constantFrom(...pagingOperations).chain((operation) =>
      fc.constantFrom(...integerQueryParameters(operation)).chain((broken) =>
        fc
          .record({
            pathValues: validPathValues(operation),
            query: validQuery(operation, [broken.name]),
            bad: outOfRangeNumberText,
          })
          .map(({ bad, ...parts }) => {
            parts.query.push(`${broken.name}=${percentEncode(bad)}`);
            return request(
              'paging-out-of-range',
              operation,
              { ...parts, body: undefined },
              {
                tokens,
                expectStatus: [400],
                expectation: `${broken.name} out of range is a 400 (issue 12, defect 2)`,
              },
            );
          }),
      ),
    ),
};

/** Issue 12, defect 3 (a 500 on PostgreSQL; fixed). */
const controlCharacters: Family = {
  name: 'control-characters',
  summary: 'NUL and other control characters in body strings, query values and path IDs',
  cases: 100,
  arbitrary: (tokens) =>
    fc.constantFrom(...parameterOperations, ...bodyOperations, ...bodyOperations).chain((operation) =>
      fc
        .record({ parts: validParts(operation), control: controlText, where: fc.nat(), inBody: fc.nat(3) })
        .map(({ parts, control, where, inBody }) => {
          // Mostly in the body: the strings that reach the database travel there.
          const all = stringPlaces(operation, parts);
          const body = all.filter((place) => place.inBody);
          const places = body.length > 0 && inBody > 0 ? body : all;
          const place = places[where % places.length]?.set;
          place?.(control);
          return request('control-characters', operation, parts, { tokens });
        }),
    ),
};

/** Every place of a request where a string can go: body string leaves, query values, path IDs. */
function stringPlaces(
  operation: FuzzOperation,
  parts: Parts,
): { inBody: boolean; set(value: string): void }[] {
  const places: { inBody: boolean; set(value: string): void }[] = [];
  if (typeof parts.body === 'string') {
    const body = JSON.parse(parts.body) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') {
        places.push({
          inBody: true,
          set: (control) => {
            parts.body = JSON.stringify({ ...body, [key]: control });
          },
        });
      }
      if (Array.isArray(value) && value.length > 0) {
        places.push({
          inBody: true,
          set: (control) => {
            parts.body = JSON.stringify({ ...body, [key]: [control, ...value.slice(1)] });
          },
        });
      }
    }
  }
  for (const parameter of operation.pathParameters) {
    places.push({
      inBody: false,
      set: (control) => {
        parts.pathValues[parameter.name] = percentEncode(control);
      },
    });
  }
  for (const parameter of operation.queryParameters) {
    places.push({
      inBody: false,
      set: (control) => {
        parts.query = [
          ...parts.query.filter((pair) => !pair.startsWith(`${percentEncode(parameter.name)}=`)),
          `${percentEncode(parameter.name)}=${percentEncode(control)}`,
        ];
      },
    });
  }
  return places;
}

const UNSUPPORTED_MEDIA_TYPES = [
  'text/plain',
  'text/json',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/jsonx',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/problem+json',
  'application/vnd.api+json',
  'garbage',
  '*/*',
  'application/',
  '/json',
];
const JSON_MEDIA_TYPES = [
  'application/json',
  'APPLICATION/JSON',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'application/json; charset="utf-8"',
  'application/json ; charset=utf-8',
  'application/json; boundary=x',
  'application/json; q=0.5',
];

const mediaTypes: Family = {
  name: 'media-types',
  summary: 'bodies with other media types, none, JSON spelled oddly, and properly gzip/deflate-encoded JSON',
  cases: 100,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          body: fc.oneof(
            validBodyValue(operation).map((value) => JSON.stringify(value ?? {})),
            fc.constantFrom('a=b', '<a/>', ''),
          ),
          kind: fc.constantFrom('unsupported', 'none', 'json', 'encoded'),
          // Not the ones the operation takes (the PATCH takes application/merge-patch+json).
          unsupported: fc.constantFrom(
            ...UNSUPPORTED_MEDIA_TYPES.filter((type) => !operation.body?.mediaTypes.includes(type)),
          ),
          json: fc.constantFrom(...JSON_MEDIA_TYPES),
          encoding: fc.constantFrom('gzip', 'deflate', 'identity'),
        })
        .map(({ parts, body, kind, unsupported, json, encoding }) => {
          const takesBody = operation.body !== undefined;
          if (kind === 'unsupported' || kind === 'none') {
            const headers: Record<string, string> = kind === 'none' ? {} : { 'content-type': unsupported };
            return {
              ...request('media-types', operation, { ...parts, body }, { tokens }),
              headers: { authorization: `Bearer ${tokens.admin}`, ...headers },
              ...(takesBody && body !== ''
                ? {
                    expectStatus: [400, 415],
                    expectation: 'a body that is not application/json is a 400 or 415',
                  }
                : {}),
            };
          }
          if (kind === 'json')
            return request(
              'media-types',
              operation,
              { ...parts, body },
              { tokens, headers: { 'content-type': json } },
            );
          const encoded =
            encoding === 'gzip'
              ? gzipSync(body)
              : encoding === 'deflate'
                ? deflateSync(body)
                : Buffer.from(body);
          return request(
            'media-types',
            operation,
            { ...parts, body: encoded },
            {
              tokens,
              headers: { 'content-encoding': encoding },
            },
          );
        }),
    ),
};

/** Issue 12, defect 1 (fixed for these: they were 500s). */
const charsetsAndEncodings: Family = {
  name: 'charsets-and-encodings',
  summary: 'JSON bodies declared in a non-Unicode charset, or with a Content-Encoding the body does not have',
  cases: 40,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          body: validBodyValue(operation).map((value) => JSON.stringify(value ?? {})),
          charset: fc.option(
            fc.constantFrom('latin1', 'iso-8859-1', 'us-ascii', 'utf8', 'windows-1252', 'koi8-r', 'bogus'),
            { nil: undefined },
          ),
          encoding: fc.constantFrom(
            'xyz',
            'gzip',
            'br',
            'deflate',
            'compress',
            'zstd',
            'identity, gzip',
            'gzip, gzip',
          ),
          withToken: fc.boolean(),
        })
        .map(({ parts, body, charset, encoding, withToken }) => {
          const headers: Record<string, string> = charset
            ? { 'content-type': `application/json; charset=${charset}` }
            : { 'content-type': 'application/json', 'content-encoding': encoding };
          return request(
            'charsets-and-encodings',
            operation,
            { ...parts, body },
            {
              tokens,
              headers,
              ...(withToken ? {} : { authorization: undefined }),
              expectStatus: [400, 401, 415],
              expectation: 'an unsupported charset or encoding is a 400/415 problem (issue 12, defect 1)',
            },
          );
        }),
    ),
};

/** The JSON text in the charset named (`utf-16` with a byte order mark, as such bodies come). */
function encodeAs(charset: string, json: string): Buffer {
  // ASCII only (non-ASCII as \u escapes), so every charset below can spell it.
  const ascii = json.replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const utf16le = Buffer.from(ascii, 'utf16le');
  switch (charset) {
    case 'utf-16le':
      return utf16le;
    case 'utf-16be':
      return Buffer.from(utf16le).swap16();
    case 'utf-16':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]);
    case 'utf-32le': {
      const out = Buffer.alloc(ascii.length * 4);
      for (let index = 0; index < ascii.length; index += 1)
        out.writeUInt32LE(ascii.charCodeAt(index), index * 4);
      return out;
    }
    default:
      // UTF-7 spells ASCII as itself, except "+", which it writes "+-".
      return Buffer.from(ascii.replace(/\+/g, '+-'), 'latin1');
  }
}

/**
 * Issue 12, defect 1: "unsupported charset" is every charset but UTF-8 (RFC 8259 section 8.1:
 * JSON exchanged between systems MUST be UTF-8). The body parser still decodes the UTF-7/16/32
 * family, so a body a proxy inspected as UTF-8 means something else to the server (UTF-7 "+ADw-"
 * is "<").
 */
const unicodeCharsets: Family = {
  name: 'unicode-charsets',
  summary: 'JSON bodies really encoded in UTF-7, UTF-16 or UTF-32 and declared so',
  cases: 30,
  arbitrary: (tokens) =>
    fc.constantFrom(...bodyOperations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          charset: fc.constantFrom('utf-7', 'UTF-7', 'utf-16', 'utf-16le', 'utf-16be', 'utf-32le'),
        })
        .map(({ parts, charset }) =>
          request(
            'unicode-charsets',
            operation,
            { ...parts, body: encodeAs(charset.toLowerCase(), String(parts.body)) },
            {
              tokens,
              headers: { 'content-type': `application/json; charset=${charset}` },
              expectStatus: [400, 415],
              expectation: 'a body in any charset but UTF-8 is a 400/415 problem (issue 12, defect 1)',
            },
          ),
        ),
    ),
};

const METHODS_OUTSIDE = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'HEAD',
  'PROPFIND',
  'PURGE',
  'SEARCH',
  'QUERY',
  'LOCK',
  'COPY',
  'MOVE',
  'REPORT',
  'MKCOL',
];

const methods: Family = {
  name: 'methods',
  summary: 'HTTP methods the spec does not define on each path',
  cases: 80,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) => {
      const defined = operations
        .filter((other) => other.pathTemplate === operation.pathTemplate)
        .map((other) => other.method);
      // HEAD goes wherever GET goes (issue 24, defect 2).
      if (defined.includes('GET')) defined.push('HEAD');
      return fc
        .record({
          parts: validParts(operation),
          method: fc.constantFrom(...METHODS_OUTSIDE.filter((m) => !defined.includes(m))),
        })
        .map(({ parts, method }) =>
          request('methods', operation, parts, {
            tokens,
            method,
            expectStatus: [404, 405],
            expectation: 'a method the path does not define is a 404/405',
          }),
        );
    }),
};

/** Header text node:http can send (latin-1, no control characters). */
const headerText = fc
  .oneof(hostileText, fc.string({ unit: 'binary-ascii', maxLength: 60 }))
  .filter((value) => /^[\x20-\x7e\x80-\xff]*$/.test(value) && value.length <= 3_000);

const headers: Family = {
  name: 'headers',
  summary: 'valid requests with odd but well-formed headers (Accept, request IDs, forwarding, auth spelling)',
  cases: 100,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          extra: fc.dictionary(
            fc.constantFrom(
              'accept',
              'accept-encoding',
              'accept-charset',
              'accept-language',
              'x-request-id',
              'x-forwarded-for',
              'x-forwarded-host',
              'forwarded',
              'cookie',
              'range',
              'if-none-match',
              'if-modified-since',
              'origin',
              'user-agent',
              'x-http-method-override',
              'expect',
            ),
            fc.oneof(
              headerText,
              fc.constantFrom(
                'application/xml',
                'text/html',
                '*/*',
                'application/problem+json',
                '100-continue',
                'bytes=0-1',
              ),
            ),
            { minKeys: 1, maxKeys: 4 },
          ),
          scheme: fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Bearer '),
        })
        .map(({ parts, extra, scheme }) => {
          // Expect other than 100-continue is Node's own 417: the parser-level family's business.
          if (extra.expect !== undefined && extra.expect.toLowerCase() !== '100-continue')
            delete extra.expect;
          return request('headers', operation, parts, {
            tokens,
            authorization: `${scheme} ${tokens.admin}`,
            headers: Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)),
          });
        }),
    ),
};

const paths: Family = {
  name: 'paths',
  summary: 'hostile path IDs and paths next to the real ones',
  cases: 80,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          segment: fc.oneof(
            hostileText.filter((value) => value !== '' && fitsInUrl(value)).map(percentEncode),
            malformedPercent,
            fc.constantFrom('..', '.', '%2E%2E', '..%2F..%2F', '%2F', 'a%2Fb', '%5C', 'not-a-uuid'),
          ),
          shape: fc.constantFrom('id', 'suffix', 'prefix', 'double-slash'),
        })
        .map(({ parts, segment, shape }) => {
          const built = request('paths', operation, parts, { tokens });
          const [path = '', query] = built.path.split('?');
          let changed = path;
          if (shape === 'id' && operation.pathParameters.length > 0) {
            const values = { ...parts.pathValues };
            for (const parameter of operation.pathParameters) values[parameter.name] = segment;
            changed = pathOf(operation, values);
          } else if (shape === 'suffix' || shape === 'id') changed = `${path}/${segment}`;
          else if (shape === 'prefix') changed = `/${segment}${path}`;
          else changed = path.replace('/cckm/', '/cckm//');
          return {
            ...built,
            path: query === undefined ? changed : `${changed}?${query}`,
            expectStatus: [400, 404, 405],
            expectation: 'a path outside the contract, or with an ID that is not one, is a 400/404/405',
          };
        }),
    ),
};

const unauthenticated: Family = {
  name: 'unauthenticated',
  summary:
    'every operation without a usable token (none, garbage, expired, wrong key, alg none, other schemes)',
  cases: 80,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          authorization: fc.constantFrom(...tokens.refused),
          malformedBody: fc.boolean(),
        })
        .map(({ parts, authorization, malformedBody }) =>
          request(
            'unauthenticated',
            operation,
            { ...parts, ...(malformedBody && parts.body ? { body: '{"a":' } : {}) },
            {
              tokens,
              authorization,
              expectStatus: [401],
              expectation: 'without a valid token every operation is a 401, whatever else is wrong',
            },
          ),
        ),
    ),
};

/** Issue 12, defect 9: errors Node's HTTP parser answers before Express sees the request (fixed). */
const parserLevel: Family = {
  name: 'parser-level',
  summary:
    'requests Node refuses itself: unknown methods, headers over 16 KB, bad bytes in headers, bad framing',
  cases: 24,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          kind: fc.constantFrom(
            'method',
            'lowercase-method',
            'huge-header',
            'huge-url',
            'nul-in-header',
            'cr-in-header',
            'bad-content-length',
            'length-and-chunked',
          ),
          method: fc.constantFrom('BREW', 'FOO', 'G(T', 'XGET'),
          size: fc.integer({ min: 17 * 1024, max: 40 * 1024 }),
          contentLength: fc.constantFrom('-1', 'abc', '1, 2', '0x10'),
        })
        .map(({ parts, kind, method, size, contentLength }) => {
          const base = request('parser-level', operation, parts, { tokens, raw: true });
          switch (kind) {
            case 'method':
              return { ...base, method };
            case 'lowercase-method':
              return { ...base, method: base.method.toLowerCase() };
            case 'huge-header':
              return { ...base, headers: { ...base.headers, 'x-padding': 'a'.repeat(size) } };
            case 'huge-url':
              return {
                ...base,
                path: `${base.path}${base.path.includes('?') ? '&' : '?'}x=${'a'.repeat(size)}`,
              };
            case 'nul-in-header':
              return { ...base, headers: { ...base.headers, 'x-a': 'a\u0000b' } };
            case 'cr-in-header':
              return { ...base, headers: { ...base.headers, 'x-a': 'a\rb' } };
            case 'bad-content-length':
              return {
                ...base,
                headers: { ...base.headers, 'content-length': contentLength },
                body: base.body ?? '{}',
              };
            default:
              return {
                ...base,
                headers: { ...base.headers, 'content-length': '5', 'transfer-encoding': 'chunked' },
                body: '0\r\n\r\n',
              };
          }
        }),
    ),
};

/**
 * Issue 12, defect 9 ("errors from below Express are not problems"), the two Node answers the
 * clientError handler does not see: CONNECT (Node drops the socket when no 'connect' listener
 * exists) and an Expect other than 100-continue (Node's own plain 417).
 */
const belowExpress: Family = {
  name: 'below-express',
  summary: 'CONNECT on an API path, and an Expect header other than 100-continue',
  cases: 10,
  arbitrary: (tokens) =>
    fc.constantFrom(...operations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          connect: fc.boolean(),
          expect: fc.constantFrom('something-else', '200-ok', 'x'),
        })
        .map(({ parts, connect, expect }) => {
          const base = request('below-express', operation, parts, { tokens, raw: true });
          return connect ? { ...base, method: 'CONNECT' } : { ...base, headers: { ...base.headers, expect } };
        }),
    ),
};

/** Issue 12, defect 9: a declared body far over the limit must be refused at once (fixed). */
const oversizedContentLength: Family = {
  name: 'oversized-content-length',
  summary: 'a declared Content-Length over the body limit (up to 1 GiB) with only a part of it sent',
  cases: 4,
  timeoutMs: 5_000,
  arbitrary: (tokens) =>
    fc.constantFrom(...bodyOperations).chain((operation) =>
      fc
        .record({
          parts: validParts(operation),
          declared: fc.integer({ min: 200 * 1024, max: 1024 ** 3 }),
          sent: fc.integer({ min: 1, max: 64 * 1024 }),
        })
        .map(({ parts, declared, sent }) => {
          const base = request('oversized-content-length', operation, parts, { tokens, raw: true });
          return {
            ...base,
            headers: { ...base.headers, 'content-length': String(declared) },
            body: `{"connection":"${'a'.repeat(sent)}`,
            expectStatus: [400, 413],
            expectation: 'a declared body over the limit is refused at once (issue 12, defect 9)',
          };
        }),
    ),
};

export const families: readonly Family[] = [
  contractValid,
  invalidBodies,
  malformedJson,
  hostileJson,
  invalidParameters,
  unknownParameters,
  mediaTypes,
  methods,
  headers,
  paths,
  unauthenticated,
  controlCharacters,
  charsetsAndEncodings,
  unicodeCharsets,
  pagingOutOfRange,
  bracketedQueryKeys,
  parserLevel,
  belowExpress,
  oversizedContentLength,
];
