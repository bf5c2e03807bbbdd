// The server's Prometheus metrics (prom-client), in one registry per runtime, and the app that
// serves them on their own listener (METRICS_PORT). The layers never see prom-client: each gets
// plain callbacks (an observer in its deps), and runtime.ts hands it this module's.
//
// Names follow Prometheus conventions: the `cckm_` prefix, `_total` for counters, `_seconds` for
// durations. Every label value is one of a fixed set chosen here (an operation ID of the contract,
// a cloud, an endpoint kind, an outcome, an HTTP status), never an ID or anything else a caller or
// a cloud sends: the label sets stay bounded whatever arrives (checked under the fuzz suite).
import express, { type Express } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The clouds, as labels. */
export type CloudLabel = 'sfdc' | 'sap';

/** One HTTP request of the API listener, once answered. */
export interface ObservedRequest {
  /** The contract's operation ID, or what else was asked for (healthz, contract, docs, unmatched). */
  operation: string;
  method: string;
  status: number;
  seconds: number;
}

/** One attempt of a cloud call (clouds/http/cloud-http.ts AttemptEvent, less what is not needed). */
export interface ObservedCloudAttempt {
  path: string;
  outcome: string;
  status: number | undefined;
  seconds: number;
}

export interface Metrics {
  readonly registry: Registry;
  request(request: ObservedRequest): void;
  /** A job was committed (the 201). */
  jobCreated(cloud: CloudLabel): void;
  /** What the job runner tells (features/sync-jobs/sync-job-runner.ts SyncJobEvents). */
  jobs: {
    started(cloud: CloudLabel, attempts: number): void;
    stopped(cloud: CloudLabel, status: 'completed' | 'failed' | undefined): void;
    targets(cloud: CloudLabel, outcome: 'succeeded' | 'failed', count: number): void;
  };
  cloudAttempt(cloud: CloudLabel, attempt: ObservedCloudAttempt): void;
  cloudRetry(cloud: CloudLabel, retry: { reason: string; delayMs: number }): void;
  /** A list page served from the page cache, or built. */
  pageCache(hit: boolean): void;
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const RETRY_REASONS = new Set(['rate-limited', 'server-error', 'timeout', 'reset']);
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * What a cloud call was for, from its URL's path: Salesforce's token and query endpoints, SAP's
 * auth, groups and keys; `other` for anything else (a path a cloud names is never a label).
 */
export function endpointKind(path: string): string {
  if (/\/oauth2\/token$/.test(path) || /\/auth\/request$/.test(path)) return 'login';
  if (/\/auth\/activate$/.test(path)) return 'activate';
  if (/\/services\/data\/v[\d.]+\/query(\/[^/]+)?$/.test(path)) return 'query';
  if (/\/groups$/.test(path)) return 'groups';
  if (/\/keys$/.test(path)) return 'keys';
  return 'other';
}

/** An attempt's outcome as a label: the answer's class, or why there was none. */
function attemptOutcome({ outcome, status }: ObservedCloudAttempt): string {
  if (outcome !== 'answer' || status === undefined)
    return ['timeout', 'reset', 'unreachable'].includes(outcome) ? outcome : 'other';
  if (status < 300) return 'ok';
  if (status < 400) return 'redirect';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  return status < 500 ? 'client_error' : 'server_error';
}

const statusLabel = (status: number) => (status >= 100 && status <= 599 ? String(status) : 'other');

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Process and Node.js metrics (CPU, memory, heap, GC, handles, event-loop delay), unprefixed
  // as every Node.js service exports them.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: 'cckm_http_requests_total',
    help: 'API requests answered, by operation, method and status',
    labelNames: ['operation', 'method', 'status'],
    registers,
  });
  const requestSeconds = new Histogram({
    name: 'cckm_http_request_duration_seconds',
    help: 'Time to answer an API request, by operation',
    labelNames: ['operation'],
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const jobsCreated = new Counter({
    name: 'cckm_sync_jobs_created_total',
    help: 'Synchronization jobs created (201), by cloud',
    labelNames: ['cloud'],
    registers,
  });
  const jobsStarted = new Counter({
    name: 'cckm_sync_jobs_started_total',
    help: 'Synchronization jobs this instance started to run (a resumed job counts again), by cloud',
    labelNames: ['cloud'],
    registers,
  });
  const takeovers = new Counter({
    name: 'cckm_sync_job_lease_takeovers_total',
    help: "Jobs started after another runner's lease expired (that runner crashed or stalled), by cloud",
    labelNames: ['cloud'],
    registers,
  });
  const jobsFinished = new Counter({
    name: 'cckm_sync_jobs_finished_total',
    help: 'Synchronization jobs this instance finished, by cloud and status (completed, failed)',
    labelNames: ['cloud', 'status'],
    registers,
  });
  const jobsInProgress = new Gauge({
    name: 'cckm_sync_jobs_in_progress',
    help: 'Synchronization jobs this instance is running now, by cloud',
    labelNames: ['cloud'],
    registers,
  });
  const targets = new Counter({
    name: 'cckm_sync_targets_total',
    help: 'Organizations (Salesforce) and groups (SAP) synchronized, by cloud and outcome (succeeded, failed)',
    labelNames: ['cloud', 'outcome'],
    registers,
  });
  const cloudRequests = new Counter({
    name: 'cckm_cloud_requests_total',
    help: 'Attempts of cloud calls, by cloud, endpoint kind and outcome',
    labelNames: ['cloud', 'endpoint', 'outcome'],
    registers,
  });
  const cloudSeconds = new Histogram({
    name: 'cckm_cloud_request_duration_seconds',
    help: 'Time of one attempt of a cloud call (the whole answer), by cloud and endpoint kind',
    labelNames: ['cloud', 'endpoint'],
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const retries = new Counter({
    name: 'cckm_cloud_retries_total',
    help: 'Cloud calls retried, by cloud and reason (rate-limited, server-error, timeout, reset)',
    labelNames: ['cloud', 'reason'],
    registers,
  });
  const rateLimitWaits = new Counter({
    name: 'cckm_cloud_rate_limit_waits_total',
    help: 'Waits before a retry because a cloud asked to slow down, by cloud',
    labelNames: ['cloud'],
    registers,
  });
  const rateLimitSeconds = new Counter({
    name: 'cckm_cloud_rate_limit_wait_seconds_total',
    help: 'Time spent waiting because a cloud asked to slow down, by cloud',
    labelNames: ['cloud'],
    registers,
  });
  const logins = new Counter({
    name: 'cckm_cloud_logins_total',
    help: 'Token requests (logins) sent to a cloud, by cloud and outcome',
    labelNames: ['cloud', 'outcome'],
    registers,
  });
  const relogins = new Counter({
    name: 'cckm_cloud_session_rejections_total',
    help: 'Authenticated cloud calls answered 401: the session ended and the connector logs in again',
    labelNames: ['cloud'],
    registers,
  });
  const pageCache = new Counter({
    name: 'cckm_list_page_cache_requests_total',
    help: 'Job list pages asked for, by result: hit (served from the page cache) or miss (built)',
    labelNames: ['result'],
    registers,
  });

  return {
    registry,
    request({ operation, method, status, seconds }) {
      requests.inc({
        operation,
        method: HTTP_METHODS.has(method) ? method : 'other',
        status: statusLabel(status),
      });
      requestSeconds.observe({ operation }, seconds);
    },
    jobCreated: (cloud) => jobsCreated.inc({ cloud }),
    jobs: {
      started(cloud, attempts) {
        jobsStarted.inc({ cloud });
        if (attempts > 1) takeovers.inc({ cloud });
        jobsInProgress.inc({ cloud });
      },
      stopped(cloud, status) {
        jobsInProgress.dec({ cloud });
        if (status) jobsFinished.inc({ cloud, status });
      },
      targets: (cloud, outcome, count) => targets.inc({ cloud, outcome }, count),
    },
    cloudAttempt(cloud, attempt) {
      const endpoint = endpointKind(attempt.path);
      const outcome = attemptOutcome(attempt);
      cloudRequests.inc({ cloud, endpoint, outcome });
      cloudSeconds.observe({ cloud, endpoint }, attempt.seconds);
      if (endpoint === 'login') logins.inc({ cloud, outcome });
      else if (outcome === 'unauthorized') relogins.inc({ cloud });
    },
    cloudRetry(cloud, { reason, delayMs }) {
      retries.inc({ cloud, reason: RETRY_REASONS.has(reason) ? reason : 'other' });
      if (reason === 'rate-limited') {
        rateLimitWaits.inc({ cloud });
        rateLimitSeconds.inc({ cloud }, delayMs / 1000);
      }
    },
    pageCache: (hit) => pageCache.inc({ result: hit ? 'hit' : 'miss' }),
  };
}

/** The metrics listener's app: `GET /metrics` in Prometheus' text format, nothing else. */
export function metricsApp(registry: Registry): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found: the metrics are at /metrics\n');
  });
  return app;
}
