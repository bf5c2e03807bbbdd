// Shared by the handler tests: a client on the handlers, and a judge of bodies by the contract.
import { openapiDocument } from '@cckm/api-types';
import { createCckmClient } from '@cckm/client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const API = 'http://cckm.test/api';

export const clientOn = (token = 'any-token') => createCckmClient({ baseUrl: API, token });

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(structuredClone(openapiDocument), 'contract');

/** The schema errors of `value` against `#/components/schemas/<name>` (empty: it conforms). */
export function schemaErrors(name: string, value: unknown): string[] {
  const validate = ajv.getSchema(`contract#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
