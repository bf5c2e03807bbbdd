// The handlers' checks against the server's: the same bad requests go to the server's own request
// checks (createContractApp of @cckm/server, in-process, with a route that answers 299 for what
// passes) and to the MSW handlers; status, problem type, title, detail, errors[] and the headers
// that say what to do (WWW-Authenticate, Allow, Accept-Patch/Accept-Post) must be the same.
import type { AddressInfo } from 'node:net';
import { createContractApp, createLogger, type Identity, type Listening, listen } from '@cckm/server';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCckmHandlers, DEMO } from '../src/index.ts';

const MSW_API = 'http://msw.test/api';
const H = { authorization: 'Bearer good', 'content-type': 'application/json' };
const SYNC = '/v1/cckm/sfdc/keys/synchronization-jobs';
const ORG = `/v1/cckm/sfdc/organizations/${DEMO.organizations[0].id}`;

/** [method, path, headers, body]: every one the server refuses. */
const CASES: [string, string, Record<string, string>, string?][] = [
  ['GET', `${SYNC}?limit=0`, H],
  ['GET', `${SYNC}?limit=abc&skip=-1`, H],
  ['GET', `${SYNC}?sort=name`, H],
  ['GET', `${SYNC}?sort=-createdAt,nope`, H],
  ['GET', `${SYNC}?foo=1`, H],
  ['GET', `${SYNC}?overall_status=done`, H],
  ['GET', `${SYNC}?organizations=abc`, H],
  ['GET', `${SYNC}?id=x`, H],
  ['GET', SYNC, {}],
  ['POST', SYNC, H, '{}'],
  ['POST', SYNC, H, '{"organization_ids":["abc"]}'],
  ['POST', SYNC, H, '{"organization_ids":["00DB000000040bIMAQ"],"synchronize_all":true}'],
  ['POST', SYNC, H, '{"synchronize_all":false}'],
  ['POST', SYNC, H, '{"synchronize_all":true,"x":1}'],
  ['POST', SYNC, H, '{"organization_ids":[]}'],
  ['POST', SYNC, H, '[]'],
  ['POST', SYNC, H, 'not json'],
  ['POST', SYNC, H],
  ['POST', SYNC, { ...H, 'content-type': 'text/plain' }, '{"synchronize_all":true}'],
  ['POST', '/v1/cckm/sfdc/keys/abc/delete-backup', H],
  ['POST', `/v1/cckm/sfdc/keys/${DEMO.destroyedSecretId}/delete-backup`, H, '{}'],
  ['POST', '/v1/cckm/sap/synchronization-jobs', H, '{}'],
  ['POST', '/v1/cckm/sap/synchronization-jobs', H, '{"groups":[],"synchronize_all":true}'],
  ['PATCH', '/v1/cckm/sfdc/organizations/00DB000000040bIMAQ', H, '{}'],
  [
    'PATCH',
    '/v1/cckm/sfdc/organizations/abc',
    { ...H, 'content-type': 'application/merge-patch+json' },
    '{"connection":""}',
  ],
  ['PATCH', ORG, { ...H, 'content-type': 'text/plain' }, 'x'],
  ['PATCH', ORG, H, '{"connection":"a","other":1}'],
  ['DELETE', ORG, H],
  ['PUT', SYNC, H],
];

const identity: Identity = {
  subject: 's',
  username: 'u',
  domainId: DEMO.organizations[0].id,
  groups: ['admin'],
};
let server: Listening;
let serverApi: string;
const msw = setupServer(...createCckmHandlers({ baseUrl: MSW_API }));

beforeAll(async () => {
  const app = createContractApp(
    {
      logger: createLogger({ level: 'silent' }),
      verifyToken: async () => identity,
      cors: { origins: [], allowLocal: true },
      validateResponses: false,
      checkReady: async () => {},
    },
    [
      (_req, res) => {
        res.status(299).json({ passed: true });
      },
    ],
  );
  server = await listen(
    app,
    { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 },
    0,
    '127.0.0.1',
  );
  serverApi = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/api`;
  msw.listen({ onUnhandledRequest: 'bypass' });
});
afterAll(async () => {
  msw.close();
  await server?.close();
});

async function answer(base: string, [method, path, headers, body]: (typeof CASES)[number]) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, 'x-request-id': 'same-id' },
    ...(body !== undefined ? { body } : {}),
  });
  const problem = (await response.json()) as Record<string, unknown>;
  return {
    status: response.status,
    problem,
    headers: Object.fromEntries(
      ['www-authenticate', 'allow', 'accept-patch', 'accept-post', 'x-request-id'].map((name) => [
        name,
        response.headers.get(name),
      ]),
    ),
  };
}

describe('the handlers refuse what the server refuses, as it refuses it', () => {
  test.each(CASES.map((c) => [`${c[0]} ${c[1]} ${c[3] ?? ''}`, c] as const))(
    'when %s, then the same problem',
    async (_, c) => {
      const fromServer = await answer(serverApi, c);
      const fromMsw = await answer(MSW_API, c);
      expect(fromServer.status).toBeGreaterThanOrEqual(400);
      expect(fromMsw).toEqual(fromServer);
    },
  );

  test('when a request is well-formed, then both let it through', async () => {
    const good: (typeof CASES)[number][] = [
      ['GET', `${SYNC}?limit=5&sort=-createdAt,updatedAt&organizations=00DB000000040bIMAQ`, H],
      ['POST', SYNC, H, '{"synchronize_all":true}'],
      [
        'PATCH',
        ORG,
        { ...H, 'content-type': 'application/merge-patch+json' },
        '{"connection":"new-sfdc-connection"}',
      ],
    ];
    for (const c of good) {
      expect((await answer(serverApi, c)).status).toBe(299);
      expect((await answer(MSW_API, c)).status).toBeLessThan(300);
    }
  });
});
