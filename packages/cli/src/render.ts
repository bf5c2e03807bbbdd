// What cckm prints: tables for people (cli-table3, no colours so pipes stay clean), JSON for
// scripts, and failures as `title: detail` lines for stderr.
import {
  type CckmProblemError,
  CckmRequestError,
  CckmWaitError,
  type SalesforceOrganization,
  type SynchronizationJob,
  type SynchronizationJobList,
  type TenantSecret,
} from '@cckm/client';
import Table from 'cli-table3';

// No colours (pipes and logs stay clean) and no rule between rows.
const plain = {
  style: { head: [], border: [] },
  chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
};

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function keyValue(rows: [string, string][]): string {
  const table = new Table(plain);
  for (const [key, value] of rows) table.push({ [key]: value });
  return `${table.toString()}\n`;
}

const dash = (value: string | undefined) => (value === undefined || value === '' ? '-' : value);

/** The organizations (Salesforce) or groups (SAP) of a job. */
export function targetsOf(job: SynchronizationJob): string[] {
  return job.cloud === 'sfdc' ? (job.kms ?? []) : (job.groups ?? []);
}

export function jobTable(job: SynchronizationJob): string {
  const rows: [string, string][] = [
    ['id', job.id],
    ['status', job.overall_status],
    ['cloud', job.cloud],
    [job.cloud === 'sfdc' ? 'organizations' : 'groups', targetsOf(job).join('\n')],
    ['created', job.createdAt],
    ['updated', job.updatedAt],
    ['completed', dash(job.completed_at)],
  ];
  if (job.abort) rows.push(['abort requested', 'yes']);
  for (const [target, message] of Object.entries(job.detailed_status ?? {})) rows.push([target, message]);
  return keyValue(rows);
}

export function jobListTable(jobs: readonly SynchronizationJob[], page?: SynchronizationJobList): string {
  const table = new Table({
    ...plain,
    head: ['ID', 'STATUS', 'ORGANIZATIONS', 'CREATED', 'COMPLETED'],
  });
  for (const job of jobs) {
    table.push([
      job.id,
      job.overall_status,
      targetsOf(job).join('\n'),
      job.createdAt,
      dash(job.completed_at),
    ]);
  }
  const footer = page
    ? jobs.length === 0
      ? `No jobs (total ${page.total}).`
      : `Jobs ${page.skip + 1}-${page.skip + jobs.length} of ${page.total}.`
    : `${jobs.length} jobs.`;
  return `${table.toString()}\n${footer}\n`;
}

export function secretTable(secret: TenantSecret): string {
  return keyValue([
    ['id', secret.id],
    ['name', secret.name],
    ['organization', `${secret.sfdc_org_id} (${secret.organization_id})`],
    ['status', dash(secret.sfdc_params?.Status)],
    ['type', dash(secret.sfdc_params?.Type)],
    ['version', dash(secret.sfdc_params?.Version?.toString())],
    ['updated', secret.updatedAt],
    ['backup', 'deleted'],
  ]);
}

export function organizationTable(organization: SalesforceOrganization): string {
  return keyValue([
    ['id', organization.id],
    ['name', organization.name],
    ['organization_id', organization.organization_id],
    ['connection', organization.connection],
    ['type', dash(organization.type)],
    ['updated', organization.updatedAt],
  ]);
}

const WAIT_TITLES: Record<CckmWaitError['kind'], string> = {
  timeout: 'Wait timed out',
  'not-found': 'Job not found',
  'not-observable': 'Job not observable',
  aborted: 'Wait stopped',
};

/** A failure as `title: detail`, then one line per field error, then the hint if there is one. */
export function failureLines(
  error: CckmProblemError | CckmRequestError | CckmWaitError,
  hint?: string,
): string {
  const lines: string[] = [];
  if (error instanceof CckmWaitError) lines.push(`${WAIT_TITLES[error.kind]}: ${error.message}`);
  else if (error instanceof CckmRequestError) lines.push(`${error.title}: ${error.detail}`);
  else {
    lines.push(error.detail ? `${error.title}: ${error.detail}` : `${error.title} (HTTP ${error.status})`);
    for (const field of error.errors) lines.push(`  ${field.path}: ${field.message}`);
  }
  if (hint) lines.push(hint);
  return `${lines.join('\n')}\n`;
}

/** Problem types of the failures cckm itself reports (tag: URIs, as the server's are). */
const CLI_PROBLEM_TYPE = 'tag:cckm-contract.github.io,2026:cli:';

/**
 * A failure as one RFC 9457 problem in JSON (for --json): the server's problem as it sent it, or
 * one of cckm's own (usage, request and wait failures), with the hint as an extension member.
 */
export function failureJson(
  error: CckmProblemError | CckmRequestError | CckmWaitError | { usage: string },
  hint?: string,
): string {
  let problem: Record<string, unknown>;
  if ('usage' in error)
    problem = { type: `${CLI_PROBLEM_TYPE}usage`, title: 'Usage error', detail: error.usage };
  else if (error instanceof CckmWaitError)
    problem = {
      type: `${CLI_PROBLEM_TYPE}wait-${error.kind}`,
      title: WAIT_TITLES[error.kind],
      detail: error.message,
      job_id: error.jobId,
    };
  else if (error instanceof CckmRequestError)
    problem = {
      type: `${CLI_PROBLEM_TYPE}request-${error.kind}`,
      title: error.title,
      detail: error.detail,
    };
  else problem = { ...error.problem };
  return `${JSON.stringify(hint ? { ...problem, hint } : problem)}\n`;
}

/**
 * A hint when the API root given does not end in /api and the answer suggests the path is wrong
 * (a 404, or a success that was not JSON): the server serves the API under /api.
 */
export function apiRootHint(baseUrl: string | undefined, status: number | 'not-json'): string | undefined {
  if (!baseUrl || (status !== 404 && status !== 'not-json')) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/api')) return undefined;
  return `Hint: the API root ends in /api (e.g. ${url.origin}${path}/api)`;
}
