// The mock for frontend teams: its copy of the contract, its start (no error in its own log), and
// the faithful answers of issue 22, each asserted here as the server gives it: a malformed body,
// problems built from the request (not copied from an example), Prefer names that do not exist,
// the statuses the server answers (skip=1e3, an empty filter, Accept, 405 with Allow, 404 types,
// a body where none is taken), tokens no server would accept. The full table of invalid requests,
// sent to the mock and the server side by side, is packages/server/test/conformance/mock-vs-server.
import { createHash } from 'node:crypto';
import { type ContractDocument, openapiDocument } from '@cckm/api-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  API_BASE_PATH,
  basePathOf,
  createMockDocument,
  mockToken,
  type RunningPrism,
  startPrism,
} from '../src/index.ts';
import { signToken } from '../src/mock-token.ts';
import { responseSchema, validate } from './helpers.ts';

const ORG = '2473e846-31a8-4ee6-8299-17025548b4e2';
const SECRET = '912c7e4d-121e-42bc-ba28-33005cc665cf';
const JOBS = '/v1/cckm/sfdc/keys/synchronization-jobs';
const VALIDATION_FAILED = 'tag:cckm-contract.github.io,2026:problem:validation-failed';
const TOKEN = mockToken();

/** One valid request per operation: what a frontend sends. */
export const VALID_REQUESTS = [
  {
    operationId: 'createSfdcSynchronizationJob',
    method: 'POST',
    path: JOBS,
    body: { organization_ids: [ORG], synchronize_all: false },
  },
  {
    operationId: 'listSfdcSynchronizationJobs',
    method: 'GET',
    path: `${JOBS}?limit=5&sort=-createdAt,overall_status`,
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

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

async function call(
  prism: RunningPrism,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; token?: string | null } = {},
): Promise<Sent> {
  const token = options.token === undefined ? TOKEN : options.token;
  const response = await fetch(`${prism.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  return { status: response.status, headers: response.headers, text, body };
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

  test('when a Salesforce sync is created, then the 201 names the job in Location; the SAP one has none', async () => {
    const [sfdc, , , sap] = VALID_REQUESTS;
    const created = await call(prism, sfdc.method, sfdc.path, { body: JSON.stringify(sfdc.body) });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(
      /^\/api\/v1\/cckm\/sfdc\/keys\/synchronization-jobs\?id=[0-9a-f-]{36}$/,
    );
    const started = await call(prism, sap.method, sap.path, { body: JSON.stringify(sap.body) });
    expect(started.status).toBe(201);
    expect(started.headers.get('location')).toBeNull();
  });

  test.each(VALID_REQUESTS.map((request) => [request.operationId, request] as const))(
    'when %s is asked with Prefer: dynamic=true, then generated data validates against the contract',
    async (_name, request) => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const answer = await call(prism, request.method, request.path, {
          ...('body' in request ? { body: JSON.stringify(request.body) } : {}),
          headers: { Prefer: 'dynamic=true' },
        });
        expect(answer.status).toBeLessThan(300);
        expect(validate(responseSchema(request.operationId, answer.status), answer.body)).toEqual([]);
      }
    },
  );

  // Faithful answers 1: a malformed JSON body.
  test('when the body is not JSON, then the validation-failed problem names /body; no stack trace', async () => {
    const answer = await call(prism, 'POST', JOBS, { body: '{"synchronize_all": tru' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({
      type: VALIDATION_FAILED,
      detail: 'The body is not valid JSON',
      instance: `/api${JOBS}`,
      errors: [{ path: '/body', message: 'must be valid JSON' }],
    });
    expect(answer.text).not.toMatch(/stack|node_modules|\.ts:/);
  });

  // Faithful answers 2: problems built from the request.
  test.each([
    [`${JOBS}?limit=0`, 'GET', undefined, [{ path: '/query/limit', message: 'must be >= 1' }]],
    [`${JOBS}?foo=1`, 'GET', undefined, [{ path: '/query/foo', message: "Unknown query parameter 'foo'" }]],
    [`${JOBS}?skip=-1`, 'GET', undefined, [{ path: '/query/skip', message: 'must be >= 0' }]],
    [
      '/v1/cckm/sfdc/organizations/Thales',
      'PATCH',
      '{"connection":"new-sfdc-connection"}',
      [{ path: '/path/id', message: 'must match format "uuid"' }],
    ],
  ])(
    'when %s is sent (%s), then errors[] says what is wrong with that request',
    async (path, method, body, errors) => {
      const answer = await call(prism, method, path, body === undefined ? {} : { body });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual(errors);
      expect(answer.body.instance).toBe(`/api${path}`);
      expect(answer.body.request_id).toBe(answer.headers.get('x-request-id'));
    },
  );

  // Faithful answers 3: Prefer names that do not exist.
  test('when Prefer names an example or a status the operation lacks, then a 400 lists the names', async () => {
    const example = await call(prism, 'POST', JOBS, {
      body: '{"synchronize_all":true}',
      headers: { Prefer: 'code=422, example=bogus' },
    });
    expect(example.status).toBe(400);
    expect(example.body.detail).toBe(
      'Prefer: example=bogus is not an example of the 422 response of createSfdcSynchronizationJob; use unknownOrganization or noOrganizations',
    );
    const code = await call(prism, 'GET', JOBS, { headers: { Prefer: 'code=422' } });
    expect(code.status).toBe(400);
    expect(code.body.errors).toEqual([
      {
        path: '/headers/prefer',
        message: 'must name a status of listSfdcSynchronizationJobs: 200, 304, 400, 401, 403, 500',
      },
    ]);
    const named = await call(prism, 'POST', JOBS, {
      body: '{"synchronize_all":true}',
      headers: { Prefer: 'code=422, example=noOrganizations' },
    });
    expect(named.status).toBe(422);
    expect(named.body.instance).toBe(`/api${JOBS}`);
  });

  // Faithful answers 4: the statuses the server answers.
  test('when skip=1e3 or an empty organizations= is sent, then 400 as from the server', async () => {
    expect((await call(prism, 'GET', `${JOBS}?skip=1e3`)).body.errors).toEqual([
      { path: '/query/skip', message: 'must be an integer written in decimal digits' },
    ]);
    const empty = await call(prism, 'GET', `${JOBS}?organizations=`);
    expect(empty.status).toBe(400);
    expect((empty.body.errors as { path: string }[])[0]?.path).toBe('/query/organizations');
  });

  test('when a list page is asked again with its ETag, then 304 with no body, as from the server', async () => {
    const first = await call(prism, 'GET', `${JOBS}?limit=5`);
    const etag = first.headers.get('etag') as string;
    expect(etag).toBe(`"${createHash('sha256').update(first.text).digest('base64url').slice(0, 22)}"`);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await call(prism, 'GET', `${JOBS}?limit=5`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const other = await call(prism, 'GET', `${JOBS}?limit=5`, { headers: { 'If-None-Match': '"nope"' } });
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
    const tooLong = await call(prism, 'GET', `${JOBS}?limit=5`, {
      headers: { 'If-None-Match': `"${'a'.repeat(4100)}"` },
    });
    expect(tooLong.status).toBe(400);
    expect((tooLong.body.errors as { path: string }[])[0]?.path).toBe('/headers/if-none-match');
  });

  test('when Accept asks for XML, then the answer is JSON, as the server answers (decision 0096)', async () => {
    const answer = await call(prism, 'GET', JOBS, { headers: { Accept: 'application/xml' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
  });

  test('when a method or a path is unknown, then 405 with Allow and 404, with our problem types', async () => {
    const method = await call(prism, 'DELETE', JOBS);
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('HEAD, GET, POST');
    expect(method.body.type).toBe('tag:cckm-contract.github.io,2026:problem:method-not-allowed');
    const path = await call(prism, 'GET', '/v1/cckm/nothing');
    expect(path.status).toBe(404);
    expect(path.body.type).toBe('tag:cckm-contract.github.io,2026:problem:not-found');
  });

  test('when delete-backup is sent a body, then 400 names /body; without one it answers 200', async () => {
    const path = `/v1/cckm/sfdc/keys/${SECRET}/delete-backup`;
    const refused = await call(prism, 'POST', path, { body: '{"force":true}' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: '/body', message: 'must be absent: this operation takes no body' },
    ]);
    expect((await call(prism, 'POST', path)).status).toBe(200);
  });

  // Faithful answers 5: tokens no server would accept.
  test('when the token is not a JWT or has expired, then 401 with the server’s WWW-Authenticate', async () => {
    const notJwt = await call(prism, 'GET', JOBS, { token: 'any-token-works' });
    expect(notJwt.status).toBe(401);
    expect(notJwt.headers.get('www-authenticate')).toBe(
      'Bearer realm="cckm", error="invalid_token", error_description="The bearer token is malformed"',
    );
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await call(prism, 'GET', JOBS, {
      token: signToken({ sub: 'x', cust: { domain_id: 'd', groups: ['admin'] }, exp: past }, 'k'),
    });
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe('The bearer token has expired');
    const none = await call(prism, 'GET', JOBS, { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="cckm"');
    const asked = await call(prism, 'GET', JOBS, { headers: { Prefer: 'code=401, example=expiredToken' } });
    expect(asked.headers.get('www-authenticate')).toBe(
      'Bearer realm="cckm", error="invalid_token", error_description="The bearer token has expired"',
    );
  });

  test('when a token of CCKM Users starts a job, then 403 as from the server; it may list', async () => {
    const user = mockToken({ groups: ['CCKM Users'] });
    const start = await call(prism, 'POST', JOBS, { body: '{"synchronize_all":true}', token: user });
    expect(start.status).toBe(403);
    expect((await call(prism, 'GET', JOBS, { token: user })).status).toBe(200);
  });
});
