// Table shapes as Kysely sees them. Time stamps are RFC 3339 text (fixed width, so they sort as
// text in every dialect); booleans are 0/1 integers; JSON documents are text.
import type { Generated } from 'kysely';

export interface ConnectionsTable {
  id: string;
  domain_id: string;
  name: string;
  cloud: 'sfdc' | 'sap';
  /** What the cloud needs to log in, without secrets, as JSON text. */
  settings: Generated<string>;
  /** The secret part (private key, client secret, API secret), sealed; null: none stored. */
  sealed_secret: string | null;
  created_at: string;
  updated_at: string;
}

export interface SfdcOrganizationsTable {
  id: string;
  domain_id: string;
  name: string;
  organization_id: string;
  connection_id: string;
  type: 'Regular' | 'Sandbox';
  account: string;
  application: string;
  dev_account: string;
  created_at: string;
  updated_at: string;
}

export interface TenantSecretsTable {
  id: string;
  domain_id: string;
  organization_id: string;
  salesforce_id: string;
  name: string;
  account: string;
  /** Salesforce's Status picklist (ACTIVE, ARCHIVED, DESTROYED, or a value Salesforce adds). */
  status: string;
  secret_type: string;
  /** sfdc_params without SecretValue, as JSON text. */
  sfdc_params: string;
  /** The backup: SecretValue as Salesforce returned it. */
  backup_value: string;
  error_msg: string;
  auto_rotate: number;
  origin: 'native' | 'byok' | 'cache_only';
  /** 1 when the last synchronization no longer found the secret in Salesforce. */
  gone: number;
  /** When delete-backup shredded the backup: the row is then a tombstone that no sync refreshes. */
  backup_deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SapGroupsTable {
  id: string;
  domain_id: string;
  group_id: string;
  name: string;
  connection_id: string;
  created_at: string;
  updated_at: string;
}

export interface SapKeysTable {
  id: string;
  domain_id: string;
  group_id: string;
  sap_key_id: string;
  name: string;
  key_type: string;
  size: number;
  enabled: number;
  total_versions: number;
  gone: number;
  created_at: string;
  updated_at: string;
}

export interface SyncJobsTable {
  id: string;
  domain_id: string;
  cloud: 'sfdc' | 'sap';
  overall_status: 'in_progress' | 'completed' | 'failed';
  abort: number;
  account: string;
  application: string;
  dev_account: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  attempts: number;
  /** Changes to what the list shows of this job, counted (migration 008). */
  revision: number;
}

/** One organization or group of a job, with its outcome. */
export interface SyncJobTargetsTable {
  job_id: string;
  position: number;
  /** Resource ID of the organization or SAP group. */
  target_id: string;
  /** Salesforce org ID or SAP group ID: the key of kms/groups and detailed_status. */
  target_key: string;
  state: 'pending' | 'succeeded' | 'failed';
  message: string | null;
  /** 1 while the job is in progress: a partial unique index allows one running job per target. */
  active: Generated<number>;
  /**
   * The job's domain, cloud and creation time, copied (they never change), so the organization
   * filter sorted by creation time is read from the targets' indexes alone.
   */
  domain_id: string;
  cloud: 'sfdc' | 'sap';
  created_at: string;
}

/** Jobs per domain, cloud and status (kept with the jobs, in the same transactions). */
export interface SyncJobCountsTable {
  domain_id: string;
  cloud: 'sfdc' | 'sap';
  overall_status: 'in_progress' | 'completed' | 'failed';
  n: number;
}

/** Bumped with every visible change of a domain's jobs of one cloud (see store/sync-job-counts.ts). */
export interface SyncJobVersionsTable {
  domain_id: string;
  cloud: 'sfdc' | 'sap';
  version: number;
}

export interface Database {
  sync_job_versions: SyncJobVersionsTable;
  sync_job_counts: SyncJobCountsTable;
  connections: ConnectionsTable;
  sfdc_organizations: SfdcOrganizationsTable;
  tenant_secrets: TenantSecretsTable;
  sap_groups: SapGroupsTable;
  sap_keys: SapKeysTable;
  sync_jobs: SyncJobsTable;
  sync_job_targets: SyncJobTargetsTable;
}

// Every column of the tables prepared queries read whole, spelled out: PostgreSQL fixes a named
// statement's result type when it parses it, so a `select *` among them would fail once a
// migration adds a column (see postgres-prepared-statements.ts). Checked against the tables above:
// a column missing here, or one too many, does not compile.
const columnsOf = <T>(columns: Record<keyof T & string, true>) =>
  Object.keys(columns) as (keyof T & string)[];

export const CONNECTION_COLUMNS = columnsOf<ConnectionsTable>({
  id: true,
  domain_id: true,
  name: true,
  cloud: true,
  settings: true,
  sealed_secret: true,
  created_at: true,
  updated_at: true,
});

export const ORGANIZATION_COLUMNS = columnsOf<SfdcOrganizationsTable>({
  id: true,
  domain_id: true,
  name: true,
  organization_id: true,
  connection_id: true,
  type: true,
  account: true,
  application: true,
  dev_account: true,
  created_at: true,
  updated_at: true,
});

export const SAP_GROUP_COLUMNS = columnsOf<SapGroupsTable>({
  id: true,
  domain_id: true,
  group_id: true,
  name: true,
  connection_id: true,
  created_at: true,
  updated_at: true,
});

export const SYNC_JOB_COLUMNS = columnsOf<SyncJobsTable>({
  id: true,
  domain_id: true,
  cloud: true,
  overall_status: true,
  abort: true,
  account: true,
  application: true,
  dev_account: true,
  created_by: true,
  created_at: true,
  updated_at: true,
  completed_at: true,
  lease_owner: true,
  lease_expires_at: true,
  attempts: true,
  revision: true,
});

export const SYNC_JOB_TARGET_COLUMNS = columnsOf<SyncJobTargetsTable>({
  job_id: true,
  position: true,
  target_id: true,
  target_key: true,
  state: true,
  message: true,
  active: true,
  domain_id: true,
  cloud: true,
  created_at: true,
});
