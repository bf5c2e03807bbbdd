// Runs synchronization jobs in the background, safely across crashes and instances.
//
// A runner claims a job by writing a lease (owner + expiry) on it, renews the lease while it works,
// and records each target's outcome in the same transaction as that target's data, checking it
// still holds the lease. These writes go through the store's group commit: the outcomes of many
// jobs that finish at once share one commit, each in its own savepoint. A job whose lease expired (its runner died) is claimed again by any runner
// and resumes with the targets that have no outcome yet; after JOB_MAX_ATTEMPTS claims it is
// finished with the remaining targets failed. A job also has a deadline (JOB_DEADLINE_MS from its
// creation): past it, the targets still without an outcome fail with a readable line and the job
// ends, so no cloud that never answers keeps a job, or its organizations, busy forever.
import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { Config } from '../../config.ts';
import { type Clock, formatMicros } from '../../core/clock.ts';
import { settleBefore } from '../../core/deadline.ts';
import type { CallTraces, TraceContext } from '../../core/trace-context.ts';
import { fixedFieldsLogger, type Logger } from '../../logger.ts';
import type { Store } from '../../store/store.ts';
import { type Lease, LeaseLostError } from '../../store/sync-job-leases.ts';
import type { Cloud, JobWithTargets, OverallStatus, TargetRow } from '../../store/sync-job-repository.ts';
import type { TargetSynchronizer } from './target-synchronizer.ts';

export interface SyncJobRunnerDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  jobs: Config['jobs'];
  synchronizers: Record<Cloud, TargetSynchronizer>;
  /** Unique per process: the lease owner. */
  workerId: string;
  /** Told what the runner does (metrics). */
  events?: SyncJobEvents;
  /** Where a job's cloud calls find the trace context of the request that created the job. */
  traces?: Pick<CallTraces, 'bind'>;
}

/** What the runner tells about the jobs it runs. */
export interface SyncJobEvents {
  /** It starts running a job it claimed (`attempts` > 1: a lease that expired was taken over). */
  started(cloud: Cloud, attempts: number): void;
  /** It stopped running a job: finished with `status`, or not (stopped, lease lost, an error). */
  stopped(cloud: Cloud, status: OverallStatus | undefined): void;
  /** Targets got an outcome. */
  targets(cloud: Cloud, outcome: 'succeeded' | 'failed', count: number): void;
}

/** A job just created here, and the trace context of the request that created it. */
export interface CreatedJob {
  id: string;
  trace: TraceContext | undefined;
}

export interface SyncJobRunner {
  start(): void;
  /** Looks for work now (after a job was created: its trace context goes with it when run here). */
  wake(created?: CreatedJob): void;
  /** Stops claiming, aborts running jobs and releases their leases. */
  stop(): Promise<void>;
  /** Resolves when no poll or job is running (for tests and shutdown). */
  idle(): Promise<void>;
}

/** Jobs claimed by one statement. */
const CLAIM_BATCH = 32;
/** Jobs one runner works on at once (each runs up to JOB_CONCURRENCY targets at once). */
const MAX_RUNNING_JOBS = 64;
/**
 * Trace contexts of jobs created here and not yet run here, at most: a job another instance
 * claims leaves its entry until newer ones push it out.
 */
const REMEMBERED_TRACES = 10_000;

export function createSyncJobRunner(deps: SyncJobRunnerDeps): SyncJobRunner {
  const { store, clock, jobs, workerId } = deps;
  const logger = deps.logger.child({ module: 'sync-job-runner', workerId });
  // A job's outcome line: fields of our own, once per job, so unredacted (see fixedFieldsLogger).
  const outcomes = fixedFieldsLogger(deps.logger, { module: 'sync-job-runner', workerId });
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let pollAgain = false;
  let stopped = false;
  const traces = new Map<string, TraceContext>();

  const leaseExpiry = () => formatMicros((clock.nowMs() + jobs.leaseMs) * 1000);
  const nowForLeases = () => formatMicros(clock.nowMs() * 1000);

  function wake(created?: CreatedJob) {
    if (created?.trace) {
      if (traces.size >= REMEMBERED_TRACES) traces.delete(traces.keys().next().value as string);
      traces.set(created.id, created.trace);
    }
    if (stopped) return;
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = poll()
      .catch((error: unknown) => logger.error({ err: error }, 'polling for jobs failed'))
      .finally(() => {
        polling = undefined;
        if (pollAgain) {
          pollAgain = false;
          wake();
        }
      });
  }

  async function poll() {
    // One statement claims a batch; the runner never holds more than MAX_RUNNING_JOBS at once.
    const room = Math.min(CLAIM_BATCH, MAX_RUNNING_JOBS - running.size);
    if (stopped || room <= 0) return;
    // The claim shares a commit (an fsync on SQLite) with the jobs being created meanwhile.
    const claimed = await store.grouped.run((tx) =>
      tx.syncJobLeases.claimBatch(workerId, nowForLeases(), leaseExpiry(), room),
    );
    const found = new Map(
      (await store.syncJobs.getMany(claimed.map((job) => job.id))).map((each) => [each.job.id, each]),
    );
    for (const { id, attempts } of claimed) {
      const controller = new AbortController();
      // Every concurrent cloud call of the job listens to this signal (each call may add two).
      setMaxListeners(jobs.concurrency * 2 + 10, controller.signal);
      const done = runJob(id, found.get(id), attempts, controller).finally(() => {
        running.delete(id);
        // A slot is free: there may be jobs waiting for one.
        if (claimed.length === CLAIM_BATCH) wake();
      });
      running.set(id, { controller, done });
    }
    if (stopped)
      for (const { controller } of running.values()) controller.abort(new Error('server shutting down'));
  }

  async function runJob(
    jobId: string,
    found: JobWithTargets | undefined,
    attempts: number,
    controller: AbortController,
  ) {
    const lease: Lease = { jobId, owner: workerId };
    let deadline: NodeJS.Timeout | undefined;
    let pastDeadline = false;
    // The trace context of the request that created the job, when that was here: on the job's
    // log lines and on every cloud call made under its signal.
    const trace = traces.get(jobId);
    traces.delete(jobId);
    deps.traces?.bind(controller.signal, trace);
    const log = trace ? logger.child({ traceId: trace.traceId }) : logger;
    const done = trace ? outcomes.child({ traceId: trace.traceId }) : outcomes;
    const cloud = found?.job.cloud;
    let finishedAs: OverallStatus | undefined;
    if (cloud) deps.events?.started(cloud, attempts);
    const renewal = setInterval(
      () => {
        store.syncJobLeases
          .renew(lease, leaseExpiry())
          .then((held) => {
            if (!held) controller.abort(new LeaseLostError(`lease on job ${jobId} lost`));
          })
          .catch((error: unknown) => log.warn({ jobId, err: error }, 'lease renewal failed'));
      },
      Math.max(10, Math.floor(jobs.leaseMs / 3)),
    );
    try {
      if (!found) return;
      if (attempts > jobs.maxAttempts) {
        log.warn({ jobId, attempts }, 'job abandoned after too many attempts');
        finishedAs = await giveUp(
          lease,
          found,
          found.targets.filter((target) => target.state === 'pending').length,
          `Abandoned: the job was interrupted ${attempts - 1} times`,
        );
        return;
      }
      // A job has a deadline counted from its creation, whoever runs it: a cloud that never
      // answers cannot keep it (and every new sync of its targets) in progress forever. It aborts
      // the job's own controller (AbortSignal.any costs ~27 µs a job on Node 20), unless a stop or
      // a lost lease already did.
      deadline = setTimeout(
        () => {
          if (controller.signal.aborted) return;
          pastDeadline = true;
          controller.abort(new DOMException('The job passed its deadline', 'TimeoutError'));
        },
        Math.max(0, Date.parse(found.job.created_at) + jobs.deadlineMs - clock.nowMs()),
      );
      const { signal } = controller;
      const synchronizer = deps.synchronizers[found.job.cloud];
      const limit = pLimit(jobs.concurrency);
      // Under our lease nobody else records outcomes, so the targets read above are current.
      const pending = found.targets.filter((target) => target.state === 'pending');
      // A job with one target left (most name one organization) is finished with that target's
      // outcome, in the same unit: one write and one commit slot fewer per job.
      const finishWithOutcome = pending.length === 1;
      const results = await Promise.all(
        pending.map((target) =>
          limit(() =>
            runTarget(lease, found.job.cloud, target, synchronizer, signal, finishWithOutcome, log),
          ),
        ),
      );
      finishedAs = results.find((result) => result.finished !== undefined)?.finished;
      if (finishedAs) {
        done.info({ jobId, status: finishedAs, targets: found.targets.length }, 'job finished');
        return;
      }
      if (controller.signal.aborted && !pastDeadline) return;
      if (pastDeadline) {
        log.warn({ jobId, deadlineMs: jobs.deadlineMs }, 'job passed its deadline');
        finishedAs = await giveUp(
          lease,
          found,
          results.filter((result) => !result.recorded).length,
          `Not synchronized: the job did not finish within ${formatDuration(jobs.deadlineMs)}`,
        );
        return;
      }
      finishedAs = await store.grouped.run((tx) => tx.syncJobLeases.finish(lease, clock.now()));
      done.info({ jobId, status: finishedAs, targets: found.targets.length }, 'job finished');
    } catch (error) {
      if (error instanceof LeaseLostError || (controller.signal.aborted && !pastDeadline)) {
        log.warn({ jobId }, 'job interrupted; another runner will resume it');
      } else {
        log.error(
          { jobId, err: error },
          'job failed unexpectedly; it will be resumed when its lease expires',
        );
      }
    } finally {
      clearInterval(renewal);
      clearTimeout(deadline);
      if (cloud) deps.events?.stopped(cloud, finishedAs);
    }
  }

  /**
   * Ends the job with every target that has no outcome yet (`pending` of them) failed with
   * `message`; returns the job's status.
   */
  async function giveUp(
    lease: Lease,
    found: JobWithTargets,
    pending: number,
    message: string,
  ): Promise<OverallStatus> {
    const status = await store.grouped.run(async (tx) => {
      await tx.syncJobLeases.failPendingTargets(lease, message, clock.now());
      return tx.syncJobLeases.finish(lease, clock.now());
    });
    if (pending > 0) deps.events?.targets(found.job.cloud, 'failed', pending);
    return status;
  }

  /**
   * Synchronizes one target and records its outcome (`recorded`); with `finish`, also finishes the
   * job in the same unit and returns its status (`finished`).
   */
  async function runTarget(
    lease: Lease,
    cloud: Cloud,
    target: TargetRow,
    synchronizer: TargetSynchronizer,
    signal: AbortSignal,
    finish: boolean,
    log: Logger,
  ): Promise<{ recorded: boolean; finished: OverallStatus | undefined }> {
    const notRecorded = { recorded: false, finished: undefined };
    if (signal.aborted) return notRecorded;
    try {
      const writes = await settleBefore(
        synchronizer.fetch({ id: target.target_id, key: target.target_key }, signal),
        signal,
      );
      let state: 'succeeded' | 'failed' = 'failed';
      const finished = await store.grouped.run(async (tx) => {
        const now = clock.now();
        const outcome = await writes(tx, now);
        state = outcome.state;
        return tx.syncJobLeases.recordTargetResult(
          lease,
          target.position,
          outcome.state,
          outcome.message,
          now,
          {
            finish,
          },
        );
      });
      deps.events?.targets(cloud, state, 1);
      return { recorded: true, finished };
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      // Stopped (shutdown, lease lost) or past the job's deadline: the target stays pending, and
      // runJob decides what that means.
      if (signal.aborted) return notRecorded;
      // Not the cloud's fault (that is a failed outcome): keep the details in the log only.
      log.error(
        { err: error, jobId: lease.jobId, target: target.target_key },
        'synchronizing a target failed',
      );
      const finished = await store.grouped.run((tx) =>
        tx.syncJobLeases.recordTargetResult(
          lease,
          target.position,
          'failed',
          'Internal error while synchronizing; see the server log',
          clock.now(),
          { finish },
        ),
      );
      deps.events?.targets(cloud, 'failed', 1);
      return { recorded: true, finished };
    }
  }

  return {
    start() {
      stopped = false;
      timer = setInterval(wake, jobs.pollMs);
      wake();
    },
    wake,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await polling;
      for (const { controller } of running.values()) controller.abort(new Error('server shutting down'));
      await Promise.allSettled([...running.values()].map((job) => job.done));
      const released = await store.syncJobLeases.releaseAll(workerId);
      if (released > 0) logger.info({ released }, 'released job leases');
    },
    async idle() {
      while (polling || running.size > 0) {
        await polling;
        await Promise.allSettled([...running.values()].map((job) => job.done));
      }
    },
  };
}

const formatDuration = (ms: number) =>
  ms % 60_000 === 0 ? `${ms / 60_000} min` : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
