import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { connectionOptions, TokenCommandError, UsageError } from '../src/index.ts';

const URL = 'http://127.0.0.1:4010/api';
const env = (values: Record<string, string>) => ({ PATH: process.env.PATH ?? '', ...values });

describe('connection settings', () => {
  test('when the URL is missing or not a URL, then it is a usage error', () => {
    expect(() => connectionOptions({ token: 't' }, env({}))).toThrow(UsageError);
    expect(() => connectionOptions({ url: 'cm.example.com/api', token: 't' }, env({}))).toThrow(
      'is not a URL',
    );
  });

  test('when flags and environment both say something, then the flag wins', () => {
    expect(
      connectionOptions(
        { url: URL, token: 'flag' },
        env({ CCKM_URL: 'http://other/api', CCKM_TOKEN: 'env' }),
      ),
    ).toEqual({ baseUrl: URL, token: 'flag' });
    expect(
      connectionOptions({}, env({ CCKM_URL: URL, CCKM_TOKEN: 'env', CCKM_TOKEN_COMMAND: 'echo cmd' })),
    ).toEqual({
      baseUrl: URL,
      token: 'env',
    });
  });

  test('when both --token and --token-command are given, then it is a usage error', () => {
    expect(() => connectionOptions({ url: URL, token: 't', tokenCommand: 'echo t' }, env({}))).toThrow(
      'either --token or --token-command',
    );
  });

  test('when a token command is used, then it runs once, and again only after a rejection', async () => {
    const counter = join(tmpdir(), `cckm-token-count-${process.pid}`);
    await rm(counter, { force: true });
    const options = connectionOptions(
      { url: URL, tokenCommand: `echo x >> ${counter}; wc -l < ${counter} | tr -d ' '; ` },
      env({}),
    );
    const getToken = options.getToken as NonNullable<typeof options.getToken>;
    expect(await getToken({ reason: 'initial' })).toBe('1');
    expect(await getToken({ reason: 'initial' })).toBe('1');
    expect(await getToken({ reason: 'rejected' })).toBe('2');
    await rm(counter, { force: true });
  });

  test('when the token command prints nothing, then it is a token command error', async () => {
    const options = connectionOptions({ url: URL, tokenCommand: 'true' }, env({}));
    await expect(options.getToken?.({ reason: 'initial' })).rejects.toBeInstanceOf(TokenCommandError);
  });
});
