// Every repository, bound either to the database or to one transaction. Services take a Store and
// run multi-row changes as `store.transaction(async (tx) => ...)`, where `tx` is the same set of
// repositories on the transaction's connection: all or nothing is written.
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { type ConnectionRepository, createConnectionRepository } from './connection-repository.ts';
import { createGroupCommit, type GroupCommit } from './group-commit.ts';
import { createOrganizationRepository, type OrganizationRepository } from './organization-repository.ts';
import { createSapKeyRepository, type SapKeyRepository } from './sap-key-repository.ts';
import { immediateBookkeeping, type JobBookkeeping } from './sync-job-counts.ts';
import { createSyncJobLeases, type SyncJobLeases } from './sync-job-leases.ts';
import { createSyncJobRepository, type SyncJobRepository } from './sync-job-repository.ts';
import { createTenantSecretRepository, type TenantSecretRepository } from './tenant-secret-repository.ts';

export interface Repositories {
  syncJobs: SyncJobRepository;
  syncJobLeases: SyncJobLeases;
  organizations: OrganizationRepository;
  connections: ConnectionRepository;
  tenantSecrets: TenantSecretRepository;
  sapKeys: SapKeyRepository;
}

export interface Store extends Repositories {
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Like `transaction`, but sharing one commit with the work submitted at the same moment (each
   * unit under its own savepoint): for the hot, small writes of job creation and job progress.
   */
  grouped: GroupCommit<Repositories>;
  /** A trivial query, for readiness probes. */
  ping(): Promise<void>;
}

function bind(
  executor: Db | Transaction<Database>,
  bookkeeping: JobBookkeeping = immediateBookkeeping(executor),
  reads: Db | Transaction<Database> = executor,
): Repositories {
  return {
    syncJobs: createSyncJobRepository(executor, bookkeeping, reads),
    syncJobLeases: createSyncJobLeases(executor, bookkeeping),
    organizations: createOrganizationRepository(executor),
    connections: createConnectionRepository(executor),
    tenantSecrets: createTenantSecretRepository(executor),
    sapKeys: createSapKeyRepository(executor),
  };
}

export interface StoreOptions {
  /** A connection for the job list's reads (db/database.ts openReadDatabase); `db` if none. */
  reads?: Db | undefined;
}

export function createStore(db: Db, options: StoreOptions = {}): Store {
  return {
    ...bind(db, undefined, options.reads ?? db),
    transaction: (work) => db.transaction().execute((trx) => work(bind(trx))),
    grouped: createGroupCommit(db, bind),
    ping: async () => {
      await db.selectFrom('sync_jobs').select('id').limit(1).execute();
    },
  };
}
