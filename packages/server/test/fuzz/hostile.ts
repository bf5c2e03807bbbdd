// Hostile building blocks shared by the fuzz families: strings that break parsers, databases and
// log lines; keys that poison prototypes; numbers outside every range; percent-encodings that do
// not decode. Control characters (U+0000-U+001F, U+007F) are kept apart in `controlText`, because
// issue 12 (defect 3) tracks them on their own.
import fc from 'fast-check';

export function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}

const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const NAMED_HOSTILE_STRINGS = [
  // SQL, in the dialects the store speaks
  "' OR '1'='1",
  "'; DROP TABLE sync_jobs; --",
  '" OR ""="',
  "x' UNION SELECT secret_value FROM tenant_secrets --",
  '1; SELECT pg_sleep(5)--',
  "%' ESCAPE '\\",
  '$1',
  '?',
  ':name',
  // templates, paths, markup, format strings
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Log4Shell probe, meant literally
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%s%s%s%n',
  '%00',
  '\\',
  '\\u0000',
  // words that mean something to JavaScript
  'null',
  'undefined',
  'NaN',
  'Infinity',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  // odd Unicode: bidi override, BOM, zero width, case-mapping traps, astral, noncharacters
  '\u202eevil',
  '\ufeffx',
  '\u200b',
  'ǅ',
  'ﬀ',
  'İı',
  'ß',
  '𝕏𝕐',
  '👩‍👩‍👧‍👦',
  '\ud800',
  '\udc00\ud800',
  '\udbff\udfff',
  '\uffff\ufffe',
  'e\u0301\u0301\u0301\u0301',
  // whitespace only, or around the value
  '',
  ' ',
  '\u00a0',
  '  padded  ',
];

/** Strings that have broken servers before, without control characters. */
export const hostileText: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NAMED_HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.array(LONE_SURROGATE, { minLength: 1, maxLength: 4 }).map((a) => a.join('')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('a', 'é', '€', '𝕏', "'", '%'), fc.integer({ min: 256, max: 40_000 }))
        .map(([unit, count]) => unit.repeat(count)),
    },
  )
  .filter((value) => !hasControlCharacter(value));

/** Strings holding at least one control character (NUL most often). */
export const controlText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', 'a', 'sfdc-connection', '00DB000000040bIMAQ', '2473e846-31a8-4ee6-8299-17025548b4e2'),
    fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('\u0000', '\u0000\u0000', 'a\u0000') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('\u0001', '\u0008', '\t', '\n', '\r\n', '\u001b[31m', '\u007f'),
      },
    ),
    fc.constantFrom('', 'b', '\u0000', "'; --"),
  )
  .map(([before, control, after]) => `${before}${control}${after}`);

/** Object keys that poison prototypes or confuse path handling. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '__defineGetter__',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '',
    ' ',
    'a.b',
    'a[b]',
    '$where',
    '$gt',
    'synchronize_all ',
    'Synchronize_All',
    'organization_ids\u200b',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

/** JSON number texts outside what any field takes. */
export const hostileNumberText: fc.Arbitrary<string> = fc.constantFrom(
  '-0',
  '1e308',
  '-1e308',
  '1e-308',
  '9007199254740993',
  '99999999999999999999',
  '1.5',
  '-1',
  '0',
  '2147483648',
  '9223372036854775808',
  '1E2',
  '0.1e1',
);

/** Percent-encodes every byte of the UTF-8 form except RFC 3986 unreserved characters. */
export function percentEncode(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** Percent sequences that do not decode to UTF-8 text. */
export const malformedPercent: fc.Arbitrary<string> = fc.constantFrom(
  '%',
  '%%',
  '%G0',
  '%E0%A4%A',
  '%C0%AF',
  '%FF',
  '%ED%A0%80',
  '%F4%90%80%80',
  'a%2',
);

/** A string of the given JSON nesting depth: `[[[...]]]` or `{"a":{"a":...}}`. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Numeric texts beyond the safe-integer range or not finite: issue 12, defect 2. */
export const outOfRangeNumberText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '99999999999999999999',
    '9007199254740993',
    '9007199254740992',
    'Infinity',
    '-Infinity',
    '+Infinity',
    '1e20',
    '1e21',
    '1e400',
    '-1e400',
    '1.7976931348623157e308',
  ),
  fc.bigInt({ min: 2n ** 53n + 1n, max: 10n ** 30n }).map((value) => value.toString()),
);

/** Whether a text parses as a number the server cannot page by (defect 2's territory). */
export function isOutOfRangeNumberText(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return false;
  const number = Number(trimmed);
  if (Number.isNaN(number)) return false;
  return !Number.isFinite(number) || Math.abs(number) > Number.MAX_SAFE_INTEGER;
}
