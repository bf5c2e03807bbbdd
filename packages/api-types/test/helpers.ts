// Shared helpers for the contract tests: a JSON Schema 2020-12 validator over the bundled
// document, and a walk over every named example with the schema it illustrates.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Json = Record<string, unknown>;
export type Document = Json & { paths: Json; components: Json };

export const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

export function createSchemaValidator(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(structuredClone(document), 'contract');
  return (schema: unknown, value: unknown): string[] => {
    const validate = ajv.compile(rebase(schema) as object);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

/** Points the document's internal $refs at the schema registered as "contract". */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `contract${value}` : value,
  );
}

export function resolve(document: Document, node: unknown): Json {
  let current = node as Json;
  while (typeof current?.$ref === 'string') {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<Json>(
      (at, part) => at[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Json,
      document,
    );
  }
  return current;
}

export interface NamedExample {
  where: string;
  name: string;
  value: unknown;
  schema: unknown;
  status?: string;
}

/** Every named example of request bodies, responses and parameters, with its schema. */
export function collectExamples(document: Document): NamedExample[] {
  const found: NamedExample[] = [];
  const fromContent = (where: string, content: unknown, status?: string) => {
    for (const [mediaType, media] of Object.entries((content ?? {}) as Record<string, Json>)) {
      for (const [name, example] of Object.entries((media.examples ?? {}) as Json)) {
        found.push({
          where: `${where} ${mediaType}`,
          name,
          value: resolve(document, example).value,
          schema: media.schema,
          ...(status ? { status } : {}),
        });
      }
    }
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Json)[method] as Json | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const body = resolve(document, operation.requestBody);
      fromContent(`${where} request`, body?.content);
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        fromContent(`${where} ${status}`, resolve(document, response).content, status);
      }
      for (const parameterRef of (operation.parameters ?? []) as unknown[]) {
        const parameter = resolve(document, parameterRef);
        const schema = parameter.schema;
        if ('example' in parameter) {
          found.push({
            where: `${where} ?${parameter.name}`,
            name: 'example',
            value: parameter.example,
            schema,
          });
        }
        for (const [name, example] of Object.entries((parameter.examples ?? {}) as Json)) {
          found.push({
            where: `${where} ?${parameter.name}`,
            name,
            value: resolve(document, example).value,
            schema,
          });
        }
      }
    }
  }
  return found;
}

/** The JSON body printed under "Example Response" in a seed page. */
export function seedExampleResponse(seedFile: string): unknown {
  const text = readFileSync(new URL(`../../../openapi/seeds/${seedFile}`, import.meta.url), 'utf8');
  const start = text.indexOf('{', text.indexOf('Example Response'));
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    if (text[i] === '}') depth -= 1;
    if (depth === 0) return JSON.parse(text.slice(start, i + 1));
  }
  throw new Error(`no example response in ${seedFile}`);
}
