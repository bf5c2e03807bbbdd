// What a cloud-specific synchronizer does for one target (an organization or a group) of a job.
import DataLoader from 'dataloader';
import type { ConnectionRef } from '../../clouds/cloud-connectors.ts';
import type { Repositories } from '../../store/store.ts';

/** One organization or group of a job: its resource ID and its cloud ID. */
export interface SyncTarget {
  id: string;
  key: string;
}

export interface TargetOutcome {
  state: 'succeeded' | 'failed';
  /** The line for detailed_status. */
  message: string;
}

/** Writes to commit, in the same transaction as the target's outcome. */
export type PreparedWrites = (tx: Repositories, now: string) => Promise<TargetOutcome>;

export interface TargetSynchronizer {
  /**
   * Reads the target from its cloud, holding no transaction, and returns the writes to commit.
   * Cloud failures come back as a failed outcome; only unexpected errors and aborts are thrown.
   */
  fetch(target: SyncTarget, signal: AbortSignal): Promise<PreparedWrites>;
}

export const failedOutcome =
  (message: string): PreparedWrites =>
  async () => ({ state: 'failed', message });

/** A target's row as read with its connection's stored credentials (the secret still sealed). */
export interface RowWithCredentials {
  connection_id: string;
  connection_name: string;
  connection_cloud: string;
  settings: string;
  sealed_secret: string | null;
}

/** The connection to call the cloud through, carrying what was read so it is not read again. */
export const connectionOf = (row: RowWithCredentials): ConnectionRef => ({
  id: row.connection_id,
  name: row.connection_name,
  stored: { cloud: row.connection_cloud, settings: row.settings, sealedSecret: row.sealed_secret },
});

/**
 * At most this many targets' rows per query: padded to a power of two (paddedToPowerOfTwo), 32 is
 * the largest list PostgreSQL still runs as a named statement (prepared-query.ts names those of
 * at most 40 parameters); a larger batch would be parsed and planned at every read.
 */
const MAX_READ_TOGETHER = 32;

/**
 * Reads one target's row by ID, but the reads asked for during one turn of the event loop go out
 * as one query (`readMany`): the targets a runner starts together (a claimed batch of jobs) cost
 * one round trip, not one each. Nothing is cached: each read is made when its target starts.
 */
export function readTogether<Row extends { id: string }>(
  readMany: (ids: readonly string[]) => Promise<Row[]>,
): (id: string) => Promise<Row | undefined> {
  const loader = new DataLoader<string, Row | undefined>(
    async (ids) => {
      const byId = new Map((await readMany(ids)).map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id));
    },
    { cache: false, maxBatchSize: MAX_READ_TOGETHER, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
  );
  return (id) => loader.load(id);
}
