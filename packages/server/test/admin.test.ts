// cckm-admin as it ships (dist/admin.js), with only the settings it uses (issue 24, defect 4: it
// exited 2 unless JWT_SECRET or JWT_JWKS_URL was set, which it never uses).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_SECRETS_KEY } from './helpers.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cckm-admin-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** dist/admin.js (built before the tests) with `environment` and PATH only. */
function admin(args: string[], environment: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['dist/admin.js', ...args],
      { cwd: packageDir, env: { PATH: process.env.PATH, ...environment } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('cckm-admin settings', () => {
  test('when neither JWT_SECRET nor JWT_JWKS_URL is set, then connections list still runs (production profile)', async () => {
    const listed = await admin(['connections', 'list', '--json'], {
      DATABASE_URL: `sqlite:${join(directory, 'no-jwt.sqlite')}`,
    });

    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  test('when a connection is added without a JWT setting, then only the secrets key is needed', async () => {
    const environment = {
      DATABASE_URL: `sqlite:${join(directory, 'add.sqlite')}`,
      CONNECTION_SECRETS_KEY: TEST_SECRETS_KEY,
    };
    const secretFile = join(directory, 'secret');
    await writeFile(secretFile, 'api-secret', { mode: 0o600 });
    const args = [
      'connections',
      'add',
      '--name',
      'k',
      '--cloud',
      'sap',
      '--api-endpoint',
      'https://k.example.com/kms/v2',
      '--api-key',
      'key',
      '--secret-file',
      secretFile,
    ];

    expect(await admin(args, environment)).toMatchObject({ code: 0 });
    const withoutKey = await admin(args, { DATABASE_URL: environment.DATABASE_URL });
    expect(withoutKey.code).toBe(2);
    expect(withoutKey.stderr).toContain('CONNECTION_SECRETS_KEY');
    expect(withoutKey.stderr).not.toContain('JWT');
  });
});
