import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createLogger } from '../src/index.ts';
import { runWithRequestId } from '../src/logger.ts';

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

  test('when a line is written while a request is handled, then it carries the request id', () => {
    const { lines, logger } = capture();
    runWithRequestId('req-42', () => logger.child({ module: 'test' }).info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ requestId: 'req-42', module: 'test', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});
