import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const directory = mkdtempSync(join(tmpdir(), 'fake-clouds-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('fake clouds CLI', () => {
  it('when started on port 0, then it prints its URLs, writes the logins to the credentials file and stops on SIGTERM', async () => {
    const credentials = join(directory, 'connections.json');
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        'packages/fake-clouds/src/cli.ts',
        '--port',
        '0',
        '--credentials',
        credentials,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const line = await new Promise<string>((resolveLine, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('\n')) resolveLine(output.split('\n')[0] ?? '');
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const { urls } = JSON.parse(line) as { urls: { salesforce: string; sap: string } };
      expect(urls.salesforce).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(urls.sap).toBe(`${urls.salesforce}/kms/v2`);
      expect(line).not.toContain('PRIVATE KEY');
      const written = JSON.parse(readFileSync(credentials, 'utf8')) as {
        connections: Record<string, { clientId?: string; clientSecret?: string; myDomainUrl?: string }>;
      };
      expect(statSync(credentials).mode & 0o777).toBe(0o600);
      const login = written.connections['other-sfdc-connection'];
      const token = await fetch(`${urls.salesforce}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: login?.clientId ?? '',
          client_secret: login?.clientSecret ?? '',
        }).toString(),
      });
      expect(token.status).toBe(200);
      expect(login?.myDomainUrl).toBe(urls.salesforce);
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    }
  });
});
