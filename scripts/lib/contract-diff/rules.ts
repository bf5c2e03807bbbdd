// The published rules of the breaking-change gate: every kind of difference the differ reports,
// whether it breaks existing clients, and why. openapi/README.md shows this table (a test keeps
// the two equal). "Request" means what clients send (parameters, request bodies), "response" what
// they receive (response bodies and headers): narrowing a request breaks clients, widening a
// response does, except where the tolerant-reader promise says clients must cope (unknown fields).

export interface Rule {
  readonly breaking: boolean;
  readonly summary: string;
}

export const RULES = {
  // Operations
  'operation-removed': { breaking: true, summary: 'an operation (method + path) is gone' },
  'operation-added': { breaking: false, summary: 'a new operation' },
  'operation-id-changed': { breaking: true, summary: 'generated clients name their methods after it' },
  'deprecation-added': {
    breaking: false,
    summary: 'an operation, parameter or field is marked `deprecated: true`; see the deprecation policy',
  },
  'operation-security-added': {
    breaking: true,
    summary: 'a credential that was enough no longer is: a new scheme or requirement',
  },
  'operation-security-scope-added': { breaking: true, summary: 'a requirement needs a scope it did not' },
  'operation-security-relaxed': { breaking: false, summary: 'every credential that was enough still is' },
  'operation-groups-narrowed': {
    breaking: true,
    summary:
      'a group of `x-cckm-groups` (the permission table) lost, or a list where there was none: its members get a 403',
  },
  'operation-groups-widened': {
    breaking: false,
    summary: 'more groups may call the operation (or the list is gone: every authenticated caller)',
  },
  // Parameters (request direction)
  'parameter-removed': {
    breaking: true,
    summary: 'clients that send it are refused (unknown parameters are a 400)',
  },
  'parameter-added-required': { breaking: true, summary: 'existing calls lack it' },
  'parameter-added-optional': { breaking: false, summary: 'existing calls stay valid' },
  'parameter-became-required': { breaking: true, summary: 'calls without it are refused' },
  'parameter-became-optional': { breaking: false, summary: 'existing calls stay valid' },
  'parameter-serialization-changed': {
    breaking: true,
    summary:
      '`style`, `explode`, `allowReserved` or `allowEmptyValue` changed: clients encode it differently',
  },
  // Request bodies
  'request-body-added-required': { breaking: true, summary: 'a required body where there was none' },
  'request-body-became-required': { breaking: true, summary: 'calls without a body are refused' },
  'request-body-became-optional': { breaking: false, summary: 'existing calls stay valid' },
  'request-body-removed': { breaking: true, summary: 'clients that send one are refused' },
  'request-media-type-removed': { breaking: true, summary: 'clients that send it get a 415' },
  'request-media-type-added': { breaking: false, summary: 'an extra accepted media type' },
  // Responses
  'response-status-removed': { breaking: true, summary: 'clients that handle it never see it again' },
  'response-success-status-added': {
    breaking: true,
    summary: 'a new 1xx/2xx/3xx answer (or `default`) existing clients do not expect',
  },
  'response-conditional-status-added': {
    breaking: false,
    summary:
      'a `304` added with the optional `If-None-Match` that asks for it: only calls sending that new header get it',
  },
  'response-error-status-added': {
    breaking: false,
    summary: 'a new 4xx/5xx: every error is a problem, and clients handle unknown ones by status class',
  },
  'response-media-type-removed': { breaking: true, summary: 'clients that read it get something else' },
  'response-media-type-added': { breaking: false, summary: 'only sent to clients that ask for it' },
  'response-header-removed': { breaking: true, summary: 'clients that read it find nothing' },
  'response-header-added': { breaking: false, summary: 'clients ignore headers they do not know' },
  'response-header-became-optional': { breaking: true, summary: 'clients may find nothing' },
  'response-header-became-required': { breaking: false, summary: 'it is now always sent' },
  // Schemas, request direction (request bodies, parameters)
  'request-property-removed': {
    breaking: true,
    summary: 'clients that send it are refused (bodies are closed)',
  },
  'request-property-added-required': { breaking: true, summary: 'existing requests lack it' },
  'request-property-added': { breaking: false, summary: 'a new optional field' },
  'request-property-became-required': { breaking: true, summary: 'requests without it are refused' },
  'request-property-became-optional': { breaking: false, summary: 'existing requests stay valid' },
  'request-type-narrowed': {
    breaking: true,
    summary: 'a JSON type that was accepted is refused (or changed)',
  },
  'request-type-widened': { breaking: false, summary: 'more JSON types accepted' },
  'request-enum-value-removed': { breaking: true, summary: 'a value that was accepted is refused' },
  'request-enum-value-added': { breaking: false, summary: 'one more accepted value' },
  'request-constraint-narrowed': {
    breaking: true,
    summary:
      'a bound, length, item count, pattern, format, `multipleOf`, `uniqueItems`, `const` or new `enum` refuses values that passed',
  },
  'request-constraint-widened': { breaking: false, summary: 'the same constraints, looser' },
  'request-object-closed': {
    breaking: true,
    summary: '`additionalProperties: false` added: requests with extra fields are refused',
  },
  'request-object-opened': { breaking: false, summary: 'extra fields no longer refused' },
  'request-default-changed': {
    breaking: true,
    summary: 'requests that leave it out silently get another behaviour',
  },
  // Schemas, response direction (response bodies and headers)
  'response-property-removed': { breaking: true, summary: 'clients that read it find nothing' },
  'response-property-added': { breaking: false, summary: 'tolerant reader: clients ignore unknown fields' },
  'response-property-became-optional': {
    breaking: true,
    summary: 'clients that rely on it may find nothing',
  },
  'response-property-became-required': { breaking: false, summary: 'it is now always sent' },
  'response-type-widened': { breaking: true, summary: 'clients may receive a JSON type they do not expect' },
  'response-type-narrowed': { breaking: false, summary: 'fewer JSON types sent' },
  'response-enum-value-added': {
    breaking: true,
    summary: 'clients may receive a value they were told could not occur (exhaustive switches)',
  },
  'response-enum-value-removed': { breaking: false, summary: 'one value is no longer sent' },
  'response-constraint-widened': {
    breaking: true,
    summary:
      'a bound, length, item count, pattern, format or `enum` dropped or loosened: values clients never had to handle',
  },
  'response-constraint-narrowed': { breaking: false, summary: 'values sent are a subset of those before' },
  'request-constraint-changed': {
    breaking: true,
    summary:
      'a `pattern` or `format` replaced by one the gate cannot prove looser: values that passed may be refused',
  },
  'response-constraint-changed': {
    breaking: true,
    summary:
      'a `pattern` or `format` replaced by one the gate cannot prove stricter: clients may receive values they were told could not occur',
  },
  'response-object-opened': {
    breaking: false,
    summary: '`additionalProperties: false` dropped: tolerant reader, clients ignore unknown fields',
  },
  'response-object-closed': { breaking: false, summary: 'no more extra fields sent' },
  // Problem kinds (the `type` of an `application/problem+json` response)
  'problem-type-added': {
    breaking: false,
    summary:
      'a new problem kind on an existing status: a response lists the kinds known at its release, and clients handle an unknown one by its status',
  },
  'problem-type-removed': {
    breaking: true,
    summary: 'clients that branch on that kind never see it again; the situation is reported otherwise',
  },
  // Documented-extensible enumerations (`x-extensible-enum`, values named but not enforced)
  'extensible-enum-value-added': {
    breaking: false,
    summary: 'clients were told to expect unlisted values of an `x-extensible-enum`',
  },
  // Document
  'server-base-path-removed': {
    breaking: true,
    summary: 'no server is reachable at a base path clients use',
  },
  'servers-changed': {
    breaking: false,
    summary: 'server URLs or descriptions changed, every base path kept',
  },
  'security-scheme-changed': {
    breaking: true,
    summary: 'a scheme in use changed its type, HTTP scheme, location, name or flows',
  },
  'component-removed': {
    breaking: true,
    summary:
      'a schema, parameter, response, header, request body or path item of `components` renamed or removed: generated clients export each by name',
  },
  'component-added': { breaking: false, summary: 'a new named component' },
  'version-changed': { breaking: false, summary: '`info.version` changed' },
  'documentation-changed': {
    breaking: false,
    summary: 'a description, summary, title, tag or named example changed, was added or removed',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export interface Change {
  /** Which published rule this difference falls under. */
  readonly rule: RuleId;
  /** `METHOD /path` of the operation, or `document` for the rest. */
  readonly scope: string;
  /** Where, in words: `request body application/json /organization_ids`, `201 header Location`. */
  readonly location: string;
  /** What changed, e.g. `maxLength 255 -> 64`. */
  readonly detail: string;
}

export function isBreaking(change: Change): boolean {
  return RULES[change.rule].breaking;
}
