// The initial schema. Portable SQL only (SQLite and PostgreSQL): text keys and time stamps,
// integer flags, partial indexes.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('connections_domain_name', ['domain_id', 'name'])
    .execute();

  await db.schema
    .createTable('sfdc_organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('application', 'text', (c) => c.notNull())
    .addColumn('dev_account', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sfdc_organizations_domain_org', ['domain_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('tenant_secrets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('sfdc_organizations.id'))
    .addColumn('salesforce_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('secret_type', 'text', (c) => c.notNull())
    .addColumn('sfdc_params', 'text', (c) => c.notNull())
    .addColumn('backup_value', 'text', (c) => c.notNull())
    .addColumn('error_msg', 'text', (c) => c.notNull())
    .addColumn('auto_rotate', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('gone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tenant_secrets_org_sfid', ['organization_id', 'salesforce_id'])
    .execute();

  await db.schema
    .createTable('sap_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sap_groups_domain_group', ['domain_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('sap_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('sap_groups.id'))
    .addColumn('sap_key_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('total_versions', 'integer', (c) => c.notNull())
    .addColumn('gone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('sap_keys_group_key', ['group_id', 'sap_key_id'])
    .execute();

  await db.schema
    .createTable('sync_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain_id', 'text', (c) => c.notNull())
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('overall_status', 'text', (c) => c.notNull())
    .addColumn('abort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('application', 'text', (c) => c.notNull())
    .addColumn('dev_account', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The list's default page (newest first) and its status filter, per domain and cloud.
  await db.schema
    .createIndex('sync_jobs_list_created')
    .on('sync_jobs')
    .columns(['domain_id', 'cloud', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('sync_jobs_list_status_created')
    .on('sync_jobs')
    .columns(['domain_id', 'cloud', 'overall_status', 'created_at', 'id'])
    .execute();
  // What the workers poll: unfinished jobs by lease expiry.
  await db.schema
    .createIndex('sync_jobs_claimable')
    .on('sync_jobs')
    .columns(['lease_expires_at'])
    .where(sql.ref('overall_status'), '=', 'in_progress')
    .execute();

  await db.schema
    .createTable('sync_job_targets')
    .addColumn('job_id', 'text', (c) => c.notNull().references('sync_jobs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('sync_job_targets_pk', ['job_id', 'position'])
    .execute();
  // At most one in-progress job per organization or group, enforced by the database itself.
  await db.schema
    .createIndex('sync_job_targets_one_running')
    .on('sync_job_targets')
    .column('target_id')
    .unique()
    .where(sql.ref('active'), '=', 1)
    .execute();
  await db.schema
    .createIndex('sync_job_targets_by_target')
    .on('sync_job_targets')
    .columns(['target_id', 'job_id'])
    .execute();
  await db.schema
    .createIndex('sync_job_targets_by_key')
    .on('sync_job_targets')
    .columns(['target_key', 'job_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sync_job_targets',
    'sync_jobs',
    'sap_keys',
    'sap_groups',
    'tenant_secrets',
    'sfdc_organizations',
    'connections',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
