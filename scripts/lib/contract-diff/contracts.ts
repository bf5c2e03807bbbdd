// Compares two bundled OpenAPI 3.1 documents and lists every difference as a Change under a rule of
// rules.ts: operations (matched by method and path, parameter names ignored), their parameters,
// request bodies, responses, headers, security and permissions (`x-cckm-groups`); then the document
// (version, servers, security schemes, named components, descriptions). Pure: documents in,
// changes out.
import { canonical, isObject, type Json, type JsonObject, resolve, sameJson, show } from './json.ts';
import type { Change, RuleId } from './rules.ts';
import { compareSchemas, type Direction, type SchemaComparison } from './schemas.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DOCUMENTATION = ['summary', 'description'] as const;
const SCHEMA_DOCUMENTATION = new Set([
  'title',
  'description',
  'examples',
  'example',
  '$comment',
  'externalDocs',
]);
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
/** The kinds of `components` that openapi-typescript (and other generators) export by name. */
const TYPED_COMPONENTS = ['schemas', 'parameters', 'responses', 'headers', 'requestBodies', 'pathItems'];
/** The extension that lists the groups whose members may call an operation (the permission table). */
const GROUPS = 'x-cckm-groups';

/** JSON pointers (below `pointer`) where two schemas differ in a documentation keyword only. */
function documentationDiffs(
  base: Json | undefined,
  head: Json | undefined,
  pointer: string,
  namesLevel = false,
): string[] {
  if (Array.isArray(base) && Array.isArray(head)) {
    return base.flatMap((item, index) => documentationDiffs(item, head[index], `${pointer}/${index}`));
  }
  if (!isObject(base) || !isObject(head)) return [];
  const found: string[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
    const where = `${pointer}/${key}`;
    if (!namesLevel && SCHEMA_DOCUMENTATION.has(key)) {
      if (!sameJson(base[key], head[key])) found.push(where);
    } else {
      found.push(...documentationDiffs(base[key], head[key], where, !namesLevel && NAME_MAPS.has(key)));
    }
  }
  return found;
}

interface Operation {
  method: string;
  path: string;
  node: JsonObject;
  parameters: Map<string, JsonObject>;
}

function asObject(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}

/** Operations keyed by `METHOD /path/{}` (path parameter names do not identify an operation). */
function operationsOf(document: Json): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, rawItem] of Object.entries(asObject(asObject(document).paths))) {
    const item = asObject(resolve(document, rawItem));
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const node = item[method];
      if (!isObject(node)) continue;
      const parameters = new Map<string, JsonObject>();
      for (const raw of [...shared, ...(Array.isArray(node.parameters) ? node.parameters : [])]) {
        const parameter = asObject(resolve(document, raw));
        const location = String(parameter.in);
        const name = location === 'header' ? String(parameter.name).toLowerCase() : String(parameter.name);
        parameters.set(`${location} ${name}`, parameter);
      }
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
      operations.set(key, { method: method.toUpperCase(), path, node, parameters });
    }
  }
  return operations;
}

type Requirement = Map<string, Set<string>>;

function requirementsOf(document: Json, operation: JsonObject): Requirement[] {
  const security = operation.security ?? asObject(document).security ?? [];
  if (!Array.isArray(security)) return [];
  return security.map(
    (requirement) =>
      new Map(
        Object.entries(asObject(requirement)).map(([scheme, scopes]) => [
          scheme,
          new Set((Array.isArray(scopes) ? scopes : []).map(String)),
        ]),
      ),
  );
}

function showRequirement(requirement: Requirement): string {
  if (requirement.size === 0) return 'no credentials';
  return [...requirement]
    .map(([scheme, scopes]) => (scopes.size ? `${scheme}[${[...scopes].join(', ')}]` : scheme))
    .join(' + ');
}

/** Whether credentials meeting `held` also meet `needed`. */
function satisfies(held: Requirement, needed: Requirement): boolean {
  return [...needed].every(
    ([scheme, scopes]) => held.has(scheme) && [...scopes].every((scope) => held.get(scheme)?.has(scope)),
  );
}

function serializationOf(parameter: JsonObject): string {
  const location = String(parameter.in);
  const style = parameter.style ?? (location === 'query' || location === 'cookie' ? 'form' : 'simple');
  const explode = parameter.explode ?? style === 'form';
  return canonical({
    style,
    explode,
    allowReserved: parameter.allowReserved ?? false,
    allowEmptyValue: parameter.allowEmptyValue ?? false,
  });
}

/** A parameter's or header's schema: `schema`, or that of its single `content` entry. */
function schemaOf(node: JsonObject): Json | undefined {
  if (node.schema !== undefined) return node.schema;
  const [media] = Object.values(asObject(node.content));
  return asObject(media).schema;
}

/** Named examples (and a lone `example`) of a media type, parameter or header, resolved. */
function examplesOf(document: Json, node: JsonObject): Map<string, string> {
  const examples = new Map<string, string>();
  for (const [name, example] of Object.entries(asObject(node.examples))) {
    examples.set(name, canonical(resolve(document, example)));
  }
  if (node.example !== undefined) examples.set('(example)', canonical(node.example));
  return examples;
}

class Differ {
  readonly changes: Change[] = [];
  private scope = 'document';

  constructor(
    private readonly base: Json,
    private readonly head: Json,
  ) {}

  private emit(rule: RuleId, location: string, detail: string): void {
    this.changes.push({ rule, scope: this.scope, location, detail });
  }

  private schemas(
    direction: Direction,
    base: Json | undefined,
    head: Json | undefined,
    location: string,
    problem = false,
  ): void {
    const comparison: SchemaComparison = {
      baseDocument: this.base,
      headDocument: this.head,
      emit: (rule, where, detail) => this.emit(rule, where, detail),
      problem,
    };
    compareSchemas(comparison, direction, base ?? {}, head ?? {}, location);
  }

  private documentation(
    base: JsonObject,
    head: JsonObject,
    location: string,
    keys: readonly string[] = DOCUMENTATION,
  ): void {
    for (const key of keys) {
      if (!sameJson(base[key], head[key]))
        this.emit(
          'documentation-changed',
          location,
          `${key} ${base[key] === undefined ? 'added' : head[key] === undefined ? 'removed' : 'changed'}`,
        );
    }
  }

  private examples(base: JsonObject, head: JsonObject, location: string): void {
    const before = examplesOf(this.base, base);
    const after = examplesOf(this.head, head);
    const added = [...after.keys()].filter((name) => !before.has(name));
    const removed = [...before.keys()].filter((name) => !after.has(name));
    const changed = [...after.keys()].filter(
      (name) => before.has(name) && before.get(name) !== after.get(name),
    );
    const parts = [
      added.length ? `added ${added.join(', ')}` : '',
      removed.length ? `removed ${removed.join(', ')}` : '',
      changed.length ? `changed ${changed.join(', ')}` : '',
    ].filter(Boolean);
    if (parts.length) this.emit('documentation-changed', location, `examples: ${parts.join('; ')}`);
  }

  run(): Change[] {
    this.compareDocument();
    const before = operationsOf(this.base);
    const after = operationsOf(this.head);
    for (const [key, operation] of before) {
      this.scope = `${operation.method} ${after.get(key)?.path ?? operation.path}`;
      const current = after.get(key);
      if (current === undefined)
        this.emit('operation-removed', 'operation', `${operation.node.operationId ?? ''} removed`.trim());
      else this.compareOperation(operation, current);
    }
    for (const [key, operation] of after) {
      if (before.has(key)) continue;
      this.scope = `${operation.method} ${operation.path}`;
      this.emit('operation-added', 'operation', `${operation.node.operationId ?? ''} added`.trim());
    }
    return this.changes;
  }

  private compareDocument(): void {
    this.scope = 'document';
    const base = asObject(this.base);
    const head = asObject(this.head);
    const baseInfo = asObject(base.info);
    const headInfo = asObject(head.info);
    if (baseInfo.version !== headInfo.version)
      this.emit('version-changed', 'info.version', `${show(baseInfo.version)} -> ${show(headInfo.version)}`);
    this.documentation(baseInfo, headInfo, 'info', [
      'title',
      'summary',
      'description',
      'contact',
      'license',
      'termsOfService',
    ]);
    if (!sameJson(base.tags, head.tags)) this.emit('documentation-changed', 'tags', 'tags changed');
    if (!sameJson(base.externalDocs, head.externalDocs))
      this.emit('documentation-changed', 'externalDocs', 'changed');

    const basePaths = (document: JsonObject) =>
      new Set(
        (Array.isArray(document.servers) ? document.servers : [{ url: '/' }]).map((server) => {
          const { url, variables } = asObject(server) as { url?: Json; variables?: Json };
          let text = String(url ?? '/');
          for (const [name, variable] of Object.entries(asObject(variables))) {
            text = text.replaceAll(`{${name}}`, String(asObject(variable).default ?? ''));
          }
          const path = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
          return path.replace(/\/+$/, '') || '/';
        }),
      );
    const pathsBefore = basePaths(base);
    const pathsAfter = basePaths(head);
    const lost = [...pathsBefore].filter((path) => !pathsAfter.has(path));
    if (lost.length)
      this.emit('server-base-path-removed', 'servers', `no server at ${lost.join(', ')} any more`);
    else if (!sameJson(base.servers, head.servers))
      this.emit('servers-changed', 'servers', `${show(base.servers)} -> ${show(head.servers)}`);

    const baseSchemes = asObject(asObject(base.components).securitySchemes);
    const headSchemes = asObject(asObject(head.components).securitySchemes);
    for (const [name, raw] of Object.entries(baseSchemes)) {
      const before = asObject(resolve(this.base, raw));
      const after =
        headSchemes[name] === undefined ? undefined : asObject(resolve(this.head, headSchemes[name]));
      const essential = (scheme: JsonObject) =>
        canonical({
          type: scheme.type,
          scheme: String(scheme.scheme ?? '').toLowerCase(),
          in: scheme.in,
          name: scheme.name,
          flows: scheme.flows,
          openIdConnectUrl: scheme.openIdConnectUrl,
        });
      if (after === undefined) this.emit('security-scheme-changed', `securitySchemes.${name}`, 'removed');
      else if (essential(before) !== essential(after))
        this.emit('security-scheme-changed', `securitySchemes.${name}`, `${show(before)} -> ${show(after)}`);
      else this.documentation(before, after, `securitySchemes.${name}`, ['description', 'bearerFormat']);
    }
    for (const name of Object.keys(headSchemes)) {
      if (baseSchemes[name] === undefined)
        this.emit('documentation-changed', `securitySchemes.${name}`, 'added');
    }

    // Named components: generated clients export each by name (`components['schemas']['X']`), so a
    // rename breaks code that names it even when every operation accepts and produces the same.
    for (const kind of TYPED_COMPONENTS) {
      const before = asObject(asObject(base.components)[kind]);
      const after = asObject(asObject(head.components)[kind]);
      const added = Object.keys(after).filter((name) => before[name] === undefined);
      for (const name of Object.keys(before)) {
        if (after[name] !== undefined) continue;
        const same = added.find((other) => sameJson(before[name], after[other]));
        this.emit(
          'component-removed',
          `components.${kind}.${name}`,
          same ? `renamed to ${same}` : 'removed (its uses are compared per operation)',
        );
      }
      for (const name of added) this.emit('component-added', `components.${kind}.${name}`, 'added');
    }

    // Schema documentation, once per component (the operations report what schemas accept or produce).
    const baseComponents = asObject(asObject(base.components).schemas);
    const headComponents = asObject(asObject(head.components).schemas);
    for (const name of new Set([...Object.keys(baseComponents), ...Object.keys(headComponents)])) {
      const location = `components.schemas.${name}`;
      if (baseComponents[name] === undefined || headComponents[name] === undefined) continue;
      const pointers = documentationDiffs(baseComponents[name], headComponents[name], '');
      if (pointers.length)
        this.emit(
          'documentation-changed',
          location,
          `changed at ${pointers.map((p) => p || '/').join(', ')}`,
        );
    }
  }

  private compareOperation(base: Operation, head: Operation): void {
    if (base.node.operationId !== head.node.operationId) {
      this.emit(
        'operation-id-changed',
        'operationId',
        `${show(base.node.operationId)} -> ${show(head.node.operationId)}`,
      );
    }
    if (base.node.deprecated !== true && head.node.deprecated === true)
      this.emit('deprecation-added', 'operation', 'deprecated');
    this.documentation(base.node, head.node, 'operation', ['summary', 'description', 'tags', 'externalDocs']);
    this.compareSecurity(base.node, head.node);
    this.compareGroups(base.node, head.node);
    this.compareParameters(base, head);
    this.compareRequestBody(base.node, head.node);
    this.compareResponses(base, head);
  }

  private compareSecurity(base: JsonObject, head: JsonObject): void {
    const before = requirementsOf(this.base, base);
    const after = requirementsOf(this.head, head);
    // An empty list means no authentication at all.
    const needBefore = before.length ? before : [new Map()];
    const needAfter = after.length ? after : [new Map()];
    let breaking = false;
    for (const held of needBefore) {
      if (needAfter.some((needed) => satisfies(held, needed))) continue;
      breaking = true;
      const sameSchemes = needAfter.find((needed) => [...needed.keys()].every((scheme) => held.has(scheme)));
      if (sameSchemes) {
        const extra = [...sameSchemes].flatMap(([scheme, scopes]) =>
          [...scopes].filter((scope) => !held.get(scheme)?.has(scope)).map((scope) => `${scheme}:${scope}`),
        );
        this.emit(
          'operation-security-scope-added',
          'security',
          `${showRequirement(held)} now also needs ${extra.join(', ')}`,
        );
      } else {
        this.emit(
          'operation-security-added',
          'security',
          `${showRequirement(held)} is no longer enough: needs ${needAfter.map(showRequirement).join(' or ')}`,
        );
      }
    }
    if (
      !breaking &&
      canonical(needBefore.map(showRequirement).sort()) !== canonical(needAfter.map(showRequirement).sort())
    ) {
      this.emit(
        'operation-security-relaxed',
        'security',
        `${needBefore.map(showRequirement).join(' or ')} -> ${needAfter.map(showRequirement).join(' or ')}`,
      );
    }
  }

  /**
   * `x-cckm-groups`: the groups whose members may call the operation (absent: every authenticated
   * caller). A group lost is a caller refused.
   */
  private compareGroups(base: JsonObject, head: JsonObject): void {
    const groupsOf = (operation: JsonObject) =>
      Array.isArray(operation[GROUPS]) ? new Set(operation[GROUPS].map(String)) : undefined;
    const before = groupsOf(base);
    const after = groupsOf(head);
    const shown = (groups: Set<string> | undefined) =>
      groups === undefined ? 'any group' : [...groups].sort().join(', ') || 'no group';
    const detail = `${shown(before)} -> ${shown(after)}`;
    if (after === undefined) {
      if (before !== undefined) this.emit('operation-groups-widened', GROUPS, detail);
      return;
    }
    if (before === undefined || [...before].some((group) => !after.has(group)))
      this.emit('operation-groups-narrowed', GROUPS, detail);
    else if ([...after].some((group) => !before.has(group)))
      this.emit('operation-groups-widened', GROUPS, detail);
  }

  private compareParameters(base: Operation, head: Operation): void {
    for (const [key, before] of base.parameters) {
      const after = head.parameters.get(key);
      const location = `parameter ${key.replace(' ', '.')}`;
      if (after === undefined) {
        this.emit('parameter-removed', location, 'removed');
        continue;
      }
      if (before.required !== true && after.required === true)
        this.emit('parameter-became-required', location, 'now required');
      if (before.required === true && after.required !== true)
        this.emit('parameter-became-optional', location, 'now optional');
      if (serializationOf(before) !== serializationOf(after)) {
        this.emit(
          'parameter-serialization-changed',
          location,
          `${serializationOf(before)} -> ${serializationOf(after)}`,
        );
      }
      if (before.deprecated !== true && after.deprecated === true)
        this.emit('deprecation-added', location, 'deprecated');
      this.documentation(before, after, location, ['description']);
      this.examples(before, after, location);
      this.schemas('request', schemaOf(before), schemaOf(after), location);
    }
    for (const [key, after] of head.parameters) {
      if (base.parameters.has(key)) continue;
      const location = `parameter ${key.replace(' ', '.')}`;
      this.emit(
        after.required === true ? 'parameter-added-required' : 'parameter-added-optional',
        location,
        'added',
      );
    }
  }

  private compareRequestBody(baseOperation: JsonObject, headOperation: JsonObject): void {
    const before =
      baseOperation.requestBody === undefined
        ? undefined
        : asObject(resolve(this.base, baseOperation.requestBody));
    const after =
      headOperation.requestBody === undefined
        ? undefined
        : asObject(resolve(this.head, headOperation.requestBody));
    if (before === undefined && after === undefined) return;
    if (before === undefined) {
      if (after?.required === true)
        this.emit('request-body-added-required', 'request body', 'added, required');
      else
        for (const media of Object.keys(asObject(after?.content)))
          this.emit('request-media-type-added', `request body ${media}`, 'added');
      return;
    }
    if (after === undefined) {
      this.emit('request-body-removed', 'request body', 'removed');
      return;
    }
    if (before.required !== true && after.required === true)
      this.emit('request-body-became-required', 'request body', 'now required');
    if (before.required === true && after.required !== true)
      this.emit('request-body-became-optional', 'request body', 'now optional');
    this.documentation(before, after, 'request body', ['description']);
    const baseContent = asObject(before.content);
    const headContent = asObject(after.content);
    for (const [media, raw] of Object.entries(baseContent)) {
      const location = `request body ${media}`;
      if (headContent[media] === undefined) {
        this.emit('request-media-type-removed', location, 'removed');
        continue;
      }
      const mediaBefore = asObject(raw);
      const mediaAfter = asObject(headContent[media]);
      this.examples(mediaBefore, mediaAfter, location);
      this.schemas('request', mediaBefore.schema, mediaAfter.schema, location);
    }
    for (const media of Object.keys(headContent)) {
      if (baseContent[media] === undefined)
        this.emit('request-media-type-added', `request body ${media}`, 'added');
    }
  }

  private compareResponses(base: Operation, head: Operation): void {
    const before = asObject(base.node.responses);
    const after = asObject(head.node.responses);
    for (const [status, raw] of Object.entries(before)) {
      if (after[status] === undefined) {
        this.emit('response-status-removed', status, 'removed');
        continue;
      }
      this.compareResponse(
        status,
        asObject(resolve(this.base, raw)),
        asObject(resolve(this.head, after[status])),
      );
    }
    // A 304 can only answer a conditional request: added with the If-None-Match that asks for it,
    // it reaches no existing call (none sends that header yet).
    const conditionalAdded =
      head.parameters.has('header if-none-match') && !base.parameters.has('header if-none-match');
    for (const status of Object.keys(after)) {
      if (before[status] !== undefined) continue;
      if (status === '304' && conditionalAdded) {
        this.emit('response-conditional-status-added', status, 'added with If-None-Match');
        continue;
      }
      const success = status === 'default' || /^[123]/.test(status);
      this.emit(success ? 'response-success-status-added' : 'response-error-status-added', status, 'added');
    }
  }

  private compareResponse(status: string, before: JsonObject, after: JsonObject): void {
    this.documentation(before, after, status, ['description']);
    const headersOf = (response: JsonObject) =>
      new Map(
        Object.entries(asObject(response.headers)).map(([name, header]) => [
          name.toLowerCase(),
          { name, header },
        ]),
      );
    const headersBefore = headersOf(before);
    const headersAfter = headersOf(after);
    for (const [key, { name, header }] of headersBefore) {
      const location = `${status} header ${name}`;
      const current = headersAfter.get(key);
      if (current === undefined) {
        this.emit('response-header-removed', location, 'removed');
        continue;
      }
      const headerBefore = asObject(resolve(this.base, header));
      const headerAfter = asObject(resolve(this.head, current.header));
      if (headerBefore.required === true && headerAfter.required !== true)
        this.emit('response-header-became-optional', location, 'now optional');
      if (headerBefore.required !== true && headerAfter.required === true)
        this.emit('response-header-became-required', location, 'now required');
      this.documentation(headerBefore, headerAfter, location, ['description']);
      this.schemas('response', schemaOf(headerBefore), schemaOf(headerAfter), location);
    }
    for (const [key, { name }] of headersAfter) {
      if (!headersBefore.has(key)) this.emit('response-header-added', `${status} header ${name}`, 'added');
    }
    const contentBefore = asObject(before.content);
    const contentAfter = asObject(after.content);
    for (const [media, raw] of Object.entries(contentBefore)) {
      const location = `${status} ${media}`;
      if (contentAfter[media] === undefined) {
        this.emit('response-media-type-removed', location, 'removed');
        continue;
      }
      const mediaBefore = asObject(raw);
      const mediaAfter = asObject(contentAfter[media]);
      this.examples(mediaBefore, mediaAfter, location);
      const problem = /^application\/problem\+/.test(media);
      this.schemas('response', mediaBefore.schema, mediaAfter.schema, location, problem);
    }
    for (const media of Object.keys(contentAfter)) {
      if (contentBefore[media] === undefined)
        this.emit('response-media-type-added', `${status} ${media}`, 'added');
    }
  }
}

/** Every difference between two bundled contracts, in document order (base first, then new operations). */
export function diffContracts(base: Json, head: Json): Change[] {
  return new Differ(base, head).run();
}
