// pnpm start (scripts/start-demo.ts) while something holds the server's port: it stops before it
// starts the fake clouds (which rewrite data/fake-clouds.json) or the server (issue 24, defect 9).
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
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
