import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createLogger } from '../src/index.ts';
import { fixedFieldsLogger } from '../src/logger.ts';
import { startTestServer } from './helpers.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info' }, stream) };
}

describe('logger', () => {
  test('when tokens and key material are logged, then they are redacted', () => {
    const { lines, logger } = capture();
    logger.info({
      req: { headers: { authorization: 'Bearer eyJ.secret.token' } },
      secret: { SecretValue: 'CgMyMzIS', token: 'abc' },
      record: { sfdc_params: { SecretValue: 'CgMyMzIS', Version: 3 } },
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('eyJ.secret.token');
    expect(text).not.toContain('CgMyMzIS');
    expect(text).toContain('"Version":3');
  });

  test('when a fixed-fields child logs, then its line is written as given, and its parent still redacts', () => {
    const { lines, logger } = capture();
    const fixed = fixedFieldsLogger(logger, { module: 'http' });
    fixed.info({ requestId: 'r1', method: 'GET', path: '/api/x', status: 200, ms: 1.5 }, 'request');
    logger.info({ secret: { token: 'abc-secret' } }, 'after');
    fixed.info({ jobId: 'j1', status: 'failed', targets: 1 }, 'job finished');
    // Redaction really is off there (what it saves): only our own fields may go through it.
    fixed.info({ probe: { token: 'visible-on-purpose' } }, 'probe');

    expect(lines[0]).toMatchObject({ module: 'http', requestId: 'r1', path: '/api/x', status: 200 });
    expect(JSON.stringify(lines[1])).not.toContain('abc-secret');
    expect(lines[1]).toMatchObject({ secret: { token: '[redacted]' } });
    expect(lines[2]).toMatchObject({ module: 'http', jobId: 'j1', status: 'failed', targets: 1 });
    expect(lines[3]).toMatchObject({ probe: { token: 'visible-on-purpose' } });
  });

  test('when a request is answered, then one short access line names it, with no header', async () => {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const server = await startTestServer({}, {}, undefined, createLogger({ level: 'info' }, stream));
    try {
      const response = await fetch(`${server.baseUrl}/v1/cckm/sfdc/keys/synchronization-jobs?limit=5`, {
        headers: { Authorization: `Bearer ${await server.token()}`, 'X-Request-Id': 'req-42' },
      });
      expect(response.status).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
      const access = lines.filter((line) => line.msg === 'request');
      expect(access).toEqual([
        expect.objectContaining({
          level: 30,
          module: 'http',
          requestId: 'req-42',
          method: 'GET',
          path: '/api/v1/cckm/sfdc/keys/synchronization-jobs?limit=5',
          status: 200,
          ms: expect.any(Number),
        }),
      ]);
      expect(JSON.stringify(access)).not.toMatch(/authorization|Bearer|headers/i);
    } finally {
      await server.close();
    }
  });
});
