// Fault injection and counters. A rule names where it applies (endpoint, Salesforce organization,
// SAP group: all optional, all must match) and what happens; `after` lets that many matching
// requests through first and `times` bounds how many it hits. Latency rules add up and then let the
// request go on; a hold keeps the request waiting until the test releases it (so a test holds a
// job open on purpose instead of hoping the machine is slow); of the other rules the first that
// matches answers the request.
import type { ServerResponse } from 'node:http';

export type FakeEndpoint =
  | 'salesforce.token'
  | 'salesforce.query'
  | 'salesforce.queryMore'
  | 'sap.auth'
  | 'sap.activate'
  | 'sap.groups'
  | 'sap.keys';

export const FAKE_ENDPOINTS: readonly FakeEndpoint[] = [
  'salesforce.token',
  'salesforce.query',
  'salesforce.queryMore',
  'sap.auth',
  'sap.activate',
  'sap.groups',
  'sap.keys',
];

export type Fault =
  /** Wait this long, then answer normally (or with the next matching fault). */
  | { kind: 'latency'; ms: number }
  /** Wait until the rule's handle is released, then answer normally (or with the next fault). */
  | { kind: 'hold' }
  /** 500 (or the given 5xx) with the cloud's error body. */
  | { kind: 'server-error'; status?: number }
  /**
   * Salesforce: 403 REQUEST_LIMIT_EXCEEDED, for the concurrent long-running requests (default;
   * they clear in seconds) or the 24-hour total (`daily`, with `Sforce-Limit-Info` at its maximum);
   * SAP (which has no such code): 429. No Retry-After unless `retryAfterSeconds` asks for one.
   */
  | { kind: 'request-limit'; limit?: 'concurrent' | 'daily'; retryAfterSeconds?: number }
  /** 429 Too Many Requests. */
  | { kind: 'too-many-requests'; retryAfterSeconds?: number }
  /** Ends the session the request carries, then answers as the cloud does for an ended session. */
  | { kind: 'expire-session' }
  /**
   * Salesforce's token endpoint refuses the login as it does a revoked or unapproved user: 400
   * with the OAuth error `error` (default `invalid_grant`) and `description`. No effect elsewhere.
   */
  | { kind: 'refuse-login'; error?: string; description?: string }
  /** 200 with a JSON body cut in the middle. */
  | { kind: 'malformed-json' }
  /** An HTML error page (503 unless told), as a load balancer or maintenance page answers. */
  | { kind: 'html-error'; status?: number }
  /** A redirect (302 unless told) to `location` (default: the fake's maintenance page). */
  | { kind: 'redirect'; status?: number; location?: string }
  /** Destroys the socket without an answer. */
  | { kind: 'reset' }
  /** Sends the status line, headers and the start of a body, then nothing, forever. */
  | { kind: 'stall' };

export interface FaultRule {
  endpoint?: FakeEndpoint | FakeEndpoint[];
  /** Salesforce organization ID the request is for (from the session or the connected app). */
  organizationId?: string;
  /** SAP group ID the request is for. */
  groupId?: string;
  /** Let this many matching requests through before the rule hits (default 0). */
  after?: number;
  /** Hit at most this many requests (default: all). */
  times?: number;
  fault: Fault;
}

export interface FaultHandle {
  /** Requests this rule has hit so far. */
  readonly hits: number;
  remove(): void;
}

export interface HoldHandle extends FaultHandle {
  /** Resolves once `count` requests (default 1) have been held by this rule. */
  reached(count?: number): Promise<void>;
  /** Lets every held request go on, and every later one through; removes the rule. */
  release(): void;
}

export interface RequestContext {
  endpoint: FakeEndpoint;
  organizationId?: string;
  groupId?: string;
}

export interface FakeStats {
  /** Requests received, per endpoint (unknown paths are not counted). */
  requests: Record<FakeEndpoint, number>;
  inFlight: number;
  peakInFlight: number;
}

export interface FaultApi {
  /** Adds a rule; faults apply in the order they were added. */
  inject(rule: FaultRule): FaultHandle;
  /** Latency for every request (or those `where` selects), as a rule. */
  latency(ms: number, where?: Omit<FaultRule, 'fault'>): FaultHandle;
  /** Holds every request (or those `where` selects) until the handle is released. */
  hold(where?: Omit<FaultRule, 'fault'>): HoldHandle;
  /** Removes every rule. */
  clear(): void;
  readonly stats: FakeStats;
  /** Zeroes the request counters and the peak (not the requests in flight). */
  resetStats(): void;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  hits: number;
  /** For a hold: resolves when released. */
  released?: Promise<void>;
  /** For a hold: called each time it holds a request. */
  onHeld?: () => void;
}

export interface FaultEngine {
  api: FaultApi;
  /** What to do with a request: total latency, then the holds to wait for, then an answering fault. */
  decide(context: RequestContext): { latencyMs: number; holds: Promise<void>[]; fault: Fault | undefined };
  track(endpoint: FakeEndpoint, response: ServerResponse): void;
}

function zeroCounts(): Record<FakeEndpoint, number> {
  return Object.fromEntries(FAKE_ENDPOINTS.map((endpoint) => [endpoint, 0])) as Record<FakeEndpoint, number>;
}

export function createFaultEngine(): FaultEngine {
  let rules: ActiveRule[] = [];
  const stats: FakeStats = { requests: zeroCounts(), inFlight: 0, peakInFlight: 0 };

  function matches(rule: FaultRule, context: RequestContext): boolean {
    if (rule.endpoint !== undefined) {
      const endpoints = Array.isArray(rule.endpoint) ? rule.endpoint : [rule.endpoint];
      if (!endpoints.includes(context.endpoint)) return false;
    }
    if (rule.organizationId !== undefined && rule.organizationId !== context.organizationId) return false;
    if (rule.groupId !== undefined && rule.groupId !== context.groupId) return false;
    return true;
  }

  function take(active: ActiveRule): boolean {
    active.seen += 1;
    if (active.seen <= (active.rule.after ?? 0)) return false;
    if (active.hits >= (active.rule.times ?? Number.POSITIVE_INFINITY)) return false;
    active.hits += 1;
    return true;
  }

  const api: FaultApi = {
    inject(rule) {
      const active: ActiveRule = { rule, seen: 0, hits: 0 };
      rules.push(active);
      return {
        get hits() {
          return active.hits;
        },
        remove() {
          rules = rules.filter((candidate) => candidate !== active);
        },
      };
    },
    latency(ms, where = {}) {
      return api.inject({ ...where, fault: { kind: 'latency', ms } });
    },
    hold(where = {}) {
      let release = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const waiting: { count: number; resolve: () => void }[] = [];
      const active: ActiveRule = { rule: { ...where, fault: { kind: 'hold' } }, seen: 0, hits: 0, released };
      active.onHeld = () => {
        for (const waiter of waiting.filter((candidate) => candidate.count <= active.hits)) waiter.resolve();
      };
      rules.push(active);
      return {
        get hits() {
          return active.hits;
        },
        reached(count = 1) {
          if (active.hits >= count) return Promise.resolve();
          return new Promise<void>((resolve) => waiting.push({ count, resolve }));
        },
        release() {
          rules = rules.filter((candidate) => candidate !== active);
          release();
        },
        remove() {
          this.release();
        },
      };
    },
    clear() {
      rules = [];
    },
    stats,
    resetStats() {
      stats.requests = zeroCounts();
      stats.peakInFlight = stats.inFlight;
    },
  };

  return {
    api,
    decide(context) {
      let latencyMs = 0;
      const holds: Promise<void>[] = [];
      let fault: Fault | undefined;
      for (const active of rules) {
        if (!matches(active.rule, context)) continue;
        if (active.rule.fault.kind === 'latency') {
          if (take(active)) latencyMs += active.rule.fault.ms;
        } else if (active.rule.fault.kind === 'hold') {
          if (take(active) && active.released) {
            holds.push(active.released);
            active.onHeld?.();
          }
        } else if (!fault && take(active)) {
          fault = active.rule.fault;
        }
      }
      return { latencyMs, holds, fault };
    },
    track(endpoint, response) {
      stats.requests[endpoint] += 1;
      stats.inFlight += 1;
      stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        stats.inFlight -= 1;
      };
      response.once('finish', finish);
      response.once('close', finish);
    },
  };
}
