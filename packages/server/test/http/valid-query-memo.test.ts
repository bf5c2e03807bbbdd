// The remembered outcome of validating a GET URL: only valid URLs, only bodiless GETs of
// operations without path parameters, a bounded number of them.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTokenVerifier } from '../../src/http/auth.ts';
import { HEADER_PARAMETERS, PARAMETER_LOCATIONS } from '../../src/http/contract.ts';
import { contractValidator } from '../../src/http/contract-validator.ts';
import { problemHandler } from '../../src/http/error-handler.ts';
import {
  REMEMBERED_URLS,
  rememberValidQueries,
  type ValidQueryCounts,
} from '../../src/http/valid-query-memo.ts';
import { createLogger, listen, loadConfig, mintToken } from '../../src/index.ts';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers.ts';

const QUERY_AND_PATH = { locations: new Set(['query', 'path']), headers: [] };

/** A stand-in for the validator's step: coerces `limit`, refuses `bad`, counts its runs. */
function fakeValidator() {
  const runs: string[] = [];
  const requestMiddleware: RequestHandler = (req, _res, next) => {
    runs.push(req.originalUrl);
    if (req.originalUrl.includes('bad')) return next(new Error('invalid'));
    Object.defineProperty(req, 'query', {
      value: { limit: 5, sort: ['-createdAt'] },
      writable: true,
      configurable: true,
    });
    next();
  };
  const other: RequestHandler = (_req, _res, next) => next();
  const [, step] = rememberValidQueries([other, requestMiddleware, other], QUERY_AND_PATH) as [
    RequestHandler,
    RequestHandler,
    RequestHandler,
  ];
  return { runs, step };
}

function request(url: string, options: { method?: string; headers?: object; pathParams?: object } = {}) {
  return {
    method: options.method ?? 'GET',
    originalUrl: url,
    headers: options.headers ?? {},
    openapi: { pathParams: options.pathParams ?? {} },
    query: { limit: '5' },
  } as unknown as Request;
}

function run(step: RequestHandler, req: Request): Promise<unknown> {
  return new Promise((resolve) => {
    step(req, {} as Response, ((error?: unknown) => resolve(error)) as NextFunction);
  });
}

describe('rememberValidQueries', () => {
  test('when a valid GET URL comes again, then the validator is skipped and the coerced query given', async () => {
    const { runs, step } = fakeValidator();
    const first = request('/api/jobs?limit=5');
    const second = request('/api/jobs?limit=5');
    expect(await run(step, first)).toBeUndefined();
    expect(await run(step, second)).toBeUndefined();
    expect(runs).toEqual(['/api/jobs?limit=5']);
    expect(second.query).toEqual({ limit: 5, sort: ['-createdAt'] });
    // Each request gets its own copy.
    expect(second.query).not.toBe(first.query);
  });

  test('when a handler changes the query it was given, then what is remembered stays as validated', async () => {
    const { step } = fakeValidator();
    const first = request('/api/jobs?limit=5');
    await run(step, first);
    (first.query.sort as string[]).push('changed');
    const second = request('/api/jobs?limit=5');
    await run(step, second);
    (second.query.sort as string[]).push('changed');
    second.query.limit = '6';
    const third = request('/api/jobs?limit=5');
    await run(step, third);
    expect(third.query).toEqual({ limit: 5, sort: ['-createdAt'] });
  });

  test('when a URL failed validation, then it is validated again each time', async () => {
    const { runs, step } = fakeValidator();
    expect(await run(step, request('/api/jobs?bad=1'))).toBeInstanceOf(Error);
    expect(await run(step, request('/api/jobs?bad=1'))).toBeInstanceOf(Error);
    expect(runs).toHaveLength(2);
  });

  test('when a request is not a bodiless GET without path parameters, then it is always validated', async () => {
    const { runs, step } = fakeValidator();
    const variants = [
      { method: 'POST' },
      { headers: { 'content-type': 'application/json', 'content-length': '2' } },
      { headers: { 'content-length': '2' } },
      { headers: { 'transfer-encoding': 'chunked' } },
      { pathParams: { id: 'x' } },
    ];
    for (const options of variants) {
      await run(step, request('/api/jobs?limit=5', options));
      await run(step, request('/api/jobs?limit=5', options));
    }
    expect(runs).toHaveLength(variants.length * 2);
  });

  test('when a bodiless GET declares a Content-Type, then it is remembered for that type only', async () => {
    const { runs, step } = fakeValidator();
    const json = { headers: { 'content-type': 'application/json' } };
    const text = { headers: { 'content-type': 'text/plain' } };
    await run(step, request('/api/jobs?limit=5', json));
    await run(step, request('/api/jobs?limit=5', json));
    expect(runs).toHaveLength(1);
    // Neither the untyped nor another type's outcome is taken from it.
    await run(step, request('/api/jobs?limit=5'));
    await run(step, request('/api/jobs?limit=5', text));
    expect(runs).toHaveLength(3);
  });

  test('when more URLs passed than are remembered, then the least recently used is forgotten', async () => {
    const { runs, step } = fakeValidator();
    await run(step, request('/api/jobs?limit=5&n=first'));
    for (let n = 0; n < REMEMBERED_URLS; n += 1) await run(step, request(`/api/jobs?limit=5&n=${n}`));
    await run(step, request('/api/jobs?limit=5&n=first'));
    await run(step, request(`/api/jobs?limit=5&n=${REMEMBERED_URLS - 1}`));
    expect(runs.filter((url) => url.endsWith('n=first'))).toHaveLength(2);
    expect(runs.filter((url) => url.endsWith(`n=${REMEMBERED_URLS - 1}`))).toHaveLength(1);
  });

  test('when a dashboard asks a thousand and one URLs in turn, then the second round is all remembered', async () => {
    const { runs, step } = fakeValidator();
    for (let round = 0; round < 2; round += 1)
      for (let n = 0; n < 1_001; n += 1) await run(step, request(`/api/jobs?limit=5&n=${n}`));
    expect(runs).toHaveLength(1_001);
  });

  test('when the validator has no request step, then it fails at once', () => {
    const other: RequestHandler = (_req, _res, next) => next();
    expect(() => rememberValidQueries([other], QUERY_AND_PATH)).toThrow(/requestMiddleware/);
  });

  test('when the contract takes cookie parameters, then it fails at start-up', () => {
    const requestMiddleware: RequestHandler = (_req, _res, next) => next();
    expect(() =>
      rememberValidQueries([requestMiddleware], { locations: new Set(['query', 'cookie']), headers: [] }),
    ).toThrow(/cookie parameters/);
  });

  test('when the contract is read, then its parameters are in the query, the path and If-None-Match', () => {
    expect([...PARAMETER_LOCATIONS].sort()).toEqual(['header', 'path', 'query']);
    expect(HEADER_PARAMETERS).toEqual(['if-none-match']);
  });

  test('when a header parameter differs, then the URL is validated again for that value', async () => {
    const runs: string[] = [];
    const requestMiddleware: RequestHandler = (req, _res, next) => {
      runs.push(String(req.headers['if-none-match']));
      next(String(req.headers['if-none-match']).length > 8 ? new Error('too long') : undefined);
    };
    const [step] = rememberValidQueries([requestMiddleware], {
      locations: new Set(['query', 'header']),
      headers: ['if-none-match'],
    }) as [RequestHandler];
    const tagged = (tag: string) => request('/api/jobs?limit=5', { headers: { 'if-none-match': tag } });
    expect(await run(step, tagged('"a"'))).toBeUndefined();
    expect(await run(step, tagged('"a"'))).toBeUndefined();
    // A value that passed says nothing about another: the too-long one is refused every time.
    expect(await run(step, tagged('"far too long"'))).toBeInstanceOf(Error);
    expect(await run(step, tagged('"far too long"'))).toBeInstanceOf(Error);
    expect(runs).toEqual(['"a"', '"far too long"', '"far too long"']);
  });

  test('when the validator matched an operation but left no pathParams, then the request fails loudly', () => {
    const { step } = fakeValidator();
    const req = { ...request('/api/jobs?limit=5'), openapi: { schema: {} } } as unknown as Request;
    expect(() => step(req, {} as Response, () => undefined)).toThrow(/pathParams/);
  });
});

describe('remembered GET URLs on the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const list = async (query: string) => {
    const response = await fetch(`${server.baseUrl}/v1/cckm/sfdc/keys/synchronization-jobs?${query}`, {
      headers: { Authorization: `Bearer ${await server.token()}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  test('when the same URLs come again, then each answer is what validation gave the first time', async () => {
    for (let round = 0; round < 3; round += 1) {
      const valid = await list('limit=3&skip=0');
      expect(valid.status).toBe(200);
      // Coerced to numbers each time, not only when the validator ran.
      expect(valid.body).toMatchObject({ limit: 3, skip: 0 });
      expect((await list('limit=abc')).status).toBe(400);
      expect((await list('limit=3&Limit=4')).status).toBe(400);
      expect((await list('limit=3&sort=-createdAt,bogus')).status).toBe(400);
    }
    // The token is still checked on a remembered URL.
    const anonymous = await fetch(`${server.baseUrl}/v1/cckm/sfdc/keys/synchronization-jobs?limit=3&skip=0`);
    expect(anonymous.status).toBe(401);
  });

  test('when GETs declare a Content-Type, then each type gets what the validator gives it, remembered or not', async () => {
    const get = async (query: string, contentType: string) =>
      (
        await fetch(`${server.baseUrl}/v1/cckm/sfdc/keys/synchronization-jobs?${query}`, {
          headers: { Authorization: `Bearer ${await server.token()}`, 'Content-Type': contentType },
        })
      ).status;
    const types = ['application/json', 'text/plain', 'application/xml; charset=utf-16'];
    // On a fresh URL each type is seen by the validator first; on the other, after JSON passed.
    const fresh = Object.fromEntries(
      await Promise.all(types.map(async (type, i) => [type, await get(`limit=${40 + i}`, type)])),
    );
    for (let round = 0; round < 2; round += 1) {
      for (const [i, type] of types.entries()) {
        expect(await get(`limit=${40 + i}`, type)).toBe(fresh[type]);
        expect(await get('limit=49', 'application/json')).toBe(200);
        expect(await get('limit=49', type)).toBe(fresh[type]);
      }
    }
    expect(fresh['application/json']).toBe(200);
  });
});

describe('the memo inside the real express-openapi-validator', () => {
  test('when the same valid GET comes twice, then the validator runs once and both get the coerced query', async () => {
    const counts: ValidQueryCounts = { validated: 0, remembered: 0 };
    const config = loadConfig({ JWT_SECRET: TEST_SECRET, DATABASE_URL: 'sqlite::memory:' });
    const app = express();
    app.use(
      ...contractValidator({
        verifyToken: createTokenVerifier(config.jwt),
        validateResponses: false,
        counts,
      }),
    );
    app.get('/api/v1/cckm/sfdc/keys/synchronization-jobs', (req, res) => {
      res.json({ query: req.query });
    });
    app.use(problemHandler(createLogger({ level: 'silent' })));
    const http = await listen(app, config.http);
    try {
      const token = await mintToken(TEST_SECRET, { domainId: 'd', groups: ['admin'] });
      const get = async (query: string) => {
        const response = await fetch(`${http.origin}/api/v1/cckm/sfdc/keys/synchronization-jobs?${query}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        return { status: response.status, body: (await response.json()) as { query?: unknown } };
      };
      const first = await get('limit=3&skip=0');
      const second = await get('limit=3&skip=0');
      expect(first.status).toBe(200);
      expect(second).toEqual(first);
      expect(second.body.query).toMatchObject({ limit: 3, skip: 0 });
      expect(counts).toEqual({ validated: 1, remembered: 1 });
      // An invalid URL is validated each time.
      expect((await get('limit=abc')).status).toBe(400);
      expect((await get('limit=abc')).status).toBe(400);
      expect(counts).toEqual({ validated: 3, remembered: 1 });
    } finally {
      await http.close();
    }
  });
});
