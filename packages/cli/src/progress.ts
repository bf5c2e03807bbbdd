// Live progress of a Salesforce job, per organization. On a terminal one block is redrawn in place
// (log-update) with a spinner; anywhere else (a pipe, a CI log) each change is printed once as a
// plain line, so logs stay readable and diffable.
import type { SynchronizationJob } from '@cckm/client';
import { createLogUpdate } from 'log-update';
import { targetsOf } from './render.ts';

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface Progress {
  update(job: SynchronizationJob): void;
  /** Leaves the last state on screen. */
  stop(): void;
}

const organizations = (count: number) => `${count} organization${count === 1 ? '' : 's'}`;

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FINAL: Record<SynchronizationJob['overall_status'], string> = {
  in_progress: '…',
  completed: '✔',
  failed: '✖',
};

/** The per-organization block: a header, then one line per organization (message or "waiting"). */
export function progressFrame(job: SynchronizationJob, spinner: string, elapsedMs: number): string {
  const targets = targetsOf(job);
  const status = job.detailed_status ?? {};
  const done = targets.filter((target) => status[target] !== undefined).length;
  const symbol = job.overall_status === 'in_progress' ? spinner : FINAL[job.overall_status];
  const lines = [
    `${symbol} Job ${job.id} ${job.overall_status}: ${done} of ${organizations(targets.length)} handled (${Math.round(elapsedMs / 1000)}s)`,
  ];
  const width = Math.max(0, ...targets.map((target) => target.length));
  for (const target of targets) {
    const message = status[target];
    lines.push(`  ${message === undefined ? '·' : '•'} ${target.padEnd(width)}  ${message ?? 'waiting'}`);
  }
  // Messages for targets the job does not list (should not happen, but never hide them).
  for (const [target, message] of Object.entries(status)) {
    if (!targets.includes(target)) lines.push(`  • ${target.padEnd(width)}  ${message}`);
  }
  return lines.join('\n');
}

export function createProgress(stream: ProgressStream, now: () => number = Date.now): Progress {
  const started = now();
  // A terminal of size 0 (e.g. a pty nobody sized) cannot show a redrawn block: plain lines then.
  if (stream.isTTY && stream.columns !== 0 && stream.rows !== 0) {
    const render = createLogUpdate(stream as NodeJS.WriteStream, { showCursor: false });
    let last: SynchronizationJob | undefined;
    let tick = 0;
    const draw = () => {
      if (last) render(progressFrame(last, SPINNER[tick++ % SPINNER.length] as string, now() - started));
    };
    const timer = setInterval(draw, 100);
    timer.unref();
    return {
      update(job) {
        last = job;
        draw();
      },
      stop() {
        clearInterval(timer);
        draw();
        render.done();
      },
    };
  }

  // Plain lines: the job's status when it changes, an organization's message when it changes.
  let status: string | undefined;
  const seen = new Map<string, string>();
  return {
    update(job) {
      const elapsed = `${Math.round((now() - started) / 1000)}s`;
      const line = `[${elapsed}] job ${job.id} ${job.overall_status} (${organizations(targetsOf(job).length)})\n`;
      if (status === undefined) stream.write(line);
      for (const [target, message] of Object.entries(job.detailed_status ?? {})) {
        if (seen.get(target) === message) continue;
        seen.set(target, message);
        stream.write(`[${elapsed}]   ${target}: ${message}\n`);
      }
      if (status !== undefined && job.overall_status !== status) stream.write(line);
      status = job.overall_status;
    },
    stop() {},
  };
}
