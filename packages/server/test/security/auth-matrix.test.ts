// The auth matrix of issue 12: every attack on every one of the five operations, each sent as a
// raw HTTP request that the contract would otherwise accept, so the token is the only thing wrong
// with it. Refusals are 401 (with a Bearer challenge) or 403 problems; requests from another
// domain answer as the contract defines for resources the caller cannot see (an empty list, 422
// for unknown organizations and groups, 404 for a path ID) and never touch the other domain's data.
// Two servers: HS256 with issuer and audience required, and RS256 keys from a JWKS endpoint.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OperationId, openapiDocument } from '@cckm/api-types';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_DOMAIN_ID, PERMISSIONS } from '../../src/index.ts';
import { OTHER_DOMAIN_ID, startTestServer, TEST_SECRET, type TestServer } from '../helpers.ts';

const ISSUER = 'https://kylo.test/issuer';
const AUDIENCE = 'cckm-api';

interface Operation {
  id: OperationId;
  method: string;
  path: string;
  body?: unknown;
}

/** One request per operation that the contract accepts; only the token varies. */
const OPERATIONS: readonly Operation[] = [
  {
    id: 'createSfdcSynchronizationJob',
    method: 'POST',
    path: '/v1/cckm/sfdc/keys/synchronization-jobs',
    body: { organization_ids: [DEMO.organizations.thales.id] },
  },
  { id: 'listSfdcSynchronizationJobs', method: 'GET', path: '/v1/cckm/sfdc/keys/synchronization-jobs' },
  {
    id: 'deleteSfdcTenantSecretBackup',
    method: 'POST',
    path: `/v1/cckm/sfdc/keys/${DEMO.destroyedSecretId}/delete-backup`,
  },
  {
    id: 'createSapSynchronizationJob',
    method: 'POST',
    path: '/v1/cckm/sap/synchronization-jobs',
    body: { groups: [DEMO.sapGroups[0].id] },
  },
  {
    id: 'updateSfdcOrganization',
    method: 'PATCH',
    path: `/v1/cckm/sfdc/organizations/${DEMO.organizations.thales.id}`,
    body: { connection: DEMO.connections.seed004.name },
  },
];

interface Answer {
  status: number;
  contentType: string;
  challenge: string | null;
  body: unknown;
}

async function call(
  server: TestServer,
  operation: Operation,
  authorization: string | undefined,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (operation.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.baseUrl}${operation.path}`, {
    method: operation.method,
    headers,
    ...(operation.body === undefined ? {} : { body: JSON.stringify(operation.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text: the problem check below reports it
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    challenge: response.headers.get('www-authenticate'),
    body,
  };
}

/**
 * The kind a problem type names: its last segment after `problem:`, whatever URI scheme the
 * contract uses for the catalogue (`urn:cckm:problem:<kind>` in 1.0, `tag:...:problem:<kind>` in 1.1).
 */
function kindOf(type: unknown): string | undefined {
  return typeof type === 'string' ? /problem:([a-z-]+)$/.exec(type)?.[1] : undefined;
}

/** What is wrong with a refusal, or undefined when it is the expected problem. */
function refusalMismatch(answer: Answer, status: number): string | undefined {
  if (answer.status !== status)
    return `status ${answer.status}, expected ${status}: ${JSON.stringify(answer.body)}`;
  if (!answer.contentType.startsWith('application/problem+json')) return `media type ${answer.contentType}`;
  const problem = answer.body as { type?: unknown; title?: unknown; status?: unknown };
  const kind = status === 401 ? 'unauthorized' : 'forbidden';
  if (kindOf(problem.type) !== kind) return `problem type ${String(problem.type)}`;
  if (typeof problem.title !== 'string' || problem.status !== status)
    return 'problem without title or status';
  if (status === 401 && !answer.challenge?.startsWith('Bearer realm="cckm"'))
    return `challenge ${answer.challenge}`;
  return undefined;
}

/** Sends the header to all five operations; collects every answer that is not the refusal. */
async function refusedEverywhere(
  server: TestServer,
  authorization: string | undefined,
  status: 401 | 403,
  only: readonly Operation[] = OPERATIONS,
): Promise<string[]> {
  const mismatches: string[] = [];
  for (const operation of only) {
    const mismatch = refusalMismatch(await call(server, operation, authorization), status);
    if (mismatch) mismatches.push(`${operation.id}: ${mismatch}`);
  }
  return mismatches;
}

const now = () => Math.floor(Date.now() / 1000);
const secret = new TextEncoder().encode(TEST_SECRET);

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    sub: 'local|auth-matrix',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    exp: now() + 600,
    cust: { domain_id: DEMO_DOMAIN_ID, groups: ['admin'] },
    ...overrides,
  };
}

/** Signs exactly these claims (an `undefined` claim is left out) with this header and key. */
function sign(
  payload: JWTPayload,
  key: Parameters<SignJWT['sign']>[0] = secret,
  header: JWTHeaderParameters = { alg: 'HS256', typ: 'JWT' },
): Promise<string> {
  const present = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
  return new SignJWT(present).setProtectedHeader(header).sign(key);
}

function unsigned(payload: JWTPayload, alg = 'none'): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg, typ: 'JWT' })}.${encode(payload)}.`;
}

describe('auth matrix: HS256 with issuer and audience required', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await server.close();
  });

  it('when the matrix lists its operations, then they are exactly the contract five', () => {
    const contract = Object.values(openapiDocument.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).flatMap((operation) =>
        operation?.operationId ? [operation.operationId] : [],
      ),
    );
    expect(OPERATIONS.map((operation) => operation.id).sort()).toEqual([...contract].sort());
  });

  it('when a valid admin token of the configured issuer and audience lists jobs, then 200 (the control)', async () => {
    const answer = await call(server, OPERATIONS[1] as Operation, `Bearer ${await sign(claims())}`);
    expect(answer.status).toBe(200);
  });

  const cases: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['a garbage token', async () => 'Bearer garbage'],
    ['three empty segments', async () => 'Bearer ..'],
    [
      'a token of random base64url',
      async () => `Bearer ${Buffer.from('x'.repeat(90)).toString('base64url')}.e30.e30`,
    ],
    ['the Basic scheme', async () => 'Basic YWRtaW46YWRtaW4='],
    ['a valid token under another scheme', async () => `Token ${await sign(claims())}`],
    ['a valid token without a scheme', async () => sign(claims())],
    ['Bearer with no token', async () => 'Bearer'],
    [
      'a token expired beyond the clock tolerance',
      async () => `Bearer ${await sign(claims({ exp: now() - 600 }))}`,
    ],
    [
      'a token whose nbf is beyond the tolerance ahead',
      async () => `Bearer ${await sign(claims({ nbf: now() + 600 }))}`,
    ],
    [
      'a token whose iat is beyond the tolerance ahead',
      async () => `Bearer ${await sign(claims({ iat: now() + 600 }))}`,
    ],
    ['a token without exp', async () => `Bearer ${await sign(claims({ exp: undefined }))}`],
    ['an unsigned token (alg none)', async () => `Bearer ${unsigned(claims())}`],
    ['an unsigned token (alg NONE)', async () => `Bearer ${unsigned(claims(), 'NONE')}`],
    [
      'an HS256 token signed with another key',
      async () =>
        `Bearer ${await sign(claims(), new TextEncoder().encode('another-secret-another-secret-another-secret'))}`,
    ],
    [
      'an HS512 token signed with the right key',
      async () => `Bearer ${await sign(claims(), secret, { alg: 'HS512' })}`,
    ],
    [
      'a token whose payload was swapped under a valid signature',
      async () => {
        const [header, , signature] = (
          await sign(claims({ cust: { domain_id: DEMO_DOMAIN_ID, groups: [] } }))
        ).split('.');
        const payload = Buffer.from(JSON.stringify(claims())).toString('base64url');
        return `Bearer ${header}.${payload}.${signature}`;
      },
    ],
    ['a token of another issuer', async () => `Bearer ${await sign(claims({ iss: 'https://evil.test' }))}`],
    ['a token without an issuer', async () => `Bearer ${await sign(claims({ iss: undefined }))}`],
    ['a token for another audience', async () => `Bearer ${await sign(claims({ aud: 'another-api' }))}`],
    ['a token without an audience', async () => `Bearer ${await sign(claims({ aud: undefined }))}`],
    [
      'a token without cust.domain_id',
      async () => `Bearer ${await sign(claims({ cust: { groups: ['admin'] } }))}`,
    ],
  ];

  it.each(cases)(
    'when the request carries %s, then every operation answers a 401 problem with a Bearer challenge',
    async (_case, header) => {
      expect(await refusedEverywhere(server, await header(), 401)).toEqual([]);
    },
  );

  it.each([
    ['no group', []],
    ['an unrelated group', ['Key Users']],
    ['the read-only group', ['CCKM Users']],
  ])(
    'when a valid token has %s, then every operation that group may not call answers a 403 problem',
    async (_case, groups) => {
      const forbidden = OPERATIONS.filter(
        (operation) => !groups.some((group) => PERMISSIONS.get(operation.id)?.includes(group)),
      );
      expect(forbidden.length).toBeGreaterThan(0);
      const token = await sign(claims({ cust: { domain_id: DEMO_DOMAIN_ID, groups } }));
      expect(await refusedEverywhere(server, `Bearer ${token}`, 403, forbidden)).toEqual([]);
    },
  );

  it('when every attack has been refused, then nothing changed: no job, the backup and the connection still there', async () => {
    const admin = `Bearer ${await sign(claims())}`;
    const [createSfdc, list, deleteBackup, createSap, update] = OPERATIONS as [
      Operation,
      Operation,
      Operation,
      Operation,
      Operation,
    ];
    expect(((await call(server, list, admin)).body as { total: number }).total).toBe(0);
    // The refused calls would have made these answer differently: the backup deleted (404 now),
    // the organization already on the connection, the jobs already running (409).
    expect((await call(server, deleteBackup, admin)).status).toBe(200);
    const updated = await call(server, update, admin);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ connection: DEMO.connections.seed004.name });
    expect((await call(server, createSfdc, admin)).status).toBe(201);
    expect((await call(server, createSap, admin)).status).toBe(201);
    await server.runtime.runner.idle();
  });
});

/** A JWKS endpoint on 127.0.0.1 that counts its requests. */
async function serveJwks(
  keys: JWK[],
): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const http: Server = createServer((_req, res) => {
    requests += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/.well-known/jwks.json`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

describe('auth matrix: RS256 keys from a JWKS endpoint', () => {
  const KID = 'cckm-test-key';
  let server: TestServer;
  let jwks: Awaited<ReturnType<typeof serveJwks>>;
  let attackerJwks: Awaited<ReturnType<typeof serveJwks>>;
  let good: Awaited<ReturnType<typeof generateKeyPair>>;
  let attacker: Awaited<ReturnType<typeof generateKeyPair>>;
  let publicJwk: JWK;

  beforeAll(async () => {
    good = await generateKeyPair('RS256', { extractable: true });
    attacker = await generateKeyPair('RS256', { extractable: true });
    publicJwk = { ...(await exportJWK(good.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
    jwks = await serveJwks([publicJwk]);
    attackerJwks = await serveJwks([{ ...(await exportJWK(attacker.publicKey)), kid: KID, alg: 'RS256' }]);
    server = await startTestServer({ JWT_JWKS_URL: jwks.url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await server.close();
    await jwks.close();
    await attackerJwks.close();
  });

  it('when a token is signed with the published key, then it is accepted (the control)', async () => {
    const token = await sign(claims(), good.privateKey, { alg: 'RS256', kid: KID });
    expect((await call(server, OPERATIONS[1] as Operation, `Bearer ${token}`)).status).toBe(200);
    expect(jwks.requests()).toBeGreaterThan(0);
  });

  const cases: [string, () => Promise<string>][] = [
    [
      'an HS256 token keyed with the RSA public key as PEM (algorithm confusion)',
      async () =>
        sign(claims(), new TextEncoder().encode(await exportSPKI(good.publicKey)), {
          alg: 'HS256',
          kid: KID,
        }),
    ],
    [
      'an HS256 token keyed with the public JWK as JSON (algorithm confusion)',
      async () =>
        sign(claims(), new TextEncoder().encode(JSON.stringify(publicJwk)), { alg: 'HS256', kid: KID }),
    ],
    [
      'an HS256 token keyed with the public modulus (algorithm confusion)',
      async () => sign(claims(), Buffer.from(publicJwk.n as string, 'base64url'), { alg: 'HS256', kid: KID }),
    ],
    [
      'an HS256 token keyed with the HS secret the server also holds',
      async () => sign(claims(), secret, { alg: 'HS256', kid: KID }),
    ],
    [
      'an RS256 token signed by another key under the published kid',
      async () => sign(claims(), attacker.privateKey, { alg: 'RS256', kid: KID }),
    ],
    [
      'an RS256 token signed by a key of an unknown kid',
      async () => sign(claims(), attacker.privateKey, { alg: 'RS256', kid: 'unknown' }),
    ],
    [
      'an RS256 token that embeds its own key (jwk header)',
      async () =>
        sign(claims(), attacker.privateKey, {
          alg: 'RS256',
          jwk: { ...(await exportJWK(attacker.publicKey)) },
        }),
    ],
    [
      "an RS256 token that points at the attacker's JWKS (jku header)",
      async () => sign(claims(), attacker.privateKey, { alg: 'RS256', kid: KID, jku: attackerJwks.url }),
    ],
    ['an unsigned token under the published kid', async () => unsigned(claims())],
    [
      'a token signed with the published key but without exp',
      async () => sign(claims({ exp: undefined }), good.privateKey, { alg: 'RS256', kid: KID }),
    ],
    [
      'a token signed with the published key for another audience',
      async () => sign(claims({ aud: 'another-api' }), good.privateKey, { alg: 'RS256', kid: KID }),
    ],
  ];

  it.each(cases)(
    'when the request carries %s, then every operation answers a 401 problem',
    async (_case, token) => {
      expect(await refusedEverywhere(server, `Bearer ${await token()}`, 401)).toEqual([]);
    },
  );

  it("when a token names the attacker's JWKS, then the server never fetched it", () => {
    expect(attackerJwks.requests()).toBe(0);
  });
});

describe('auth matrix: another domain', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("when another domain's admin calls every operation on the demo domain's resources, then it sees and changes none of them", async () => {
    const demo = `Bearer ${await server.token()}`;
    const other = `Bearer ${await server.token({ domainId: OTHER_DOMAIN_ID })}`;
    const [createSfdc, list, deleteBackup, createSap, update] = OPERATIONS as [
      Operation,
      Operation,
      Operation,
      Operation,
      Operation,
    ];
    const demoJob = (await call(server, createSfdc, demo)).body as { id: string };
    await server.runtime.runner.idle();

    const answers = {
      list: await call(server, list, other),
      listById: await call(server, { ...list, path: `${list.path}?id=${demoJob.id}` }, other),
      listByOrganization: await call(
        server,
        {
          ...list,
          path: `${list.path}?organizations=${DEMO.organizations.thales.id},${DEMO.organizations.thales.sfdcOrgId}`,
        },
        other,
      ),
      createSfdc: await call(server, createSfdc, other),
      createSap: await call(server, createSap, other),
      deleteBackup: await call(server, deleteBackup, other),
      update: await call(server, update, other),
    };
    const empty = { skip: 0, limit: 10, total: 0, resources: [] };
    expect({
      list: answers.list.body,
      listById: answers.listById.body,
      listByOrganization: answers.listByOrganization.body,
      createSfdc: [answers.createSfdc.status, kindOf((answers.createSfdc.body as { type?: string }).type)],
      createSap: [answers.createSap.status, kindOf((answers.createSap.body as { type?: string }).type)],
      deleteBackup: [
        answers.deleteBackup.status,
        kindOf((answers.deleteBackup.body as { type?: string }).type),
      ],
      update: [answers.update.status, kindOf((answers.update.body as { type?: string }).type)],
    }).toEqual({
      list: empty,
      listById: empty,
      listByOrganization: empty,
      createSfdc: [422, 'unknown-organization'],
      createSap: [422, 'unknown-group'],
      deleteBackup: [404, 'not-found'],
      update: [404, 'not-found'],
    });
    for (const answer of Object.values(answers)) {
      expect(JSON.stringify(answer.body)).not.toContain(demoJob.id);
    }

    // The demo domain's own view: its one job, its backup still deletable, its organization updatable.
    expect(((await call(server, list, demo)).body as { total: number }).total).toBe(1);
    expect((await call(server, deleteBackup, demo)).status).toBe(200);
    expect((await call(server, update, demo)).status).toBe(200);
  });
});
