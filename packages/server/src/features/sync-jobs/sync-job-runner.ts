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
}

export interface SyncJobRunner {
  start(): void;
  /** Looks for work now (after a job was created). */
  wake(): void;
  /** Stops claiming, aborts running jobs and releases their leases. */
  stop(): Promise<void>;
  /** Resolves when no poll or job is running (for tests and shutdown). */
  idle(): Promise<void>;
}

/** Jobs claimed by one statement. */
const CLAIM_BATCH = 32;
/** Jobs one runner works on at once (each runs up to JOB_CONCURRENCY targets at once). */
const MAX_RUNNING_JOBS = 64;

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

  const leaseExpiry = () => formatMicros((clock.nowMs() + jobs.leaseMs) * 1000);
  const nowForLeases = () => formatMicros(clock.nowMs() * 1000);

  function wake() {
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
    const renewal = setInterval(
      () => {
        store.syncJobLeases
          .renew(lease, leaseExpiry())
          .then((held) => {
            if (!held) controller.abort(new LeaseLostError(`lease on job ${jobId} lost`));
          })
          .catch((error: unknown) => logger.warn({ jobId, err: error }, 'lease renewal failed'));
      },
      Math.max(10, Math.floor(jobs.leaseMs / 3)),
    );
    try {
      if (!found) return;
      if (attempts > jobs.maxAttempts) {
        logger.warn({ jobId, attempts }, 'job abandoned after too many attempts');
        await giveUp(lease, `Abandoned: the job was interrupted ${attempts - 1} times`);
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
      const finished = await Promise.all(
        pending.map((target) =>
          limit(() => runTarget(lease, target, synchronizer, signal, finishWithOutcome)),
        ),
      );
      const finishedAs = finished.find((each) => each !== undefined);
      if (finishedAs) {
        outcomes.info({ jobId, status: finishedAs, targets: found.targets.length }, 'job finished');
        return;
      }
      if (controller.signal.aborted && !pastDeadline) return;
      if (pastDeadline) {
        logger.warn({ jobId, deadlineMs: jobs.deadlineMs }, 'job passed its deadline');
        await giveUp(
          lease,
          `Not synchronized: the job did not finish within ${formatDuration(jobs.deadlineMs)}`,
        );
        return;
      }
      const status = await store.grouped.run((tx) => tx.syncJobLeases.finish(lease, clock.now()));
      outcomes.info({ jobId, status, targets: found.targets.length }, 'job finished');
    } catch (error) {
      if (error instanceof LeaseLostError || (controller.signal.aborted && !pastDeadline)) {
        logger.warn({ jobId }, 'job interrupted; another runner will resume it');
      } else {
        logger.error(
          { jobId, err: error },
          'job failed unexpectedly; it will be resumed when its lease expires',
        );
      }
    } finally {
      clearInterval(renewal);
      clearTimeout(deadline);
    }
  }

  /** Ends the job with every target that has no outcome yet failed with `message`. */
  async function giveUp(lease: Lease, message: string) {
    await store.grouped.run(async (tx) => {
      await tx.syncJobLeases.failPendingTargets(lease, message, clock.now());
      await tx.syncJobLeases.finish(lease, clock.now());
    });
  }

  /**
   * Synchronizes one target and records its outcome; with `finish`, also finishes the job in the
   * same unit and returns its status.
   */
  async function runTarget(
    lease: Lease,
    target: TargetRow,
    synchronizer: TargetSynchronizer,
    signal: AbortSignal,
    finish: boolean,
  ): Promise<OverallStatus | undefined> {
    if (signal.aborted) return undefined;
    try {
      const writes = await settleBefore(
        synchronizer.fetch({ id: target.target_id, key: target.target_key }, signal),
        signal,
      );
      return await store.grouped.run(async (tx) => {
        const now = clock.now();
        const outcome = await writes(tx, now);
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
    } catch (error) {
      if (error instanceof LeaseLostError) throw error;
      // Stopped (shutdown, lease lost) or past the job's deadline: the target stays pending, and
      // runJob decides what that means.
      if (signal.aborted) return undefined;
      // Not the cloud's fault (that is a failed outcome): keep the details in the log only.
      logger.error(
        { err: error, jobId: lease.jobId, target: target.target_key },
        'synchronizing a target failed',
      );
      return store.grouped.run((tx) =>
        tx.syncJobLeases.recordTargetResult(
          lease,
          target.position,
          'failed',
          'Internal error while synchronizing; see the server log',
          clock.now(),
          { finish },
        ),
      );
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
