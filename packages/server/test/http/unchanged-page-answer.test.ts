// The unchanged-page answer (http/unchanged-page-answer.ts) against the app without it: two apps on
// identical state (same seed, a clock and IDs of their own that run alike), the one with the step
// and the one without, are sent the same requests in the same order. Every answer (status, headers
// in order but Date, body), access line and metric must agree, and the step must have answered
// where it should, so the comparison cannot pass by the step never engaging.
import { Agent, request as httpRequest } from 'node:http';
import type { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../src/app.ts';
import { type Clock, formatMicros } from '../../src/core/clock.ts';
import { bearerToken, createTokenVerifier } from '../../src/http/auth.ts';
import type { UnchangedPageCounts } from '../../src/http/unchanged-page-answer.ts';
import { validQueriesOf } from '../../src/http/valid-query-memo.ts';
import {
  createLogger,
  createRuntime,
  DEMO,
  DEMO_DOMAIN_ID,
  type Listening,
  listen,
  loadConfig,
  mintToken,
  type Runtime,
} from '../../src/index.ts';
import { OTHER_DOMAIN_ID, SYNC_PATH, TEST_SECRET } from '../helpers.ts';

const LIST = `/api${SYNC_PATH}`;
const ALLOWED_ORIGIN = 'https://console.example';
/** Both sides' clocks stand this far from the wall clock (tokens are minted on the wall clock). */
const clockOffset = { ms: 0 };

interface Answer {
  status: number;
  /** Raw header lines in order, Date taken out. */
  headers: string[];
  body: string;
}

interface Side {
  runtime: Runtime;
  http: Listening;
  agent: Agent;
  lines: Record<string, unknown>[];
  answered: number;
  counts: UnchangedPageCounts;
  waiters: Array<() => void>;
}

/** A clock whose every reading is a function of how often it was read: two run alike. */
function steppingClock(startMs: number): Clock {
  let micros = startMs * 1000;
  return {
    nowMs: () => startMs + clockOffset.ms,
    now: () => {
      micros += 1;
      return formatMicros(micros + clockOffset.ms * 1000);
    },
  };
}

function countingIds() {
  let n = 0;
  return () => {
    n += 1;
    return `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  };
}

async function startSide(withAnswer: boolean, environment: Record<string, string>, startMs: number) {
  const config = loadConfig({
    JWT_SECRET: TEST_SECRET,
    DATABASE_URL: 'sqlite::memory:',
    VALIDATE_RESPONSES: 'true',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'silent',
    METRICS_PORT: '0',
    CORS_ORIGINS: ALLOWED_ORIGIN,
    ...environment,
  });
  const clock = steppingClock(startMs);
  const runtime = await createRuntime(config, createLogger({ level: 'silent' }), {
    clock,
    ids: countingIds(),
  });
  // No job runs: the list changes only by the requests below.
  await runtime.runner.stop();
  const metrics = runtime.metrics;
  if (!metrics) throw new Error('the runtime made no metrics');
  const side = { runtime, lines: [], answered: 0, waiters: [] } as unknown as Side;
  side.counts = { answered: 0, declined: 0 };
  const destination = {
    write(line: string) {
      side.lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  } as unknown as Writable;
  const app = createApp({
    logger: createLogger({ level: 'info' }, destination),
    services: runtime.services,
    verifyToken: createTokenVerifier(config.jwt, { clock }),
    validateResponses: true,
    cors: config.cors,
    checkReady: async () => {},
    observeRequest: (observed) => {
      metrics.request(observed);
      side.answered += 1;
      for (const wake of side.waiters.splice(0)) wake();
    },
    answerUnchangedPages: withAnswer,
    unchangedPageCounts: side.counts,
  });
  side.http = await listen(app, config.http);
  side.agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return side;
}

interface Sent {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

function send(side: Side, sent: Sent): Promise<Answer> {
  const url = new URL(side.http.origin);
  // Node frames a GET's body only when told how (a length, or chunked).
  const framed = Object.keys(sent.headers ?? {}).some((name) =>
    ['content-length', 'transfer-encoding'].includes(name.toLowerCase()),
  );
  const headers =
    sent.body === undefined || framed
      ? (sent.headers ?? {})
      : { ...sent.headers, 'Content-Length': String(Buffer.byteLength(sent.body)) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: sent.method ?? 'GET',
        path: sent.path ?? LIST,
        headers,
        agent: side.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            if ((res.rawHeaders[i] as string).toLowerCase() !== 'date')
              headers.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString() });
        });
      },
    );
    req.on('error', reject);
    req.end(sent.body);
  });
}

/** Waits until the side has observed `n` answered requests (its access line is written then). */
async function answeredCount(side: Side, n: number) {
  while (side.answered < n) await new Promise<void>((resolve) => side.waiters.push(resolve));
}

const accessLines = (side: Side) =>
  side.lines.map(({ time: _time, ms: _ms, pid: _pid, hostname: _host, ...line }) => line);

const API_METRICS = [
  'cckm_http_requests_total',
  'cckm_http_request_duration_seconds',
  'cckm_list_page_cache_requests_total',
  'cckm_sync_jobs_created_total',
];

/** The API's own metrics, durations left out (their counts kept). */
async function metricsText(side: Side): Promise<string> {
  const registry = side.runtime.metrics?.registry;
  if (!registry) return '';
  const texts = await Promise.all(API_METRICS.map((name) => registry.getSingleMetricAsString(name)));
  return texts
    .join('\n')
    .split('\n')
    .filter((line) => line.startsWith('cckm_') && !/_seconds_(bucket|sum)/.test(line))
    .join('\n');
}

interface Pair {
  fast: Side;
  full: Side;
  sent: number;
}

/** Sends to both sides; the answers must agree. Says whether the fast side's step answered. */
async function both(pair: Pair, asked: Sent): Promise<{ answer: Answer; answeredEarly: boolean }> {
  // A request ID of the test's, so the two answers can be compared whole (see the last test).
  const sent = { ...asked, headers: { 'X-Request-Id': 'req', ...asked.headers } };
  const before = pair.fast.counts.answered;
  const linesBefore = [pair.fast.lines.length, pair.full.lines.length] as const;
  const fast = await send(pair.fast, sent);
  const full = await send(pair.full, sent);
  pair.sent += 1;
  await Promise.all([answeredCount(pair.fast, pair.sent), answeredCount(pair.full, pair.sent)]);
  const what = `${sent.method ?? 'GET'} ${sent.path ?? LIST} ${JSON.stringify(sent.headers ?? {})}`;
  expect(fast, what).toEqual(full);
  // Every line the request wrote (the access line, and any problem logged), alike.
  const fastLines = accessLines(pair.fast).slice(linesBefore[0]);
  expect(fastLines.length, what).toBeGreaterThan(0);
  expect(fastLines, what).toEqual(accessLines(pair.full).slice(linesBefore[1]));
  expect(await metricsText(pair.fast), what).toBe(await metricsText(pair.full));
  expect(pair.full.counts.answered).toBe(0);
  return { answer: fast, answeredEarly: pair.fast.counts.answered > before };
}

async function startPair(environment: Record<string, string> = {}): Promise<Pair> {
  // Later than the wall clock by a little, so tokens minted now were not issued in the future.
  const startMs = Date.now() + 2_000;
  return {
    fast: await startSide(true, environment, startMs),
    full: await startSide(false, environment, startMs),
    sent: 0,
  };
}

async function stopPair(pair: Pair) {
  for (const side of [pair.fast, pair.full]) {
    side.agent.destroy();
    await side.http.close();
    await side.runtime.close();
  }
}

const tagOf = (answer: Answer) =>
  answer.headers.find((line) => line.toLowerCase().startsWith('etag: '))?.slice('etag: '.length) ?? '';

const { thales } = DEMO.organizations;

describe('a conditional GET of the list, with and without the unchanged-page answer', () => {
  let pair: Pair;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    clockOffset.ms = 0;
    pair = await startPair();
    tokens.admin = await mintToken(TEST_SECRET, { domainId: DEMO_DOMAIN_ID, groups: ['admin'] });
    tokens.user = await mintToken(TEST_SECRET, { domainId: DEMO_DOMAIN_ID, groups: ['CCKM Users'] });
    tokens.otherDomain = await mintToken(TEST_SECRET, { domainId: OTHER_DOMAIN_ID, groups: ['admin'] });
    tokens.noListGroup = await mintToken(TEST_SECRET, { domainId: DEMO_DOMAIN_ID, groups: ['auditors'] });
    tokens.forged = `${tokens.admin.slice(0, -4)}AAAA`;
    tokens.otherSecret = await mintToken(`${TEST_SECRET}-other`, {
      domainId: DEMO_DOMAIN_ID,
      groups: ['admin'],
    });
    tokens.shortLived = await mintToken(TEST_SECRET, {
      domainId: DEMO_DOMAIN_ID,
      groups: ['admin'],
      ttlSeconds: 120,
    });
    // Two jobs, so pages differ by query.
    for (const ids of [[thales.id], [thales.id]]) {
      const { answer } = await both(pair, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${tokens.admin}`,
          'Content-Type': 'application/json',
          'X-Request-Id': 'create',
        },
        body: JSON.stringify({ organization_ids: ids }),
      });
      if (answer.status !== 201 && answer.status !== 409)
        throw new Error(`POST: ${answer.status} ${answer.body}`);
    }
  });
  afterAll(() => stopPair(pair));

  const QUERIES = [
    '',
    '?limit=5',
    '?limit=5&sort=-createdAt',
    '?skip=0&limit=1',
    '?limit=0',
    '?limt=5',
    '?limit=5&limit=6',
    '?limit[constructor]=5',
    '?limit=1e1',
    '?overall_status=bogus',
  ];
  const INM: Array<[string, (tag: string) => string | undefined]> = [
    ['none', () => undefined],
    ['the tag', (tag) => tag],
    ['the tag, weak', (tag) => `W/${tag}`],
    ['a list holding the tag', (tag) => `"aaaaaaaaaaaaaaaaaaaaaa", ${tag}`],
    ['tags split by a space only', (tag) => `"aaaaaaaaaaaaaaaaaaaaaa" ${tag}`],
    ['*', () => '*'],
    ['another tag', () => '"bbbbbbbbbbbbbbbbbbbbbb"'],
    ['an empty value', () => ''],
    ['over 4096 characters', (tag) => `${'"cccccccccccccccccccccc", '.repeat(170)}${tag}`],
  ];

  /** Fewer of each, for the cases that vary the token or the request around them. */
  const SOME_QUERIES = ['', '?limit=5', '?limt=5', '?limit[constructor]=5'];
  const SOME_INM = INM.filter(([name]) =>
    ['none', 'the tag', '*', 'another tag', 'tags split by a space only'].includes(name),
  );

  /** Asks the page once without a condition (so both sides hold it), then with each If-None-Match. */
  async function pollMatrix(
    token: string,
    extra: Record<string, string> = {},
    method = 'GET',
    [queries, conditions] = [SOME_QUERIES, SOME_INM],
  ) {
    const answeredEarly: string[] = [];
    for (const query of queries) {
      const path = `${LIST}${query}`;
      const headers = { ...extra, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
      const plain = await both(pair, { method, path, headers: { ...headers, 'X-Request-Id': 'plain' } });
      const tag = tagOf(plain.answer) || '"dddddddddddddddddddddd"';
      for (const [name, header] of conditions) {
        const value = header(tag);
        // Twice: the second time the validator's memo and the verifier know the request.
        for (const round of [1, 2]) {
          const sent = {
            method,
            path,
            headers: {
              ...headers,
              'X-Request-Id': `poll-${round}`,
              ...(value === undefined ? {} : { 'If-None-Match': value }),
            },
          };
          if ((await both(pair, sent)).answeredEarly) answeredEarly.push(`${query} ${name} ${round}`);
        }
      }
    }
    return answeredEarly;
  }

  test('when a valid token polls every query with every kind of If-None-Match, then both apps answer alike, and the step answers the repeated valid conditional GETs', async () => {
    const early = await pollMatrix(tokens.admin as string, {}, 'GET', [QUERIES, INM]);
    // Valid queries, a condition to answer, asked before: answered early (304, or 200 from the
    // cache where the condition names another page).
    for (const query of ['', '?limit=5', '?limit=5&sort=-createdAt', '?skip=0&limit=1'])
      for (const name of ['the tag', 'the tag, weak', 'a list holding the tag', '*', 'another tag'])
        expect(early).toContain(`${query} ${name} 2`);
    // Never the first time (neither the memo nor the answer knew it), never without a condition,
    // never for a query or header the validator refuses.
    expect(early.filter((entry) => entry.endsWith(' 1'))).toEqual([]);
    expect(early.filter((entry) => / none /.test(entry) || /over 4096/.test(entry))).toEqual([]);
    for (const query of ['?limit=0', '?limt=5', '?limit=5&limit=6', '?limit[constructor]=5', '?limit=1e1'])
      expect(early.filter((entry) => entry.startsWith(`${query} `))).toEqual([]);
  });

  test('when the token lacks the groups, is forged, signed by another key, of another domain or absent, then both apps answer alike', async () => {
    expect(await pollMatrix(tokens.noListGroup as string)).toEqual([]);
    expect(await pollMatrix(tokens.forged as string)).toEqual([]);
    expect(await pollMatrix(tokens.otherSecret as string)).toEqual([]);
    expect(await pollMatrix('')).toEqual([]);
    // Another domain's pages are its own (empty); its caller is answered early like any other.
    expect(await pollMatrix(tokens.otherDomain as string)).toContain('?limit=5 the tag 2');
    expect(await pollMatrix(tokens.user as string)).toContain('?limit=5 the tag 2');
  });

  test('when the request is a HEAD, comes from a browser origin, declares a type or carries a body, then both apps answer alike', async () => {
    expect(await pollMatrix(tokens.admin as string, {}, 'HEAD')).toEqual([]);
    // CORS has run before the step: an allowed origin gets its headers either way.
    expect(await pollMatrix(tokens.admin as string, { Origin: ALLOWED_ORIGIN })).toContain(
      '?limit=5 the tag 2',
    );
    await pollMatrix(tokens.admin as string, { Origin: 'https://elsewhere.example' });
    expect(await pollMatrix(tokens.admin as string, { 'Content-Type': 'application/json' })).toContain(
      '?limit=5 the tag 2',
    );
    expect(
      await pollMatrix(tokens.admin as string, { 'Content-Type': 'application/json; charset=latin1' }),
    ).toEqual([]);
    /** Whether the step answered, each time round. */
    const withBody = async (body: string, headers: Record<string, string>) => {
      const plain = await both(pair, {
        path: `${LIST}?limit=5`,
        headers: { Authorization: `Bearer ${tokens.admin}` },
      });
      const early: boolean[] = [];
      for (const _round of [1, 2]) {
        const sent = {
          path: `${LIST}?limit=5`,
          headers: {
            Authorization: `Bearer ${tokens.admin}`,
            'If-None-Match': tagOf(plain.answer),
            ...headers,
          },
          body,
        };
        early.push((await both(pair, sent)).answeredEarly);
      }
      return early;
    };
    expect(await withBody('{}', { 'Content-Type': 'application/json' })).toEqual([false, false]);
    expect(await withBody('x', { 'Transfer-Encoding': 'chunked' })).toEqual([false, false]);
    // A declared length of 0 is no body, for the memo and the body checks alike.
    expect((await withBody('', { 'Content-Length': '0' }))[1]).toBe(true);
    // Paths the list does not own, spelt like it.
    for (const path of [
      `${LIST}/`,
      `${LIST.toUpperCase()}?limit=5`,
      `${LIST}%3Flimit=5`,
      `http://localhost${LIST}?limit=5`,
    ])
      for (const _round of [1, 2])
        expect(
          (
            await both(pair, {
              path,
              headers: { Authorization: `Bearer ${tokens.admin}`, 'If-None-Match': '*' },
            })
          ).answeredEarly,
        ).toBe(false);
  });

  test('when a write changes the page between polls, then the old tag gets the new page from both apps, and the new tag a 304', async () => {
    const path = `${LIST}?limit=5`;
    const headers = { Authorization: `Bearer ${tokens.admin}`, 'X-Request-Id': 'write' };
    const first = await both(pair, { path, headers });
    const oldTag = tagOf(first.answer);
    for (const _round of [1, 2]) await both(pair, { path, headers: { ...headers, 'If-None-Match': oldTag } });
    expect((await both(pair, { path, headers: { ...headers, 'If-None-Match': oldTag } })).answeredEarly).toBe(
      true,
    );

    const created = await both(pair, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ organization_ids: [DEMO.organizations.seed002.id] }),
    });
    expect([201, 409]).toContain(created.answer.status);

    // The page changed: the old tag is no longer answered from the cache.
    const changed = await both(pair, { path, headers: { ...headers, 'If-None-Match': oldTag } });
    expect(changed.answeredEarly).toBe(false);
    expect(changed.answer.status).toBe(200);
    const newTag = tagOf(changed.answer);
    expect(newTag).not.toBe(oldTag);
    // The old tag again, now with the new page in the cache: a 200 from it, the same on both sides.
    const stale = await both(pair, { path, headers: { ...headers, 'If-None-Match': oldTag } });
    expect(stale.answeredEarly).toBe(true);
    expect(stale.answer.status).toBe(200);
    expect(tagOf(stale.answer)).toBe(newTag);
    await both(pair, { path, headers: { ...headers, 'If-None-Match': newTag } });
    const unchanged = await both(pair, { path, headers: { ...headers, 'If-None-Match': newTag } });
    expect(unchanged.answer.status).toBe(304);
    expect(unchanged.answeredEarly).toBe(true);
  });

  test('when a token the verifier remembers expires, then neither app answers it but with a 401', async () => {
    const path = `${LIST}?limit=5`;
    const headers = { Authorization: `Bearer ${tokens.shortLived}` };
    const tag = tagOf((await both(pair, { path, headers })).answer);
    await both(pair, { path, headers: { ...headers, 'If-None-Match': tag } });
    expect((await both(pair, { path, headers: { ...headers, 'If-None-Match': tag } })).answeredEarly).toBe(
      true,
    );
    // Past its expiry and the clock tolerance on both sides' clocks.
    clockOffset.ms = 3_600_000;
    for (const _round of [1, 2]) {
      const expired = await both(pair, { path, headers: { ...headers, 'If-None-Match': tag } });
      expect(expired.answer.status).toBe(401);
      expect(expired.answeredEarly).toBe(false);
    }
    clockOffset.ms = 0;
  });

  test('when no X-Request-Id is sent, then each app makes one, and the answers agree but for it', async () => {
    const path = `${LIST}?limit=5`;
    const headers = { Authorization: `Bearer ${tokens.admin}` };
    const tag = tagOf((await both(pair, { path, headers: { ...headers, 'X-Request-Id': 'id' } })).answer);
    await both(pair, { path, headers: { ...headers, 'X-Request-Id': 'id', 'If-None-Match': tag } });
    const before = pair.fast.counts.answered;
    const sent = { path, headers: { ...headers, 'If-None-Match': tag } };
    const fast = await send(pair.fast, sent);
    const full = await send(pair.full, sent);
    pair.sent += 1;
    await Promise.all([answeredCount(pair.fast, pair.sent), answeredCount(pair.full, pair.sent)]);
    expect(pair.fast.counts.answered).toBe(before + 1);
    const withoutId = (answer: Answer) => ({
      ...answer,
      headers: answer.headers.map((line) => line.replace(/^(X-Request-Id: ).*/i, '$1<id>')),
    });
    expect(withoutId(fast)).toEqual(withoutId(full));
    expect(fast.headers.filter((line) => /^x-request-id: [0-9a-f-]{36}$/i.test(line))).toHaveLength(1);
    const line = (side: Side) => ({ ...accessLines(side).at(-1), requestId: '<id>' });
    expect(line(pair.fast)).toEqual(line(pair.full));
    expect(await metricsText(pair.fast)).toBe(await metricsText(pair.full));
  });
});

describe('with the page cache off', () => {
  test('when pollers ask with their tags, then the step never answers and both apps answer alike', async () => {
    clockOffset.ms = 0;
    const pair = await startPair({ LIST_PAGE_CACHE_PAGES: '0' });
    try {
      const token = await mintToken(TEST_SECRET, { domainId: DEMO_DOMAIN_ID, groups: ['admin'] });
      const headers = { Authorization: `Bearer ${token}` };
      for (const query of ['', '?limit=5']) {
        const path = `${LIST}${query}`;
        const tag = tagOf((await both(pair, { path, headers })).answer);
        for (const value of [tag, '*', '"bbbbbbbbbbbbbbbbbbbbbb"'])
          for (const _round of [1, 2, 3])
            expect(
              (await both(pair, { path, headers: { ...headers, 'If-None-Match': value } })).answeredEarly,
            ).toBe(false);
      }
      expect(pair.fast.counts.answered).toBe(0);
      expect(pair.fast.counts.declined).toBeGreaterThan(0);
    } finally {
      await stopPair(pair);
    }
  });
});

describe('what the step asks of the verifier and the memo', () => {
  test('when a token was verified, then the verifier remembers it until it expires, and asking changes nothing', async () => {
    let nowMs = Date.now() + 1_000;
    const verify = createTokenVerifier(loadConfig({ JWT_SECRET: TEST_SECRET }).jwt, {
      clock: { nowMs: () => nowMs },
    });
    const token = await mintToken(TEST_SECRET, {
      domainId: DEMO_DOMAIN_ID,
      groups: ['admin'],
      ttlSeconds: 60,
    });
    expect(verify.remembered?.(token)).toBeUndefined();
    const identity = await verify(token);
    expect(verify.remembered?.(token)).toBe(identity);
    nowMs += 3_600_000;
    expect(verify.remembered?.(token)).toBeUndefined();
    expect(verify.remembered?.(token)).toBeUndefined();
    // The verifier itself still says why: expired (it forgets the token only then).
    await expect(verify(token)).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  test('when a header is not exactly a bearer token, then no token is read from it', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('  bearer   abc.def.ghi ')).toBe('abc.def.ghi');
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer a b', 'Bearer abc,def'])
      expect(bearerToken(header)).toBeUndefined();
  });

  test('when a middleware list holds no remembering step, then asking for its memo fails at start-up', () => {
    expect(() => validQueriesOf([(_req, _res, next) => next()])).toThrow(/no step of rememberValidQueries/);
  });
});
