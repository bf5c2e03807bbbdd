// The server holds its port before it touches anything (issue 24, defect 9: a second `pnpm start`
// migrated and rewrote the shared database's demo connections, then failed on the port, and the
// first instance's syncs all failed). Black-box: the built dist/main.js on a port this test holds.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bindPort } from '../src/index.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let directory: string;
let taken: Server;
let takenPort: number;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'cckm-port-'));
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => taken.close(resolve));
  await rm(directory, { recursive: true, force: true });
});

describe('the port comes first', () => {
  test('when the port is taken, then the server exits 1 saying so, and has not touched its database', async () => {
    const database = join(directory, 'cckm.sqlite');
    const credentials = join(directory, 'fake-clouds.json');
    await writeFile(credentials, JSON.stringify({ connections: {} }), { mode: 0o600 });

    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['dist/main.js'],
        {
          cwd: packageDir,
          env: {
            PATH: process.env.PATH,
            CCKM_PROFILE: 'dev',
            PORT: String(takenPort),
            DATABASE_URL: `sqlite:${database}`,
            DEMO_CLOUDS_FILE: credentials,
            LOG_LEVEL: 'silent',
          },
        },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
      );
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${takenPort} of 127.0.0.1 is in use`);
    expect(existsSync(database)).toBe(false);
  });

  test('when a client connects between the bind and the serve, then it is answered once the app serves', async () => {
    const bound = await bindPort(0, '127.0.0.1');
    const client = connect(bound.port, '127.0.0.1');
    await once(client, 'connect');
    client.end('GET /early HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = (async () => {
      let text = '';
      for await (const chunk of client) text += chunk;
      return text;
    })();
    const app = express();
    app.get('/early', (_req, res) => {
      res.send('served');
    });

    const server = bound.serve(app, {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
    });

    expect(await answer).toMatch(/^HTTP\/1\.1 200 [\s\S]*served$/);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
