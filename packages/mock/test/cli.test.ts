// `pnpm mock` as a user runs it: the built command (dist/cli.js) as a process on a free port. It
// says where it listens in one line, prints a token that works, keeps Prism's private port out of
// its output, and stops on SIGTERM with exit code 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { freePort, scenarioTable } from '../src/index.ts';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const running: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Started {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Resolves when stdout holds a line matching `pattern` (the process says so; no clock involved). */
function until(started: Started, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(started.stdout());
      if (match) {
        started.child.stdout?.off('data', check);
        resolve(match);
      }
    };
    started.child.stdout?.on('data', check);
    void started.exited.then((code) =>
      reject(new Error(`exited with ${code}:\n${started.stdout()}${started.stderr()}`)),
    );
    check();
  });
}

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
  }
});

describe('pnpm mock', () => {
  test('when started, then one line says where it listens, its token works and no other port shows', async () => {
    const port = await freePort();
    const started = run(['--port', String(port)]);
    const [, url] = await until(started, /^CCKM mock \(.+\) at (\S+)$/m);
    expect(url).toBe(`http://127.0.0.1:${port}/api`);
    const [, token] = await until(started, /export TOKEN=(\S+)/);
    const answer = await fetch(`${url}/v1/cckm/sfdc/keys/synchronization-jobs`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    await until(started, /Pick a response/);
    expect(started.stdout().match(/listen|CCKM mock/gi)).toHaveLength(1);
    // Prism's start-up lines name its private port; only the public one may appear.
    const ports = [...`${started.stdout()}${started.stderr()}`.matchAll(/127\.0\.0\.1:(\d+)/g)].map(
      (m) => m[1],
    );
    expect(new Set(ports)).toEqual(new Set([String(port)]));
    expect(started.stderr()).not.toContain('[CLI]');
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });

  test('when asked for help, then it prints the usage and exits 0; a bad option exits 2', async () => {
    const help = run(['--help']);
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toContain('Usage: pnpm mock');
    expect(help.stdout()).toContain(scenarioTable('text'));
    const bad = run(['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toContain('--port must be a TCP port');
    const unknown = run(['--stateful', '--scenario', 'meteor-strike']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.stderr()).toContain('--scenario must be one of slow-jobs,');
    const alone = run(['--scenario', 'slow-jobs']);
    expect(await alone.exited).toBe(2);
  });
});
