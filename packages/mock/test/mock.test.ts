// The mock for frontend teams: its copy of the contract, its start (no error in its own log), the
// two 401 examples, unknown query parameters refused as the server refuses them, and generated
// data (`--dynamic`, `Prefer: dynamic=true`) that validates against the contract for every
// operation.
import { type ContractDocument, openapiDocument } from '@cckm/api-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSchemaValidator, type Document, resolve } from '../../api-types/test/helpers.ts';
import {
  API_BASE_PATH,
  basePathOf,
  createMockDocument,
  guardedOperations,
  type RunningPrism,
  startPrism,
  unknownQuery,
} from '../src/index.ts';

const ORG = '2473e846-31a8-4ee6-8299-17025548b4e2';
const SECRET = '912c7e4d-121e-42bc-ba28-33005cc665cf';

/** One valid request per operation: what a frontend sends. */
const VALID_REQUESTS = [
  {
    operationId: 'createSfdcSynchronizationJob',
    method: 'POST',
    path: '/v1/cckm/sfdc/keys/synchronization-jobs',
    body: { organization_ids: [ORG], synchronize_all: false },
  },
  {
    operationId: 'listSfdcSynchronizationJobs',
    method: 'GET',
    path: '/v1/cckm/sfdc/keys/synchronization-jobs?limit=5&sort=-createdAt,overall_status',
  },
  {
    operationId: 'deleteSfdcTenantSecretBackup',
    method: 'POST',
    path: `/v1/cckm/sfdc/keys/${SECRET}/delete-backup`,
  },
  {
    operationId: 'createSapSynchronizationJob',
    method: 'POST',
    path: '/v1/cckm/sap/synchronization-jobs',
    body: { synchronize_all: true },
  },
  {
    operationId: 'updateSfdcOrganization',
    method: 'PATCH',
    path: `/v1/cckm/sfdc/organizations/${ORG}`,
    body: { connection: 'new-sfdc-connection' },
  },
] as const;

const document = openapiDocument as unknown as Document;
const validate = createSchemaValidator(document);

/** The schema of an operation's response for a status and media type. */
function responseSchema(operationId: string, status: number): unknown {
  for (const item of Object.values(document.paths) as Record<string, Record<string, unknown>>[]) {
    for (const operation of Object.values(item)) {
      if (operation.operationId !== operationId) continue;
      const response = resolve(document, (operation.responses as Record<string, unknown>)[String(status)]);
      const content = response.content as Record<string, { schema: unknown }>;
      return Object.values(content)[0]?.schema;
    }
  }
  throw new Error(`no ${status} response for ${operationId}`);
}

async function send(
  prism: RunningPrism,
  request: (typeof VALID_REQUESTS)[number],
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${prism.url}${request.path}`, {
    method: request.method,
    headers: { Authorization: 'Bearer any', 'Content-Type': 'application/json', ...headers },
    ...('body' in request ? { body: JSON.stringify(request.body) } : {}),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

describe('the mock document', () => {
  test('when the servers carry a host variable, then the base path is still /api', () => {
    expect(API_BASE_PATH).toBe('/api');
    const variable = {
      servers: [
        { url: 'https://{host}/{root}', variables: { host: { default: 'h' }, root: { default: 'x' } } },
      ],
    };
    expect(basePathOf(variable as unknown as ContractDocument)).toBe('/x');
    expect(basePathOf({ servers: [{ url: '/' }] } as unknown as ContractDocument)).toBe('');
  });

  test('when the copy is made, then paths carry /api and each 422 is filed under default', () => {
    const copy = createMockDocument();
    expect(Object.keys(copy.paths).every((path) => path.startsWith('/api/v1/'))).toBe(true);
    const patch = copy.paths['/api/v1/cckm/sfdc/organizations/{id}']?.patch;
    expect(patch?.responses['422']).toBeUndefined();
    expect(patch?.responses.default).toEqual(
      openapiDocument.paths['/v1/cckm/sfdc/organizations/{id}']?.patch?.responses['422'],
    );
    expect(patch?.responses['400']).toBeDefined();
  });

  test('when a request names a query parameter its operation lacks, then the guard refuses it with the 400 example', () => {
    const operations = guardedOperations(createMockDocument());
    const list = (query: string) =>
      unknownQuery(
        operations,
        'GET',
        new URL(`http://mock/api/v1/cckm/sfdc/keys/synchronization-jobs?${query}`),
      );
    expect(list('limt=5')).toMatchObject({ names: ['limt'], refusal: { status: 400 } });
    expect(list('limit=5&sort=-createdAt&__dynamic=true')).toBeUndefined();
    expect(
      unknownQuery(
        operations,
        'POST',
        new URL(`http://mock/api/v1/cckm/sfdc/keys/${SECRET}/delete-backup?force=1`),
      ),
    ).toMatchObject({ names: ['force'] });
    expect(unknownQuery(operations, 'GET', new URL('http://mock/api/elsewhere?x=1'))).toBeUndefined();
  });
});

describe('the mock, with examples', () => {
  let prism: RunningPrism;
  let log = '';

  beforeAll(async () => {
    prism = await startPrism({
      logLevel: 'info',
      output: (chunk) => {
        log += chunk;
      },
    });
  }, 60_000);
  afterAll(() => prism?.close());

  test('when it has started, then its own readiness probe left no error in its log', () => {
    expect(log).toContain('Prism is listening');
    expect(log).not.toMatch(/error|no path matched|Route not resolved/i);
  });

  test('when no token is sent, then the 401 says the token is missing; the expired one is a named example', async () => {
    const missing = await fetch(`${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ detail: 'Authorization header required' });
    const expired = await fetch(`${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs`, {
      headers: { Authorization: 'Bearer any', Prefer: 'code=401, example=expiredToken' },
    });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ detail: 'The bearer token has expired' });
  });

  test('when a Salesforce sync is created, then the 201 names the job in Location; the SAP one has none', async () => {
    const sfdc = await send(prism, VALID_REQUESTS[0]);
    expect(sfdc.status).toBe(201);
    expect(sfdc.headers.get('location')).toMatch(
      /^\/api\/v1\/cckm\/sfdc\/keys\/synchronization-jobs\?id=[0-9a-f-]{36}$/,
    );
    const sap = await send(prism, VALID_REQUESTS[3]);
    expect(sap.status).toBe(201);
    expect(sap.headers.get('location')).toBeNull();
  });

  test.each(VALID_REQUESTS.map((request) => [request.operationId, request] as const))(
    'when %s is asked with Prefer: dynamic=true, then generated data validates against the contract',
    async (_name, request) => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { status, body } = await send(prism, request, { Prefer: 'dynamic=true' });
        expect(status).toBeLessThan(300);
        expect(validate(responseSchema(request.operationId, status), body)).toEqual([]);
      }
    },
  );

  test('when a query parameter is misspelt, then 400 validation-failed, as from the server', async () => {
    const response = await fetch(`${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs?limt=5`, {
      headers: { Authorization: 'Bearer any' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
    });
  });
});

describe('the mock, --dynamic', () => {
  let prism: RunningPrism;

  beforeAll(async () => {
    prism = await startPrism({ dynamic: true });
  }, 60_000);
  afterAll(() => prism?.close());

  test.each(VALID_REQUESTS.map((request) => [request.operationId, request] as const))(
    'when %s is called 10 times, then every generated answer validates against the contract',
    async (_name, request) => {
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const { status, body } = await send(prism, request);
        expect(status).toBeLessThan(300);
        expect(validate(responseSchema(request.operationId, status), body)).toEqual([]);
      }
    },
  );

  test('when an error status is asked for, then the generated problem validates too', async () => {
    for (const [request, status] of [
      [VALID_REQUESTS[0], 409],
      [VALID_REQUESTS[4], 422],
      [VALID_REQUESTS[2], 404],
      [VALID_REQUESTS[1], 400],
    ] as const) {
      const answer = await send(prism, request, { Prefer: `code=${status}` });
      expect(answer.status).toBe(status);
      expect(validate(responseSchema(request.operationId, status), answer.body)).toEqual([]);
    }
  });
});
