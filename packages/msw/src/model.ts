// An in-memory model of the CCKM domain that behaves like the server, for MSW handlers: jobs are
// created `in_progress`, appear in the list in the same shape, and finish organization by
// organization on a clock the test moves (`model.clock.advance(ms)`); nothing runs on timers, a
// job's state is computed from the clock whenever it is read. One job in progress per
// organization (a second sync answers 409 with `job_id`), a backup deleted once (then 404), a
// PATCH that switches the organization's connection. The demo data is the server's demo domain
// (organizations Thales and Thales Europe, three SAP groups, a destroyed and an active tenant
// secret, five connections); the records' shapes are the contract's named examples with this
// model's values in them. Scenarios carry the sandbox's names (`pnpm mock --stateful`).
import {
  openapiDocument,
  type SalesforceOrganization,
  type SapSynchronizationJob,
  type SfdcSynchronizationJob,
  type SynchronizationJob,
  type SynchronizationJobList,
  type SynchronizationJobSortKey,
  type TenantSecret,
} from '@cckm/api-types';
import type { ProblemSpec } from './contract-checks.ts';

export const SCENARIO_NAMES = [
  'slow-jobs',
  'salesforce-unreachable',
  'salesforce-token-refused',
  'salesforce-rate-limited',
  'clouds-down',
  'job-timeout',
  'job-running',
  'patch-refused',
  'patch-timeout',
  'empty-domain',
  'many-jobs',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const DEMO = {
  organizations: [
    { id: '2473e846-31a8-4ee6-8299-17025548b4e2', organizationId: '00DB000000040bIMAQ', name: 'Thales' },
    {
      id: 'ce0ffe4b-fbda-4e87-88af-4b9b4e6484f9',
      organizationId: '00DB000000012ABCDE',
      name: 'Thales Europe',
    },
  ],
  sapGroups: [
    '3e732d57-5ea1-491f-b238-9f4a39a9566f',
    'c4e5bd34-af39-4027-9058-6f1a4bb3519d',
    '00RT000000060vKLOP',
  ],
  connections: {
    'sfdc-connection': 'sfdc',
    'new-sfdc-connection': 'sfdc',
    'other-sfdc-connection': 'sfdc',
    'expired-sfdc-connection': 'sfdc',
    'sap-dc-connection': 'sap',
  } as Record<string, 'sfdc' | 'sap'>,
  destroyedSecretId: '912c7e4d-121e-42bc-ba28-33005cc665cf',
  activeSecretId: '5c1f0b3e-8a53-4e0a-9d1c-2b7f4f0e6a11',
} as const;

/** The failing organization of the failure scenarios, as in the sandbox: Thales. */
const FAILING_ORGANIZATION = '00DB000000040bIMAQ';

const FAILURES: Partial<Record<ScenarioName, string>> = {
  'salesforce-unreachable': 'Salesforce could not be reached: the connection was reset',
  'salesforce-token-refused': 'Salesforce refused the login: authentication failure',
  'salesforce-rate-limited': 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded',
};

export interface ModelClock {
  now(): number;
  /** Moves the clock on; jobs whose time has come finish. */
  advance(ms: number): void;
  set(ms: number | Date): void;
}

export interface CckmModelOptions {
  /**
   * The clock's start (default 2026-01-01T00:00:00Z), or `system`: the clock follows the system's
   * (in a browser, where nobody moves it; `advance` still adds to it).
   */
  now?: number | Date | 'system';
  /** How long a job takes on the model's clock (default 1 s; `slow-jobs` 20 s). */
  jobDurationMs?: number;
  /** How long a `slow-jobs` job takes (default 20 s), organizations finishing one by one. */
  slowJobDurationMs?: number;
  /** A job not done by then fails its unfinished organizations (default: 30 s after it starts). */
  jobDeadlineMs?: number;
  /** Finished jobs in the `many-jobs` domain (default 5,000). */
  manyJobs?: number;
  /** A scenario for every request (else only per request, with `Prefer: scenario=<name>`). */
  scenario?: ScenarioName;
}

interface Target {
  key: string;
  finishesAtMs: number;
  message: string;
  failed: boolean;
}

interface JobRecord {
  id: string;
  cloud: 'sfdc' | 'sap';
  createdAtMs: number;
  kms: string[];
  targets: Target[];
  deadlineAtMs: number;
}

interface Domain {
  jobs: JobRecord[];
  organizations: {
    id: string;
    organizationId: string;
    name: string;
    connection: string;
    updatedAtMs: number;
  }[];
  secrets: Map<string, 'DESTROYED' | 'ACTIVE' | 'DELETED'>;
  sapGroups: string[];
}

export class ModelProblem extends Error {
  constructor(readonly problem: ProblemSpec) {
    super(problem.detail);
  }
}

const examples = openapiDocument.components.examples;
const exampleValue = <T>(name: string): T => structuredClone(examples[name]?.value) as T;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

/** A UUID version 7 from the model's clock and a counter: time-ordered, like the server's. */
function idMaker() {
  let counter = 0;
  return (ms: number) => {
    counter += 1;
    const hex = ms.toString(16).padStart(12, '0').slice(-12);
    const tail = counter.toString(16).padStart(15, '0').slice(-15);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${tail.slice(0, 3)}-8${tail.slice(3, 6)}-${tail.slice(6, 15)}${'0'.repeat(3)}`;
  };
}

export function createCckmModel(options: CckmModelOptions = {}) {
  const system = options.now === 'system';
  const start = options.now === undefined ? Date.UTC(2026, 0, 1) : system ? Date.now() : Number(options.now);
  // The clock is a base plus what the test added; with `system`, the base moves with the system's.
  let baseMs = start;
  let addedMs = 0;
  const clock: ModelClock = {
    now: () => (system ? Date.now() : baseMs) + addedMs,
    advance: (ms) => {
      addedMs += ms;
    },
    set: (ms) => {
      baseMs = Number(ms);
      addedMs = system ? baseMs - Date.now() : 0;
    },
  };
  const nextId = idMaker();
  const jobDurationMs = options.jobDurationMs ?? 1_000;
  const slowJobDurationMs = options.slowJobDurationMs ?? 20_000;
  const deadlineMs = options.jobDeadlineMs ?? 30_000;
  let runScenario = options.scenario;
  const domains = new Map<string, Domain>();

  function demoDomain(): Domain {
    return {
      jobs: [],
      organizations: DEMO.organizations.map((o) => ({
        ...o,
        connection: 'sfdc-connection',
        updatedAtMs: start,
      })),
      secrets: new Map([
        [DEMO.destroyedSecretId, 'DESTROYED'],
        [DEMO.activeSecretId, 'ACTIVE'],
      ]),
      sapGroups: [...DEMO.sapGroups],
    };
  }

  function manyJobsDomain(): Domain {
    const domain = demoDomain();
    const count = options.manyJobs ?? 5_000;
    for (let i = 0; i < count; i += 1) {
      const createdAtMs = start - (count - i) * 60_000;
      const kms = [DEMO.organizations[i % 2]?.organizationId as string];
      domain.jobs.push({
        id: nextId(createdAtMs),
        cloud: 'sfdc',
        createdAtMs,
        kms,
        deadlineAtMs: createdAtMs + deadlineMs,
        targets: kms.map((key) => ({
          key,
          finishesAtMs: createdAtMs + 500,
          failed: i % 10 === 9,
          message:
            i % 10 === 9 ? (FAILURES['salesforce-unreachable'] as string) : 'synchronized 4 tenant secrets',
        })),
      });
    }
    return domain;
  }

  function domainFor(scenario: ScenarioName | undefined): Domain {
    const name = scenario === 'empty-domain' ? 'empty' : scenario === 'many-jobs' ? 'many' : 'demo';
    let domain = domains.get(name);
    if (!domain) {
      domain =
        name === 'empty'
          ? { jobs: [], organizations: [], secrets: new Map(), sapGroups: [] }
          : name === 'many'
            ? manyJobsDomain()
            : demoDomain();
      domains.set(name, domain);
    }
    return domain;
  }

  function statusOf(job: JobRecord, at: number) {
    const timedOut = at >= job.deadlineAtMs;
    const done = job.targets.map((t) =>
      t.finishesAtMs <= at
        ? t
        : timedOut
          ? {
              ...t,
              finishesAtMs: job.deadlineAtMs,
              failed: true,
              message: `Not synchronized: the job did not finish within ${Math.round((job.deadlineAtMs - job.createdAtMs) / 1000)} s`,
            }
          : undefined,
    );
    const finished = done.filter((t): t is Target => t !== undefined);
    const allDone = finished.length === job.targets.length;
    const overall: SynchronizationJob['overall_status'] = !allDone
      ? 'in_progress'
      : finished.every((t) => t.failed)
        ? 'failed'
        : 'completed';
    const lastMs = Math.max(job.createdAtMs, ...finished.map((t) => t.finishesAtMs));
    return { overall, finished, lastMs };
  }

  function render(job: JobRecord): SynchronizationJob {
    const { overall, finished, lastMs } = statusOf(job, clock.now());
    const base =
      job.cloud === 'sfdc'
        ? exampleValue<SfdcSynchronizationJob>('SfdcSyncJobStarted')
        : exampleValue<SapSynchronizationJob>('SapSyncJobStarted');
    return {
      ...base,
      id: job.id,
      uri: `kylo:kylo:cckm:synchronize:${job.id}`,
      createdAt: iso(job.createdAtMs),
      updatedAt: iso(lastMs),
      ...(overall === 'in_progress' ? {} : { completed_at: iso(lastMs) }),
      overall_status: overall,
      ...(finished.length > 0
        ? { detailed_status: Object.fromEntries(finished.map((t) => [t.key, t.message])) }
        : {}),
      ...(job.cloud === 'sfdc' ? { kms: [...job.kms] } : { groups: job.targets.map((t) => t.key) }),
      cloud: job.cloud,
      abort: false,
    } as SynchronizationJob;
  }

  function runningJobFor(domain: Domain, cloud: 'sfdc' | 'sap', keys: string[]) {
    for (const job of domain.jobs) {
      if (job.cloud !== cloud || statusOf(job, clock.now()).overall !== 'in_progress') continue;
      const busy = keys.find((key) => job.targets.some((t) => t.key === key && t.finishesAtMs > clock.now()));
      if (busy) return { job, busy };
    }
    return undefined;
  }

  function startJob(
    domain: Domain,
    cloud: 'sfdc' | 'sap',
    keys: string[],
    scenario: ScenarioName | undefined,
  ) {
    if (scenario === 'job-running') {
      // As in the sandbox: a job the model starts first, running on every target.
      startJob(
        domain,
        cloud,
        cloud === 'sfdc' ? domain.organizations.map((o) => o.organizationId) : domain.sapGroups,
        'slow-jobs',
      );
    }
    const running = runningJobFor(domain, cloud, keys);
    if (running) {
      const what = cloud === 'sfdc' ? 'organization' : 'group';
      throw new ModelProblem({
        kind: 'sync-job-running',
        detail: `Job ${running.job.id} is still synchronizing ${what} ${running.busy}`,
        jobId: running.job.id,
      });
    }
    const slow = scenario === 'slow-jobs';
    const duration = slow ? slowJobDurationMs : jobDurationMs;
    const never = scenario === 'job-timeout';
    const at = clock.now();
    const job: JobRecord = {
      id: nextId(at),
      cloud,
      createdAtMs: at,
      kms: cloud === 'sfdc' ? keys : [],
      deadlineAtMs: at + Math.max(deadlineMs, duration + 1),
      targets: keys.map((key, index) => {
        const failure =
          scenario === 'clouds-down'
            ? 'The cloud answered 503 Service Unavailable'
            : key === FAILING_ORGANIZATION && scenario
              ? FAILURES[scenario]
              : undefined;
        return {
          key,
          finishesAtMs: never
            ? Number.POSITIVE_INFINITY
            : at + Math.round((duration * (index + 1)) / keys.length),
          failed: failure !== undefined,
          message: failure ?? (cloud === 'sfdc' ? 'synchronized 4 tenant secrets' : 'synchronized 12 keys'),
        };
      }),
    };
    domain.jobs.push(job);
    return render(job);
  }

  const model = {
    clock,
    /** The scenario of every request (undefined: none). */
    useScenario(scenario: ScenarioName | undefined) {
      runScenario = scenario;
    },
    get scenario() {
      return runScenario;
    },
    /** Back to the demo data, the clock where it is. */
    reset() {
      domains.clear();
    },

    createSfdcJob(
      body: { organization_ids?: string[]; synchronize_all?: boolean },
      scenario: ScenarioName | undefined = runScenario,
    ): SfdcSynchronizationJob {
      const domain = domainFor(scenario);
      if (body.synchronize_all) {
        if (domain.organizations.length === 0) {
          throw new ModelProblem({
            kind: 'unknown-organization',
            detail: 'There is no Salesforce organization in this domain to synchronize',
          });
        }
        return startJob(
          domain,
          'sfdc',
          domain.organizations.map((o) => o.organizationId),
          scenario,
        ) as SfdcSynchronizationJob;
      }
      const keys: string[] = [];
      for (const reference of body.organization_ids ?? []) {
        const found = domain.organizations.find(
          (o) => o.id === reference.toLowerCase() || o.organizationId === reference,
        );
        if (!found) {
          throw new ModelProblem({
            kind: 'unknown-organization',
            detail: `No Salesforce organization ${reference} in this domain`,
          });
        }
        if (!keys.includes(found.organizationId)) keys.push(found.organizationId);
      }
      return startJob(domain, 'sfdc', keys, scenario) as SfdcSynchronizationJob;
    },

    createSapJob(
      body: { groups?: string[]; synchronize_all?: boolean },
      scenario: ScenarioName | undefined = runScenario,
    ): SapSynchronizationJob {
      const domain = domainFor(scenario);
      if (body.synchronize_all) {
        if (domain.sapGroups.length === 0) {
          throw new ModelProblem({
            kind: 'unknown-group',
            detail: 'There is no SAP group in this domain to synchronize',
          });
        }
        return startJob(domain, 'sap', [...domain.sapGroups], scenario) as SapSynchronizationJob;
      }
      for (const group of body.groups ?? []) {
        if (!domain.sapGroups.includes(group)) {
          throw new ModelProblem({ kind: 'unknown-group', detail: `No SAP group ${group} in this domain` });
        }
      }
      return startJob(domain, 'sap', [...new Set(body.groups ?? [])], scenario) as SapSynchronizationJob;
    },

    listSfdcJobs(
      query: {
        id?: string;
        overall_status?: string;
        organizations?: string[];
        skip?: number;
        limit?: number;
        sort?: SynchronizationJobSortKey[];
      },
      scenario: ScenarioName | undefined = runScenario,
    ): SynchronizationJobList {
      const domain = domainFor(scenario);
      const skip = query.skip ?? 0;
      const limit = query.limit ?? 20;
      const organizationIds = (query.organizations ?? []).map(
        (reference) =>
          domain.organizations.find((o) => o.id === reference.toLowerCase())?.organizationId ?? reference,
      );
      let jobs = domain.jobs
        .filter((job) => job.cloud === 'sfdc')
        .filter((job) => query.id === undefined || job.id === query.id.toLowerCase())
        .map(render)
        .filter((job) => query.overall_status === undefined || job.overall_status === query.overall_status)
        .filter(
          (job) =>
            organizationIds.length === 0 ||
            (job as SfdcSynchronizationJob).kms.some((k) => organizationIds.includes(k)),
        );
      const sort = query.sort && query.sort.length > 0 ? query.sort : (['-createdAt'] as const);
      jobs = jobs.sort((a, b) => {
        for (const key of sort) {
          const field = key.replace(/^-/, '') as
            | 'createdAt'
            | 'updatedAt'
            | 'completed_at'
            | 'overall_status';
          const direction = key.startsWith('-') ? -1 : 1;
          const left = a[field] ?? '';
          const right = b[field] ?? '';
          if (left !== right) return left < right ? -direction : direction;
        }
        return a.id < b.id ? 1 : -1;
      });
      return {
        skip,
        limit,
        total: jobs.length,
        resources: jobs.slice(skip, skip + limit) as SfdcSynchronizationJob[],
      };
    },

    deleteBackup(id: string, scenario: ScenarioName | undefined = runScenario): TenantSecret {
      const domain = domainFor(scenario);
      const state = domain.secrets.get(id.toLowerCase());
      if (state === undefined || state === 'DELETED') {
        throw new ModelProblem({ kind: 'not-found', detail: `No tenant secret ${id}` });
      }
      if (state !== 'DESTROYED') {
        throw new ModelProblem({
          kind: 'secret-not-destroyed',
          detail: `The backup of tenant secret ${id} can only be deleted once the secret is DESTROYED; its status is ${state}`,
        });
      }
      domain.secrets.set(id.toLowerCase(), 'DELETED');
      const record = exampleValue<TenantSecret>('DeletedTenantSecretBackup');
      return { ...record, id: id.toLowerCase(), uri: `kylo:kylo:cckm:Tenant_Secret:${id.toLowerCase()}` };
    },

    updateOrganization(
      id: string,
      body: { connection: string },
      scenario: ScenarioName | undefined = runScenario,
    ): SalesforceOrganization {
      const domain = domainFor(scenario);
      const organization = domain.organizations.find((o) => o.id === id.toLowerCase());
      if (!organization)
        throw new ModelProblem({ kind: 'not-found', detail: `No Salesforce organization ${id}` });
      const cloud = DEMO.connections[body.connection];
      if (!cloud) {
        throw new ModelProblem({
          kind: 'connection-not-found',
          detail: `No connection named ${body.connection}`,
        });
      }
      if (cloud !== 'sfdc') {
        throw new ModelProblem({
          kind: 'connection-not-salesforce',
          detail: `Connection ${body.connection} is a ${cloud} connection, not a Salesforce one`,
        });
      }
      if (scenario === 'patch-refused' || body.connection === 'expired-sfdc-connection') {
        throw new ModelProblem({
          kind: 'connection-cannot-reach-organization',
          detail: `Through connection ${body.connection}, Salesforce refused the login`,
        });
      }
      if (scenario === 'patch-timeout') {
        throw new ModelProblem({
          kind: 'cloud-timeout',
          detail: 'Salesforce did not answer within 3 s; the organization was not changed',
        });
      }
      organization.connection = body.connection;
      organization.updatedAtMs = clock.now();
      const record = exampleValue<SalesforceOrganization>('UpdatedOrganization');
      return {
        ...record,
        id: organization.id,
        uri: `kylo:kylo:cckm:sfdc-organization:${organization.id}`,
        updatedAt: iso(clock.now()),
        name: organization.name,
        organization_id: organization.organizationId,
        connection: organization.connection,
      };
    },

    /** The connection an organization is reached through now (for tests). */
    connectionOf(
      organizationId: string,
      scenario: ScenarioName | undefined = runScenario,
    ): string | undefined {
      return domainFor(scenario).organizations.find(
        (o) => o.id === organizationId || o.organizationId === organizationId,
      )?.connection;
    },
  };
  return model;
}

export type CckmModel = ReturnType<typeof createCckmModel>;
