// `--dynamic`: Prism picks the response (status, headers, and with `Prefer: code=...` an error);
// its generated success bodies are then made to fit the request, which Prism cannot do on its own
// (it fills a schema, whatever the query said). Every object has exactly the properties its schema
// declares (response schemas are open for the tolerant reader, but an extra field the server
// never sends teaches a frontend nothing); IDs look like the key manager's (UUID version 7) and
// Salesforce's (18 characters, key prefix and case-safe suffix); time stamps lie in the last weeks,
// in the contract's two forms; a job's shape follows its `cloud` (the discriminator); a list page
// honours `skip`, `limit`, `sort` and the filters.
//
// Pages are cut from one list per filter, made from the seed (`--seed`, `Prefer: seed=...`, else
// one chosen at start), so paging through them is consistent: page 2 continues page 1, and
// `total` is the same on both.
import { createHash } from 'node:crypto';
import type {
  OverallStatus,
  SalesforceOrganization,
  SapSynchronizationJob,
  SfdcSynchronizationJob,
  SynchronizationJob,
  SynchronizationJobList,
  TenantSecret,
} from '@cckm/api-types';

export type Random = () => number;

/** A deterministic generator (mulberry32) seeded from any text. */
export function seededRandom(...seed: string[]): Random {
  let state = createHash('sha256').update(seed.join('\u0000')).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const integer = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** An 18-character Salesforce ID: key prefix, instance, a reserved 0, a base-62 counter, case-safe suffix. */
export function salesforceId(prefix: '00D' | '005' | '02G', random: Random): string {
  let id = `${prefix}${pick(random, ['8d', 'B0', '5g', 'Hn', '3h', '19'])}0`;
  while (id.length < 15) id += id.length < 9 ? '0' : pick(random, [...BASE62]);
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      const char = id.charAt(chunk + position);
      if (char >= 'A' && char <= 'Z') bits += 1 << position;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return id + suffix;
}

const hex = (random: Random, digits: number) =>
  Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');

/** A UUID version 7 for a creation time, as the key manager makes its resource IDs (decision 0077). */
export function uuidV7(ms: number, random: Random): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

/** The key manager's time stamp: RFC 3339 in UTC with microseconds (`...:56.701039Z`). */
export function resourceTimestamp(ms: number, random: Random): string {
  return new Date(Math.floor(ms))
    .toISOString()
    .replace('Z', `${integer(random, 0, 999).toString().padStart(3, '0')}Z`);
}

/** Salesforce's own form, `2021-08-19T14:46:44.000+0000`. */
export function salesforceDateTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace('Z', '+0000');
}

const ACCOUNT = 'kylo:kylo:admin:accounts:kylo';
const APPLICATION = 'ncryptify:gemalto:admin:apps:kylo';
const DEV_ACCOUNT = 'ncryptify:gemalto:admin:accounts:gemalto';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FAILURES = [
  'Salesforce refused the login: invalid_grant (user hasn’t approved this consumer)',
  'Salesforce did not answer in time',
  'Salesforce request limit exceeded (REQUEST_LIMIT_EXCEEDED)',
  'could not reach Salesforce: connection refused',
];
const SAP_FAILURES = ['SAP Data Custodian did not answer in time', 'SAP refused the login: 401 UNAUTHORIZED'];

/** What a generated answer is made to fit: the request as the mock received it. */
export interface GeneratedRequest {
  operationId: string;
  /** The path's `{id}`, when it has one. */
  pathId?: string;
  query: URLSearchParams;
  body: unknown;
  /** The run's seed, or the request's `Prefer: seed=...`. */
  seed: string;
  nowMs: number;
}

/** A stable Salesforce organization ID for a name (a UUID the request used, or a pool slot). */
const organizationFor = (seed: string, name: string) =>
  name.startsWith('00D') ? name : salesforceId('00D', seededRandom(seed, 'organization', name));

/** A handful of organizations and SAP groups a domain has, the same for the whole run. */
function organizationPool(seed: string): string[] {
  return [
    '00DB000000040bIMAQ',
    '00DB000000012ABCDE',
    ...[0, 1, 2, 3].map((n) => organizationFor(seed, `pool-${n}`)),
  ];
}
const SAP_GROUPS = [
  '3e732d57-5ea1-491f-b238-9f4a39a9566f',
  'c4e5bd34-af39-4027-9058-6f1a4bb3519d',
  '00RT000000060vKLOP',
];

function sample<T>(random: Random, items: readonly T[], min: number, max: number): T[] {
  const pool = [...items];
  const count = Math.min(pool.length, integer(random, min, max));
  const chosen: T[] = [];
  while (chosen.length < count) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  return chosen;
}

interface JobOptions {
  cloud: 'sfdc' | 'sap';
  createdMs: number;
  nowMs: number;
  status: OverallStatus;
  targets: string[];
  random: Random;
}

/** A job of either cloud with the fields the contract declares, consistent with its status. */
export function realisticJob(options: JobOptions): SynchronizationJob {
  const { cloud, createdMs, nowMs, status, targets, random } = options;
  const id = uuidV7(createdMs, random);
  const finished = status !== 'in_progress';
  const updatedMs = finished
    ? Math.min(nowMs, createdMs + integer(random, 400, 90_000))
    : Math.min(nowMs, createdMs + integer(random, 0, 5_000));
  const handled = finished ? targets : targets.slice(0, integer(random, 0, targets.length - 1));
  const failures = cloud === 'sap' ? SAP_FAILURES : FAILURES;
  const failing = (index: number) =>
    status === 'failed' || (status === 'completed' && index > 0 && random() < 0.2);
  const success = () =>
    cloud === 'sap'
      ? `synchronized ${integer(random, 1, 40)} keys`
      : `synchronized ${integer(random, 1, 12)} tenant secrets`;
  const common = {
    id,
    uri: `kylo:kylo:cckm:synchronize:${id}`,
    account: ACCOUNT,
    application: APPLICATION,
    devAccount: DEV_ACCOUNT,
    createdAt: resourceTimestamp(createdMs, random),
    updatedAt: resourceTimestamp(updatedMs, random),
    ...(finished ? { completed_at: resourceTimestamp(updatedMs, random) } : {}),
    overall_status: status,
    ...(handled.length > 0
      ? {
          detailed_status: Object.fromEntries(
            handled.map((target, index) => [target, failing(index) ? pick(random, failures) : success()]),
          ),
        }
      : {}),
    abort: false,
  };
  return cloud === 'sfdc'
    ? ({ ...common, cloud: 'sfdc', kms: targets } satisfies SfdcSynchronizationJob)
    : ({ ...common, cloud: 'sap', groups: targets } satisfies SapSynchronizationJob);
}

/** The list's filters and the keys they make (the same list for every page of one filter). */
function listFilter(query: URLSearchParams) {
  const id = query.get('id') ?? undefined;
  const status = (query.get('overall_status') ?? undefined) as OverallStatus | undefined;
  const organizations = (query.get('organizations') ?? '').split(',').filter(Boolean);
  const key = JSON.stringify([id ?? '', status ?? '', [...organizations].sort()]);
  return { id, status, organizations, key };
}

type SortField = 'createdAt' | 'updatedAt' | 'completed_at' | 'overall_status';

/** Orders jobs as the server does: by the keys, then by `id` in the last key's direction. */
export function sortJobs(jobs: SynchronizationJob[], sort: readonly string[]): SynchronizationJob[] {
  const keys = [...new Map(sort.map((key) => [key.replace(/^-/, ''), key.startsWith('-')])).entries()] as [
    SortField,
    boolean,
  ][];
  const lastDescending = keys.at(-1)?.[1] ?? true;
  return [...jobs].sort((a, b) => {
    for (const [field, descending] of keys) {
      const x = a[field];
      const y = b[field];
      if (x === y) continue;
      // Absent (a job in progress has no completed_at): after the others ascending, before them descending.
      if (x === undefined) return descending ? -1 : 1;
      if (y === undefined) return descending ? 1 : -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    }
    const order = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return lastDescending ? -order : order;
  });
}

/** The page of the list the request asks for: every job matches the filters, in the asked order. */
export function jobListPage(
  request: GeneratedRequest,
  cloud: 'sfdc' | 'sap' = 'sfdc',
): SynchronizationJobList {
  const { query, seed, nowMs } = request;
  const skip = Number(query.get('skip') ?? 0);
  const limit = Number(query.get('limit') ?? 10);
  const sort = (query.get('sort') ?? '-createdAt').split(',').filter(Boolean);
  const filter = listFilter(query);
  const random = seededRandom(seed, 'list', filter.key);
  // One in ten filters matches nothing; an ID matches one job; otherwise up to 240 jobs.
  const total = filter.id ? 1 : random() < 0.1 ? 0 : integer(random, 1, 240);
  const pool = cloud === 'sfdc' ? organizationPool(seed) : SAP_GROUPS;
  const wanted = filter.organizations.map((name) => organizationFor(seed, name));
  let createdMs = nowMs - integer(random, 0, 10 * MINUTE);
  const jobs: SynchronizationJob[] = [];
  for (let index = 0; index < total; index += 1) {
    const status =
      filter.status ??
      (index < 2 && random() < 0.5
        ? 'in_progress'
        : pick(random, ['completed', 'completed', 'completed', 'failed']));
    const targets = sample(random, pool, 1, 3);
    if (wanted.length > 0 && !targets.some((target) => wanted.includes(target)))
      targets[0] = pick(random, wanted);
    const job = realisticJob({ cloud, createdMs, nowMs, status, targets: [...new Set(targets)], random });
    jobs.push(filter.id ? { ...job, id: filter.id, uri: `kylo:kylo:cckm:synchronize:${filter.id}` } : job);
    createdMs -= integer(random, 2 * MINUTE, DAY / 2);
  }
  // The list holds the jobs of its own cloud only (the Salesforce list, Salesforce jobs).
  const resources = sortJobs(jobs, sort).slice(skip, skip + limit) as SynchronizationJobList['resources'];
  return { skip, limit, total, resources };
}

/** The job a create request starts: in progress, naming what the request named. */
function startedJob(request: GeneratedRequest, cloud: 'sfdc' | 'sap'): SynchronizationJob {
  const random = seededRandom(request.seed, 'created', String(request.nowMs), JSON.stringify(request.body));
  const body = (request.body ?? {}) as { organization_ids?: string[]; groups?: string[] };
  const named = cloud === 'sfdc' ? body.organization_ids : body.groups;
  const targets =
    named && named.length > 0
      ? cloud === 'sfdc'
        ? named.map((name) => organizationFor(request.seed, name))
        : named
      : cloud === 'sfdc'
        ? organizationPool(request.seed)
        : SAP_GROUPS;
  const job = realisticJob({
    cloud,
    createdMs: request.nowMs,
    nowMs: request.nowMs,
    status: 'in_progress',
    targets: [...new Set(targets)],
    random,
  });
  // Just created: nothing handled yet, updated when created.
  const { detailed_status: _none, ...started } = job;
  return { ...started, updatedAt: started.createdAt } as SynchronizationJob;
}

/** The record delete-backup answers: a DESTROYED secret of the path's ID, as it was. */
function deletedSecret(request: GeneratedRequest): TenantSecret {
  const id =
    request.pathId && UUID.test(request.pathId) ? request.pathId : uuidV7(request.nowMs, Math.random);
  const random = seededRandom(request.seed, 'secret', id);
  const organization = pick(random, organizationPool(request.seed));
  const type = pick(random, [
    'Data',
    'SearchIndex',
    'DeterministicData',
    'EventBus',
    'Analytics',
    'Database',
  ] as const);
  const createdMs = request.nowMs - integer(random, 2 * DAY, 60 * DAY);
  const modifiedMs = createdMs + integer(random, MINUTE, DAY);
  const user = salesforceId('005', random);
  const bytes = Buffer.from(Array.from({ length: 48 }, () => integer(random, 0, 255)));
  return {
    id,
    uri: `kylo:kylo:cckm:Tenant_Secret:${id}`,
    account: ACCOUNT,
    createdAt: resourceTimestamp(createdMs + integer(random, MINUTE, 10 * MINUTE), random),
    updatedAt: resourceTimestamp(request.nowMs, random),
    cloud_name: 'sfdc',
    name: `${organization}-${type}`,
    organization_id: uuidV7(createdMs - DAY, random),
    error_msg: '',
    sfdc_params: {
      SalesforceID: salesforceId('02G', random),
      CreatedDate: salesforceDateTime(createdMs),
      CreatedById: user,
      LastModifiedDate: salesforceDateTime(modifiedMs),
      LastModifiedById: user,
      SystemModstamp: salesforceDateTime(modifiedMs),
      SecretValueHash: createHash('sha256').update(bytes).digest('base64'),
      SecretValue: bytes.toString('base64'),
      Version: integer(random, 1, 30),
      Status: 'DESTROYED',
      Source: 'HSM',
      Type: type,
      RemoteKeyCertificate: '',
      RemoteKeyServiceID: '',
      RemoteKeyIdentifier: '',
    },
    sfdc_org_id: organization,
    auto_rotate: false,
    origin: 'native',
  };
}

const ORGANIZATION_NAMES = ['Thales', 'Thales Europe', 'Acme Retail', 'Northwind EMEA', 'Globex Sandbox'];

/** The organization a PATCH answers: the path's ID, now on the connection the request named. */
function switchedOrganization(request: GeneratedRequest): SalesforceOrganization {
  const id =
    request.pathId && UUID.test(request.pathId) ? request.pathId : uuidV7(request.nowMs, Math.random);
  const random = seededRandom(request.seed, 'organization-resource', id);
  const createdMs = request.nowMs - integer(random, 7 * DAY, 400 * DAY);
  const sandbox = random() < 0.25;
  const connection = (request.body as { connection?: string } | undefined)?.connection ?? 'sfdc-connection';
  return {
    id,
    uri: `kylo:kylo:cckm:sfdc-organization:${id}`,
    account: ACCOUNT,
    application: APPLICATION,
    devAccount: DEV_ACCOUNT,
    createdAt: resourceTimestamp(createdMs, random),
    updatedAt: resourceTimestamp(request.nowMs, random),
    name: pick(random, ORGANIZATION_NAMES),
    organization_id: organizationFor(request.seed, id),
    connection,
    cloud_name: 'sfdc',
    type: sandbox ? 'Sandbox' : 'Regular',
  };
}

/**
 * The success body for a generated answer, made to fit the request, and the headers that go with
 * it; undefined for a status this does not shape (errors keep what Prism generated).
 */
export function shapeGenerated(
  request: GeneratedRequest,
  status: number,
): { body: unknown; headers: Record<string, string> } | undefined {
  if (status < 200 || status > 299) return undefined;
  switch (request.operationId) {
    case 'listSfdcSynchronizationJobs':
      return { body: jobListPage(request, 'sfdc'), headers: {} };
    case 'createSfdcSynchronizationJob': {
      const job = startedJob(request, 'sfdc');
      return { body: job, headers: { Location: `/api/v1/cckm/sfdc/keys/synchronization-jobs?id=${job.id}` } };
    }
    case 'createSapSynchronizationJob':
      return { body: startedJob(request, 'sap'), headers: {} };
    case 'deleteSfdcTenantSecretBackup':
      return { body: deletedSecret(request), headers: {} };
    case 'updateSfdcOrganization':
      return { body: switchedOrganization(request), headers: {} };
    default:
      return undefined;
  }
}
