// The two hooks the server hangs on the call policy: headers looked up by the caller's signal (the
// trace context) and a report of every attempt (metrics).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttemptEvent, createCloudHttp } from '../../src/clouds/http/cloud-http.ts';

let server: Server;
let base = '';
const received: IncomingHttpHeaders[] = [];
let statuses: number[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    received.push(request.headers);
    response.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('cloud call hooks', () => {
  it("when headersFor knows the caller's signal, then every attempt carries its headers, the call's own winning", async () => {
    received.length = 0;
    statuses = [503, 200];
    const traced = new AbortController().signal;
    const other = new AbortController().signal;
    const http = createCloudHttp({
      cloud: 'Cloud',
      policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      random: () => 0,
      headersFor: (signal) =>
        signal === traced ? { traceparent: 'trace-a', 'x-call': 'from-hook' } : undefined,
    });

    await http.send('c', { method: 'GET', url: `${base}/a`, headers: { 'x-call': 'own' } }, traced);
    await http.send('c', { method: 'GET', url: `${base}/b` }, other);

    expect(received.map((headers) => [headers.traceparent, headers['x-call']])).toEqual([
      ['trace-a', 'own'],
      ['trace-a', 'own'],
      [undefined, undefined],
    ]);
  });

  it('when attempts are made, then onAttempt hears each with the path only, its outcome and status', async () => {
    statuses = [500, 200];
    const events: AttemptEvent[] = [];
    const http = createCloudHttp({
      cloud: 'Cloud',
      policy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      random: () => 0,
      onAttempt: (event) => events.push(event),
    });

    await http.send(
      'c',
      { method: 'GET', url: `${base}/kms/v2/keys?$filter=secret` },
      AbortSignal.timeout(5_000),
    );
    await http
      .send('c', { method: 'POST', url: 'http://127.0.0.1:9/auth/request' }, AbortSignal.timeout(5_000))
      .catch(() => undefined);

    expect(events.map(({ seconds: _, ...event }) => event)).toEqual([
      { cloud: 'Cloud', method: 'GET', path: '/kms/v2/keys', outcome: 'answer', status: 500 },
      { cloud: 'Cloud', method: 'GET', path: '/kms/v2/keys', outcome: 'answer', status: 200 },
      { cloud: 'Cloud', method: 'POST', path: '/auth/request', outcome: 'unreachable', status: undefined },
    ]);
    expect(events.every((event) => event.seconds >= 0)).toBe(true);
  });
});
