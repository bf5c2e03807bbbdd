// Conformance, client side: every operation through the client against `prism mock --errors` on
// the contract; typed data equals the spec's examples, every error example comes back as a typed
// problem when picked with Prefer, and requests that break the contract get Prism's 4xx.
import { openapiDocument } from '@cckm/api-types';
import { mockToken, type RunningPrism, startPrism } from '@cckm/mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CckmClient, createCckmClient } from '../../src/index.ts';

type Examples = Record<string, { $ref?: string; value?: unknown }>;
type Operation = {
  operationId: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { examples?: Examples }> }>;
};

const components = openapiDocument.components as unknown as {
  examples: Record<string, { value: unknown }>;
  responses: Record<string, { content: Record<string, { examples: Examples }> }>;
};
const operations = Object.values(openapiDocument.paths).flatMap((item) => Object.values(item) as Operation[]);

/** Every named example of every response, with its status, by operation. */
function responseExamples(operationId: string) {
  const operation = operations.find((candidate) => candidate.operationId === operationId) as Operation;
  return Object.entries(operation.responses).flatMap(([status, response]) => {
    const resolved = response.$ref
      ? components.responses[response.$ref.split('/').pop() as string]
      : response;
    const examples = Object.values(resolved?.content ?? {})[0]?.examples ?? {};
    return Object.entries(examples).map(([name, example]) => ({
      status: Number(status),
      name,
      value: example.$ref
        ? components.examples[example.$ref.split('/').pop() as string]?.value
        : example.value,
    }));
  });
}

/** The mock refuses what no server would accept: a well-formed JWT (any signature). */
const TOKEN = mockToken();
let prism: RunningPrism;
let client: CckmClient;

beforeAll(async () => {
  prism = await startPrism({ mode: 'mock' });
  client = createCckmClient({ baseUrl: prism.url, token: TOKEN });
}, 60_000);
afterAll(() => prism?.close());

const ORG = '2473e846-31a8-4ee6-8299-17025548b4e2';
const SECRET = '912c7e4d-121e-42bc-ba28-33005cc665cf';

/** A valid call of each operation through the client, with extra headers. */
const calls: Record<
  string,
  (headers?: Record<string, string>) => Promise<{ data?: unknown; error?: unknown; response?: Response }>
> = {
  createSfdcSynchronizationJob: (headers) =>
    client.createSfdcSynchronizationJob({ synchronize_all: true }, { headers: headers ?? {} }),
  listSfdcSynchronizationJobs: (headers) =>
    client.listSfdcSynchronizationJobs({ limit: 10 }, { headers: headers ?? {} }),
  deleteSfdcTenantSecretBackup: (headers) =>
    client.deleteSfdcTenantSecretBackup(SECRET, { headers: headers ?? {} }),
  createSapSynchronizationJob: (headers) =>
    client.createSapSynchronizationJob({ groups: ['00RT000000060vKLOP'] }, { headers: headers ?? {} }),
  updateSfdcOrganization: (headers) =>
    client.updateSfdcOrganization(ORG, { connection: 'new-sfdc-connection' }, { headers: headers ?? {} }),
};

describe('client against the Prism mock', () => {
  test('when the mock is asked at the real server paths, then it answers (and not without /api)', async () => {
    expect(prism.url).toMatch(/\/api$/);
    const withBase = await fetch(`${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(withBase.status).toBe(200);
    const withoutBase = await fetch(`${prism.origin}/v1/cckm/sfdc/keys/synchronization-jobs`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(withoutBase.status).toBe(404);
  });

  test.each(Object.keys(calls))(
    'when %s is called, then data equals the first success example',
    async (operationId) => {
      const call = calls[operationId] as (typeof calls)[string];
      const { data, error, response } = await call();
      const [success] = responseExamples(operationId).filter((example) => example.status < 300);
      expect(error).toBeUndefined();
      expect(response?.status).toBe(success?.status);
      expect(data).toEqual(success?.value);
    },
  );

  const errorExamples = operations.flatMap((operation) =>
    responseExamples(operation.operationId)
      .filter((example) => example.status >= 400)
      .map(
        (example) =>
          [
            `${operation.operationId} ${example.status} ${example.name}`,
            operation.operationId,
            example,
          ] as const,
      ),
  );

  test.each(errorExamples)(
    'when %s is picked with Prefer, then it comes back as a typed problem',
    async (_label, operationId, example) => {
      const call = calls[operationId] as (typeof calls)[string];
      const { data, error, response } = await call({
        Prefer: `code=${example.status}, example=${example.name}`,
      });
      expect(data).toBeUndefined();
      expect(response?.status).toBe(example.status);
      expect(response?.headers.get('content-type')).toContain('application/problem+json');
      // The example, made this request's: its path and the X-Request-Id of the answer.
      expect(error).toEqual({
        ...(example.value as object),
        instance: ((url) => url.pathname + url.search)(new URL(response?.url ?? '')),
        request_id: response?.headers.get('x-request-id'),
      });
    },
  );

  test.each([
    [
      'both organization_ids and synchronize_all',
      '/v1/cckm/sfdc/keys/synchronization-jobs',
      'POST',
      '{"organization_ids":["00DB000000040bIMAQ"],"synchronize_all":true}',
    ],
    [
      'an unknown field',
      '/v1/cckm/sap/synchronization-jobs',
      'POST',
      '{"synchronize_all":true,"dry_run":true}',
    ],
    ['a connection that is not a string', `/v1/cckm/sfdc/organizations/${ORG}`, 'PATCH', '{"connection":7}'],
    ['a limit above 1000', '/v1/cckm/sfdc/keys/synchronization-jobs?limit=5000', 'GET', undefined],
    ['a path id that is not a UUID', '/v1/cckm/sfdc/keys/not-a-uuid/delete-backup', 'POST', undefined],
  ])(
    'when a request has %s, then the mock refuses it with a 4xx problem',
    async (_case, path, method, body) => {
      const response = await fetch(`${prism.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body } : {}),
      });
      expect([400, 422]).toContain(response.status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    },
  );

  test('when no bearer token is sent, then the mock answers 401', async () => {
    const response = await fetch(`${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs`);
    expect(response.status).toBe(401);
  });
});
