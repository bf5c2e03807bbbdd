// pnpm start (scripts/start-demo.ts) while something holds the server's port: it stops before it
// starts the fake clouds (which rewrite data/fake-clouds.json) or the server (issue 24, defect 9).
// Started for real in a folder of its own (--data), it names the fake clouds in one line (issue 22).
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { repoRoot } from '../lib/repo-paths.ts';

let taken: Server;
let port: number;
beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  port = (taken.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => taken.close(resolve)));

test('when the server port is in use, then pnpm start says so and exits 1 before starting anything', async () => {
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/start-demo.ts'],
      { cwd: repoRoot, env: { PATH: process.env.PATH, PORT: String(port) } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });

  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Port ${port} of 127.0.0.1 is in use`);
  expect(result.stdout).not.toContain('Fake clouds');
});

const freePort = async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return free;
};

test('when pnpm start runs in its own folder, then one line names the fake clouds, and the folder holds its data', async () => {
  const data = await mkdtemp(join(tmpdir(), 'cckm-start-demo-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-demo.ts', '--data', data], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/CCKM server ready at \S+/.test(stdout)) resolve();
      });
      void exited.then((code) => reject(new Error(`pnpm start exited with ${code}:\n${stdout}${stderr}`)));
    });
    const output = `${stdout}${stderr}`;
    expect(output.match(/fake clouds/gi)).toHaveLength(1);
    expect(stdout).toMatch(
      /^Fake clouds: Salesforce http:\/\/127\.0\.0\.1:\d+, SAP http:\/\/127\.0\.0\.1:\d+\/kms\/v2$/m,
    );
    expect((await readdir(data)).sort()).toEqual(expect.arrayContaining(['cckm.sqlite', 'fake-clouds.json']));
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(data, { recursive: true, force: true });
  }
});
