import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudCallError, safeText } from '../../src/clouds/http/cloud-call-error.ts';
import { createCloudHttp, retryAfterMs } from '../../src/clouds/http/cloud-http.ts';

// A tiny scripted server: each request takes the next answer of the script.
let server: Server;
let base = '';
let script: Array<{ status: number; headers?: Record<string, string>; body?: string; delayMs?: number }> = [];
let received = 0;
beforeAll(async () => {
  server = createServer((_request, response) => {
    received += 1;
    const answer = script.shift() ?? { status: 200, body: '{"ok":true}' };
    setTimeout(() => {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body ?? '{}');
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** For a call that must fail: its success fails the test. */
function unexpected(): never {
  throw new Error('expected the call to fail');
}

function http(delays: number[], random = () => 1 - Number.EPSILON) {
  return createCloudHttp({
    cloud: 'Cloud',
    policy: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 25, maxRetryAfterMs: 2_000, timeoutMs: 5_000 },
    random,
    fetch: async (input, init) => {
      delays.push(performance.now());
      return fetch(input, init);
    },
  });
}

describe('cloud call policy', () => {
  it('when 5xx answers repeat, then the backoff grows exponentially up to the ceiling (full jitter)', async () => {
    const starts: number[] = [];
    script = [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 200, body: '{"done":1}' }];
    const response = await http(starts).send(
      'c',
      { method: 'GET', url: `${base}/x` },
      AbortSignal.timeout(10_000),
    );
    expect(response.json).toEqual({ done: 1 });
    const gaps = starts.slice(1).map((start, index) => start - (starts[index] ?? 0));
    // random ~1: ceilings 10, 20, 25 ms
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(24);
  });

  it('when random is 0, then retries follow at once (full jitter reaches zero)', async () => {
    script = [{ status: 503 }, { status: 503 }];
    received = 0;
    const response = await http([], () => 0).send(
      'c',
      { method: 'GET', url: `${base}/x` },
      AbortSignal.timeout(10_000),
    );
    expect(response.status).toBe(200);
    expect(received).toBe(3);
  });

  it('when the answer is 4xx other than 429, then it is handed back without a retry', async () => {
    for (const status of [400, 401, 403, 404, 409]) {
      script = [{ status, body: '[{"errorCode":"NOPE"}]' }];
      received = 0;
      const response = await http([]).send(
        'c',
        { method: 'GET', url: `${base}/x` },
        AbortSignal.timeout(10_000),
      );
      expect(response.status).toBe(status);
      expect(received).toBe(1);
    }
  });

  it('when retries run out, then a CloudCallError counts the attempts', async () => {
    script = [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }];
    const error = await http([])
      .send('c', { method: 'GET', url: `${base}/x` }, AbortSignal.timeout(10_000))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CloudCallError);
    expect((error as CloudCallError).message).toBe('Cloud answered 500 to 4 attempts');
    expect((error as CloudCallError).attempts).toBe(4);
  });

  it('when an answer is JSON cut short, then it is retried like a reset (issue 24.6)', async () => {
    script = [
      { status: 200, body: '{"records":[{"Id":"a"' },
      { status: 200, body: '{"records":[]}' },
    ];
    received = 0;
    const response = await http([], () => 0).send(
      'c',
      { method: 'GET', url: `${base}/x` },
      AbortSignal.timeout(10_000),
    );
    expect(response.json).toEqual({ records: [] });
    expect(received).toBe(2);
    script = Array.from({ length: 4 }, () => ({ status: 200, body: '{"records":' }));
    const error = await http([], () => 0)
      .send('c', { method: 'GET', url: `${base}/x` }, AbortSignal.timeout(10_000))
      .then(unexpected, (caught: unknown) => caught as CloudCallError);
    expect(error).toMatchObject({ kind: 'invalid-response', attempts: 4 });
    expect(error.message).toBe('Cloud answered 200 with malformed JSON to 4 attempts');
  });

  it('when the answer is a redirect, then it is never followed (the token stays here) and is retried', async () => {
    const elsewhere: string[] = [];
    const other = createServer((request, response) => {
      elsewhere.push(String(request.headers.authorization));
      response.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const target = `127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      script = Array.from({ length: 4 }, () => ({
        status: 302,
        headers: { location: `http://${target}/maintenance?session=abc`, 'content-type': 'text/html' },
        body: '<html><body>Moved</body></html>',
      }));
      received = 0;
      const error = await http([], () => 0)
        .send(
          'c',
          { method: 'GET', url: `${base}/x`, headers: { authorization: 'Bearer secret-token' } },
          AbortSignal.timeout(10_000),
        )
        .then(unexpected, (caught: unknown) => caught as CloudCallError);
      expect(received).toBe(4);
      expect(elsewhere).toEqual([]);
      expect(error).toMatchObject({ kind: 'server-error', status: 302, attempts: 4 });
      expect(error.message).toBe(`Cloud answered 302, a redirect to ${target} (not followed) to 4 attempts`);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('when a 5xx or a success is an HTML page, then it is retried and the message names the page, never quotes it', async () => {
    const page = '<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>';
    script = Array.from({ length: 4 }, () => ({
      status: 503,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: page,
    }));
    const outage = await http([], () => 0)
      .send('c', { method: 'GET', url: `${base}/x` }, AbortSignal.timeout(10_000))
      .then(unexpected, (caught: unknown) => caught as CloudCallError);
    expect(outage).toMatchObject({ kind: 'server-error', status: 503 });
    expect(outage.message).toBe('Cloud answered 503 with an HTML page to 4 attempts');
    script = [
      { status: 200, headers: { 'content-type': 'text/html' }, body: page },
      { status: 200, body: '{"ok":1}' },
    ];
    received = 0;
    const recovered = await http([], () => 0).send(
      'c',
      { method: 'GET', url: `${base}/x` },
      AbortSignal.timeout(10_000),
    );
    expect(recovered.json).toEqual({ ok: 1 });
    expect(received).toBe(2);
  });

  it('when Retry-After is seconds or a date, then it is read as milliseconds', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(
      10_000,
    );
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('when many calls share a job signal, then each holds one listener on it at most, none after', async () => {
    const controller = new AbortController();
    script = Array.from({ length: 8 }, () => ({ status: 200, delayMs: 100 }));
    const client = createCloudHttp({ cloud: 'Cloud', policy: { concurrency: 2 } });
    const calls = Array.from({ length: 8 }, () =>
      client.send('c', { method: 'GET', url: `${base}/x` }, controller.signal),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(8);
    expect(client.inFlight('c')).toBeLessThanOrEqual(2);
    await Promise.all(calls);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('when an aborted signal is given, then nothing is sent', async () => {
    received = 0;
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(http([]).send('c', { method: 'GET', url: `${base}/x` }, controller.signal)).rejects.toThrow(
      'stop',
    );
    expect(received).toBe(0);
  });
});

describe('safe text', () => {
  it('when a cloud text holds tokens, keys or control characters, then they are removed and it is short', () => {
    expect(safeText('bad\n\tline 00D000000000001!AQxyz.abc here')).toBe('bad line [redacted] here');
    expect(safeText('Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.sig')).toBe('Authorization: [redacted]');
    expect(safeText(`key -----BEGIN PRIVATE KEY-----\nMIIabc\n-----END PRIVATE KEY----- end`)).toBe(
      'key [redacted] end',
    );
    expect(safeText(`id ${'A'.repeat(40)} end`)).toBe('id [redacted] end');
    expect(safeText('word '.repeat(50))).toHaveLength(120);
    expect(safeText(42)).toBe('');
  });
});
