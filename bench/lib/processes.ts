// Child processes for the benchmark: started pinned to a core, measured through /proc (CPU time
// and RSS of the whole process), and always stopped by pid.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

export interface Pinned {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

const started = new Set<ChildProcess>();

export function spawnPinned(
  core: number,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Pinned {
  const child = spawn('taskset', ['-c', String(core), command, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.add(child);
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  child.once('exit', (code, signal) => {
    started.delete(child);
    if (code && code !== 0 && signal === null) process.stderr.write(`${command} exited ${code}: ${errors}\n`);
  });
  return { child, pid: child.pid as number, stop: () => stopChild(child) };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

/** Stops whatever is still running (on errors and Ctrl-C). */
export async function stopAll(): Promise<void> {
  await Promise.all([...started].map(stopChild));
}

/** User + system CPU time of the process (all threads), in microseconds. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kilobytes / 1024;
}

/**
 * Waits until the processes together use under `share` of one core over a `windowMs` window (for
 * example until job runners have drained what a POST run queued), at most `timeoutMs`. Returns the
 * milliseconds waited.
 */
export async function untilQuiet(
  pids: number[],
  { windowMs = 500, share = 0.05, timeoutMs = 120_000 } = {},
): Promise<number> {
  const since = performance.now();
  const total = () => pids.reduce((sum, pid) => sum + cpuMicros(pid), 0);
  for (;;) {
    const before = total();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const waited = performance.now() - since;
    if (total() - before < share * windowMs * 1_000 || waited > timeoutMs) return waited;
  }
}

/** Milliseconds from `since` until `url` answers 200 (polling every 5 ms). */
export async function untilOk(
  url: string,
  headers: Record<string, string>,
  since: number,
  timeoutMs = 30_000,
): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs)
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
