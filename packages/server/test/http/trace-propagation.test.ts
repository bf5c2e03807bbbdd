// W3C trace context end to end (issue 24): a request's traceparent is kept in its log lines and
// passed on to every cloud call made for it (PATCH organization) and for the job it starts (the
// login and the queries, through the fake clouds), whose log lines carry it too.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createLogger, DEMO } from '../../src/index.ts';
import { SYNC_PATH, startTestServer, type TestServer } from '../helpers.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

interface SentToCloud {
  url: string;
  traceparent: string | null;
  tracestate: string | null;
}

let server: TestServer;
let sent: SentToCloud[];
let lines: Record<string, unknown>[];
beforeEach(async () => {
  sent = [];
  lines = [];
  const logger = createLogger(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  server = await startTestServer(
    { LOG_LEVEL: 'info' },
    {
      // The connectors' own fetch, recording what reaches the fake clouds.
      cloudFetch: (input, init) => {
        const headers = new Headers(init?.headers);
        sent.push({
          url: String(input),
          traceparent: headers.get('traceparent'),
          tracestate: headers.get('tracestate'),
        });
        return fetch(input, init);
      },
    },
    undefined,
    logger,
  );
});
afterEach(() => server.close());

describe('trace context', () => {
  test('when a sync is started with a traceparent, then every cloud call of its job carries it, and the log lines its trace ID', async () => {
    const { data, response } = await server.admin.POST(SYNC_PATH, {
      body: { organization_ids: [DEMO.organizations.thales.id] },
      headers: { traceparent: TRACEPARENT, tracestate: 'vendor=1' },
    });
    expect(response.status).toBe(201);
    await server.waitForJob(data?.id as string);
    await server.runtime.runner.idle();

    expect(sent.length).toBeGreaterThanOrEqual(2); // a login and a query at least
    expect(sent.every((call) => call.traceparent === TRACEPARENT && call.tracestate === 'vendor=1')).toBe(
      true,
    );
    const traced = lines.filter((line) => line.traceId === TRACE_ID);
    expect(traced.map((line) => line.msg)).toEqual(expect.arrayContaining(['request', 'job finished']));
    expect(traced.find((line) => line.msg === 'job finished')).toMatchObject({ jobId: data?.id });
  });

  test('when an organization is switched with a traceparent, then the call to Salesforce carries it', async () => {
    const { response } = await server.admin.PATCH('/v1/cckm/sfdc/organizations/{id}', {
      params: { path: { id: DEMO.organizations.thales.id } },
      body: { connection: 'new-sfdc-connection' },
      headers: { traceparent: TRACEPARENT },
    });
    expect(response.status).toBe(200);

    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.map((call) => call.traceparent)).toEqual(sent.map(() => TRACEPARENT));
  });

  test('when a request has no traceparent, or an invalid one, then its cloud calls carry none', async () => {
    for (const headers of [{}, { traceparent: TRACEPARENT.toUpperCase() }]) {
      const { data } = await server.admin.POST(SYNC_PATH, {
        body: { organization_ids: [DEMO.organizations.thales.id] },
        headers,
      });
      await server.waitForJob(data?.id as string);
    }
    await server.runtime.runner.idle();

    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.every((call) => call.traceparent === null && call.tracestate === null)).toBe(true);
    expect(lines.some((line) => 'traceId' in line)).toBe(false);
  });
});
