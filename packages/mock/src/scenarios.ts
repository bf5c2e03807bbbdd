// The sandbox's scenarios: what a frontend needs to build its screens, caused for real. Each one
// uses the fake clouds' fault API (latency, hold, server errors, request limits, expired sessions,
// reset connections), a domain of its own, or a job the sandbox starts first; the real server then
// does what it does. A scenario applies to the whole run (`--scenario`) or to one request
// (`Prefer: scenario=<name>`): for a request that starts a job, until that job has finished; for
// a PATCH, until its answer; a domain scenario, to that request.
import type { FaultApi, FaultHandle } from '@cckm/fake-clouds';

/** The demo's Salesforce organizations and SAP groups (the fake clouds' seed). */
export const THALES = '00DB000000040bIMAQ';
export const THALES_EUROPE = '00DB000000012ABCDE';
const SALESFORCE_ORGANIZATIONS = [THALES, THALES_EUROPE];
const SAP_GROUPS = [
  '3e732d57-5ea1-491f-b238-9f4a39a9566f',
  'c4e5bd34-af39-4027-9058-6f1a4bb3519d',
  '00RT000000060vKLOP',
];

/** The domain every token acts in, unless a scenario picks another (the demo data's). */
export const DEMO_DOMAIN = '00000000-0000-0000-0000-000000000000';
/** A domain with nothing in it. */
export const EMPTY_DOMAIN = '00000000-0000-4000-8000-00000000e0e0';
/** A domain with 5,000 finished jobs. */
export const MANY_JOBS_DOMAIN = '00000000-0000-4000-8000-000000005000';

export interface ScenarioContext {
  faults: FaultApi;
  /** How long a job takes in `slow-jobs` (`--job-duration`). */
  jobDurationMs: number;
  /**
   * Starts a job in the domain; resolves once the server has answered 201, or 409 (one already
   * runs there).
   */
  startJob(domainId: string, cloud: 'sfdc' | 'sap', body: unknown): Promise<void>;
}

/** What a scenario did, to be undone. */
export interface Applied {
  /** The domain tokens act in while it applies, if it picks one. */
  domainId?: string;
  undo(): void;
}

export interface Scenario {
  name: string;
  /** One line for `--help` and the README's table. */
  description: string;
  /** What it changes: the jobs started under it, a PATCH, or the domain a token sees. */
  affects: 'jobs' | 'patch' | 'domain' | 'create';
  apply(context: ScenarioContext): Promise<Applied>;
}

const undoAll = (handles: FaultHandle[]) => () => {
  for (const handle of handles) handle.remove();
};

/** Faults that stay until undone. */
const faulting =
  (rules: (context: ScenarioContext) => FaultHandle[]) =>
  async (context: ScenarioContext): Promise<Applied> => ({ undo: undoAll(rules(context)) });

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'slow-jobs',
    description:
      'jobs take --job-duration (default 20s): in_progress meanwhile, organizations and groups finish one by one',
    affects: 'jobs',
    apply: faulting(({ faults, jobDurationMs }) => [
      ...SALESFORCE_ORGANIZATIONS.map((organizationId, index) =>
        faults.latency(Math.round((jobDurationMs * (index + 1)) / SALESFORCE_ORGANIZATIONS.length), {
          endpoint: 'salesforce.query',
          organizationId,
        }),
      ),
      ...SAP_GROUPS.map((groupId, index) =>
        faults.latency(Math.round((jobDurationMs * (index + 1)) / SAP_GROUPS.length), {
          endpoint: 'sap.keys',
          groupId,
        }),
      ),
    ]),
  },
  {
    name: 'salesforce-unreachable',
    description: `one organization (Thales, ${THALES}) cannot be reached: its connections are reset`,
    affects: 'jobs',
    apply: faulting(({ faults }) => [faults.inject({ organizationId: THALES, fault: { kind: 'reset' } })]),
  },
  {
    name: 'salesforce-token-refused',
    description:
      'Salesforce refuses the login of one organization (Thales): its session ends, the new login fails',
    affects: 'jobs',
    apply: faulting(({ faults }) => [
      faults.inject({
        endpoint: ['salesforce.query', 'salesforce.queryMore'],
        organizationId: THALES,
        fault: { kind: 'expire-session' },
      }),
      faults.inject({
        endpoint: 'salesforce.token',
        organizationId: THALES,
        fault: { kind: 'refuse-login', description: 'expired access/refresh token' },
      }),
    ]),
  },
  {
    name: 'salesforce-rate-limited',
    description: 'one organization (Thales) is over its daily API request limit (REQUEST_LIMIT_EXCEEDED)',
    affects: 'jobs',
    apply: faulting(({ faults }) => [
      faults.inject({
        endpoint: ['salesforce.query', 'salesforce.queryMore'],
        organizationId: THALES,
        fault: { kind: 'request-limit', limit: 'daily' },
      }),
    ]),
  },
  {
    name: 'clouds-down',
    description:
      'every Salesforce and SAP call answers 503: every organization and group fails, the job is failed',
    affects: 'jobs',
    apply: faulting(({ faults }) => [faults.inject({ fault: { kind: 'server-error', status: 503 } })]),
  },
  {
    name: 'job-timeout',
    description:
      'the clouds never answer: the job stays in_progress, then fails at its deadline (--job-deadline)',
    affects: 'jobs',
    apply: async ({ faults }) => {
      const held = faults.hold();
      return { undo: () => held.release() };
    },
  },
  {
    name: 'job-running',
    description: 'a job is already running on every organization and group: starting one answers 409',
    affects: 'create',
    apply: async (context) => {
      const held = context.faults.hold();
      try {
        await context.startJob(DEMO_DOMAIN, 'sfdc', { synchronize_all: true });
        await context.startJob(DEMO_DOMAIN, 'sap', { synchronize_all: true });
      } catch (error) {
        held.release();
        throw error;
      }
      return { undo: () => held.release() };
    },
  },
  {
    name: 'patch-refused',
    description: 'switching a connection: Salesforce refuses the login, PATCH answers 422',
    affects: 'patch',
    apply: faulting(({ faults }) => [
      faults.inject({ endpoint: ['salesforce.query'], fault: { kind: 'expire-session' } }),
      faults.inject({ endpoint: 'salesforce.token', fault: { kind: 'server-error', status: 400 } }),
    ]),
  },
  {
    name: 'patch-timeout',
    description: 'switching a connection: Salesforce does not answer, PATCH answers 504 after 3 s',
    affects: 'patch',
    apply: async ({ faults }) => {
      const held = faults.hold({ endpoint: ['salesforce.token', 'salesforce.query'] });
      return { undo: () => held.release() };
    },
  },
  {
    name: 'empty-domain',
    description: 'the token acts in a domain with no organization, group or job',
    affects: 'domain',
    apply: async () => ({ domainId: EMPTY_DOMAIN, undo: () => {} }),
  },
  {
    name: 'many-jobs',
    description:
      'the token acts in a domain with 5,000 finished jobs (--many-jobs), filled at its first use (about 20 s)',
    affects: 'domain',
    apply: async () => ({ domainId: MANY_JOBS_DOMAIN, undo: () => {} }),
  },
];

export const SCENARIO_NAMES = SCENARIOS.map((scenario) => scenario.name);

export function scenarioNamed(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}

/** The scenarios as a table: for `--help` (text) and the README (Markdown). */
export function scenarioTable(format: 'text' | 'markdown'): string {
  if (format === 'markdown') {
    // Padded as the repository's formatter writes Markdown tables.
    const rows = SCENARIOS.map((scenario) => [`\`${scenario.name}\``, scenario.description] as const);
    const first = Math.max('Scenario'.length, ...rows.map(([name]) => name.length));
    const second = Math.max('What happens'.length, ...rows.map(([, description]) => description.length));
    const row = (a: string, b: string) => `| ${a.padEnd(first)} | ${b.padEnd(second)} |`;
    return [
      row('Scenario', 'What happens'),
      `| ${'-'.repeat(first)} | ${'-'.repeat(second)} |`,
      ...rows.map(([name, description]) => row(name, description)),
    ].join('\n');
  }
  const width = Math.max(...SCENARIO_NAMES.map((name) => name.length));
  return SCENARIOS.map((scenario) => `  ${scenario.name.padEnd(width)}  ${scenario.description}`).join('\n');
}
