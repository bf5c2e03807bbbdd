// Requests a fuzzer or an attacker sends, each answered with a clear 4xx problem (never a 5xx,
// never plain text), before or without touching any data. One test per defect found in review.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, DEMO_DOMAIN_ID } from '../../src/index.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers.ts';

let server: TestServer;
let token: string;
let origin: string;
beforeAll(async () => {
  server = await startTestServer();
  token = await server.token();
  origin = new URL(server.baseUrl).origin;
});
afterAll(() => server.close());

const LIST = '/api/v1/cckm/sfdc/keys/synchronization-jobs';
const SYNC = '/api/v1/cckm/sfdc/keys/synchronization-jobs';

interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** One request on its own connection, bytes as given: nothing normalised by fetch. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string | number>,
  body?: string | Buffer,
  options: { endBody?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', body: text }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    if (options.endBody !== false) req.end();
  });
}

/** Bytes no HTTP client would send, on their own connection; resolves with all the server wrote. */
function rawSocket(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

const auth = () => ({ Authorization: `Bearer ${token}` });

function expectProblem(answer: RawAnswer, status: number) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(answer.body) as { type: string; title: string; status: number; detail: string };
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe('string');
  return problem;
}

describe('bodies the parser cannot read (defect 1)', () => {
  test.each([
    ['a latin1 charset', { 'Content-Type': 'application/json; charset=latin1' }, /charset/],
    ['a UTF-16 charset', { 'Content-Type': 'application/json; charset=utf-16le' }, /charset/],
    ['a UTF-7 charset', { 'Content-Type': 'application/json; charset="UTF-7"' }, /charset/],
    [
      'an unknown Content-Encoding',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'xyz' },
      /Content-Encoding/,
    ],
    [
      'gzip declared over a plain body',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      /could not be read/,
    ],
    [
      'br declared over a plain body',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'br' },
      /could not be read/,
    ],
  ])('when a body has %s, then 400 problem naming why', async (_case, headers, detail) => {
    const problem = expectProblem(
      await raw('POST', SYNC, { ...auth(), ...headers }, '{"synchronize_all":true}'),
      400,
    );
    expect(problem.detail).toMatch(detail);
  });

  test('when such a body comes without a token, then the answer is 401, not 500', async () => {
    const answer = await raw(
      'POST',
      SYNC,
      { 'Content-Type': 'application/json', 'Content-Encoding': 'xyz' },
      '{}',
    );
    expectProblem(answer, 401);
  });
});

describe('paging out of range (defect 2)', () => {
  test.each([
    'skip=99999999999999999999',
    'skip=Infinity',
    'limit=Infinity',
    'skip=9007199254740993',
    'skip=-1',
    'limit=1e3',
  ])('when the list is asked for %s, then 400', async (query) => {
    const problem = expectProblem(await raw('GET', `${LIST}?${query}`, auth()), 400);
    expect(problem.detail).toMatch(/query\.(skip|limit)/);
  });
});

describe('control characters in names and IDs (defect 3)', () => {
  test.each([
    [
      'a NUL in a connection name',
      'PATCH',
      `/api/v1/cckm/sfdc/organizations/${DEMO.organizations.thales.id}`,
      { connection: 'a\u0000b' },
    ],
    ['a NUL in an organization reference', 'POST', SYNC, { organization_ids: ['00DB000000040bI\u0000AQ'] }],
    [
      'a line feed in an SAP group',
      'POST',
      '/api/v1/cckm/sap/synchronization-jobs',
      { groups: ['finance\n'] },
    ],
  ])('when a request carries %s, then 400 on every database', async (_case, method, path, body) => {
    const problem = expectProblem(
      await raw(method, path, { ...auth(), 'Content-Type': 'application/json' }, JSON.stringify(body)),
      400,
    );
    expect(problem.detail).toMatch(/must match pattern/);
  });
});

describe('tokens (defect 5)', () => {
  const key = new TextEncoder().encode(TEST_SECRET);
  const claims = { cust: { domain_id: DEMO_DOMAIN_ID, groups: ['admin'] } };

  test('when a token has no exp, then 401 on every operation', async () => {
    const forever = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(key);
    const answers = await Promise.all([
      raw('GET', LIST, { Authorization: `Bearer ${forever}` }),
      raw(
        'POST',
        SYNC,
        { Authorization: `Bearer ${forever}`, 'Content-Type': 'application/json' },
        '{"synchronize_all":true}',
      ),
    ]);
    for (const answer of answers)
      expect(expectProblem(answer, 401).detail).toBe('The bearer token has no exp claim');
  });

  test('when a token was issued in the future beyond the clock tolerance, then 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(key);
    expect(expectProblem(await raw('GET', LIST, { Authorization: `Bearer ${future}` }), 401).detail).toBe(
      'The bearer token was issued in the future',
    );
  });
});

describe('errors below Express (defect 9)', () => {
  test('when the method is not HTTP, then a 400 problem, not plain text', async () => {
    const answer = await rawSocket('BR0KEN / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/);
    const requestId = /X-Request-Id: (\S+)/.exec(answer)?.[1];
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ request_id: requestId });
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });

  test('when the method is CONNECT, then a 405 problem, not a closed socket', async () => {
    const answer = await rawSocket(
      'CONNECT /api/v1/cckm/sfdc/keys/synchronization-jobs HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 405 });
  });

  test('when a request expects something other than 100-continue, then it is answered as usual', async () => {
    const answer = await raw('GET', LIST, { ...auth(), Expect: 'something-else' });
    expect(answer.status).toBe(200);
  });

  test('when the headers are over 16 KB, then a 431 problem', async () => {
    const answer = await raw('GET', LIST, { ...auth(), 'X-Padding': 'x'.repeat(20_000) });
    expectProblem(answer, 431);
  });

  test('when a client declares a 1 GiB body and sends 64 KB, then it is refused at once', async () => {
    const started = Date.now();
    const answer = await raw(
      'POST',
      SYNC,
      { ...auth(), 'Content-Type': 'application/json', 'Content-Length': 1024 ** 3 },
      Buffer.alloc(64 * 1024, 0x20),
      { endBody: false },
    );
    expect(expectProblem(answer, 400).detail).toMatch(/larger than/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('query keys in any spelling (defect 10)', () => {
  test.each([
    'foo[__proto__]=1',
    'limit[constructor]=5000',
    'organizations[a]=x',
    'organizations%5B%5D=00DB000000040bIMAQ',
    'Limit=5',
    'skip=0&sort[]=createdAt',
    'constructor=1',
  ])('when the list is asked with %s, then 400 naming the unknown parameter', async (query) => {
    const problem = expectProblem(await raw('GET', `${LIST}?${query}`, auth()), 400);
    expect(problem.detail).toMatch(
      /is not a parameter of this operation|Unknown query parameter|query\.sort must be string/,
    );
  });

  test('when the known parameters are sent as the contract spells them, then 200', async () => {
    const answer = await raw(
      'GET',
      `${LIST}?skip=0&limit=5&sort=-createdAt&overall_status=completed`,
      auth(),
    );
    expect(answer.status).toBe(200);
  });
});
