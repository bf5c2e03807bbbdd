// Every setting, declared once: environment name, type, default, meaning. Parsed once at start-up;
// nothing else reads process.env. Secrets have defaults only in the explicit dev profile.
import { createHash } from 'node:crypto';
import { z } from 'zod';

const DEV_JWT_SECRET = 'cckm-dev-profile-secret--never-use-in-production';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');
const milliseconds = z.coerce.number().int().min(1).max(3_600_000);

/** How the cloud connectors call a cloud (clouds/http/cloud-http.ts applies it). */
export interface CallPolicy {
  /** Longest wait for one complete answer (ms). */
  timeoutMs: number;
  /** Attempts per call, the first included (1 = no retry). */
  maxAttempts: number;
  /** First backoff ceiling (ms); doubles at every retry. */
  baseDelayMs: number;
  /** Backoff ceiling (ms). */
  maxDelayMs: number;
  /** Longest Retry-After honoured (ms); a longer one fails the call at once. */
  maxRetryAfterMs: number;
  /** Attempts in flight at once per connection. */
  concurrency: number;
}

/** The CLOUD_* settings' defaults, which are also a connector's when it is given no policy. */
export const DEFAULT_CALL_POLICY: Readonly<CallPolicy> = Object.freeze({
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  concurrency: 4,
});

/**
 * Where a Salesforce token answer's `instance_url` may point (the host or a subdomain of one of
 * these): the Salesforce domains that serve the REST API (`*.my.salesforce.com`, `*.force.com`,
 * Government Cloud `*.salesforce.mil`, Alibaba Cloud `*.sfcrmproducts.cn`, legacy `*.cloudforce.com`).
 * A connection may name its own (`instanceDomains`); the token URL's own origin is always allowed.
 */
const DEFAULT_SALESFORCE_INSTANCE_DOMAINS: readonly string[] = Object.freeze([
  'salesforce.com',
  'force.com',
  'salesforce.mil',
  'sfcrmproducts.cn',
  'cloudforce.com',
]);

/** A DNS domain name: labels of letters, digits and hyphens, at least two of them. */
const DOMAIN_NAME = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

const environmentSchema = z.object({
  CCKM_PROFILE: z
    .enum(['dev', 'production'])
    .default('production')
    .describe('dev fills in demo-friendly defaults'),
  HOST: z.string().min(1).default('127.0.0.1').describe('interface to listen on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('TCP port; 0 picks a free one'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<file>, sqlite::memory: or postgres://...')
    .default('sqlite:./data/cckm.sqlite')
    .describe('sqlite:<file> (embedded, default), sqlite::memory:, or postgres://user@host/db'),
  JWT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (HS256 key)')
    .optional()
    .describe('HS256 key'),
  JWT_JWKS_URL: z.url().optional().describe('JWKS endpoint; when set, tokens are verified with its keys'),
  JWT_ISSUER: z.string().min(1).optional().describe('required `iss` claim, when set'),
  JWT_AUDIENCE: z.string().min(1).optional().describe('required `aud` claim, when set'),
  JWT_CLOCK_TOLERANCE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(300)
    .default(30)
    .describe('accepted clock skew for `exp` and `nbf`'),
  CONNECTION_SECRETS_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex digits or base64')
    .optional()
    .describe('AES-256 key that seals connection secrets (the dev profile has its own)'),
  DEMO_CLOUDS_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      "JSON file of the demo connections' credentials, written by the fake clouds (pnpm start sets it)",
    ),
  DEMO_DATA: booleanFlag.optional().describe('seed the demo domain (default: on in dev)'),
  VALIDATE_RESPONSES: booleanFlag.optional().describe('validate every response (default: on in dev)'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino level (`silent` to mute)'),
  JOB_LEASE_MS: milliseconds.default(30_000).describe('how long a worker owns a job without renewing'),
  JOB_POLL_MS: milliseconds.default(2_000).describe('how often workers look for unclaimed or expired jobs'),
  JOB_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(16)
    .describe('targets synchronized at once per job'),
  JOB_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('claims before a job is failed'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url().regex(/^https?:\/\/[^/]+$/, 'must be an origin: scheme://host[:port], no path')))
    .describe(
      'comma-separated browser origins allowed to call the API (the dev profile adds localhost on any port)',
    ),
  HTTP_HEADERS_TIMEOUT_MS: milliseconds
    .default(10_000)
    .describe('time a client has to send the request headers'),
  HTTP_REQUEST_TIMEOUT_MS: milliseconds
    .default(30_000)
    .describe('time a client has to send a whole request, body included'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds
    .default(5_000)
    .describe('how long an idle keep-alive connection stays open'),
  LIST_PAGE_CACHE_PAGES: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(512)
    .describe('serialized list pages kept while their data is unchanged (0 turns the cache off)'),
  CLOUD_CALL_TIMEOUT_MS: milliseconds
    .default(DEFAULT_CALL_POLICY.timeoutMs)
    .describe('longest wait for one complete answer of a cloud, per attempt'),
  CLOUD_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(DEFAULT_CALL_POLICY.maxAttempts)
    .describe('attempts per cloud call, the first included'),
  CLOUD_RETRY_BASE_MS: milliseconds
    .default(DEFAULT_CALL_POLICY.baseDelayMs)
    .describe('first backoff ceiling between attempts; doubles each retry (full jitter)'),
  CLOUD_RETRY_MAX_MS: milliseconds
    .default(DEFAULT_CALL_POLICY.maxDelayMs)
    .describe('largest backoff between attempts'),
  CLOUD_MAX_RETRY_AFTER_MS: milliseconds
    .default(DEFAULT_CALL_POLICY.maxRetryAfterMs)
    .describe('longest Retry-After honoured; a longer one fails the call at once'),
  CLOUD_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(DEFAULT_CALL_POLICY.concurrency)
    .describe('cloud calls in flight at once per connection'),
  SALESFORCE_INSTANCE_DOMAINS: z
    .string()
    .default(DEFAULT_SALESFORCE_INSTANCE_DOMAINS.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(DOMAIN_NAME, 'must be domain names, e.g. salesforce.com')).min(1))
    .describe(
      "comma-separated domains a Salesforce login's instance_url must be under (a connection may name its own)",
    ),
  CLOUD_TIMEOUT_MS: milliseconds
    .default(10_000)
    .describe(
      'how long a request waits for a cloud (PATCH organization asks Salesforce which org a connection reaches)',
    ),
  JOB_DEADLINE_MS: milliseconds
    .default(900_000)
    .describe('how long a job may run, from its creation, before its unfinished targets fail'),
  SHUTDOWN_GRACE_MS: milliseconds.default(10_000).describe('time for running requests on SIGTERM'),
  METRICS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe('port of the Prometheus /metrics listener; unset: no metrics (pnpm start sets 9464)'),
  METRICS_HOST: z.string().min(1).default('127.0.0.1').describe('interface the metrics listener listens on'),
});

export type Config = Readonly<{
  profile: 'dev' | 'production';
  host: string;
  port: number;
  database: { kind: 'sqlite'; filename: string } | { kind: 'postgres'; connectionString: string };
  jwt: Readonly<{
    secret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    clockToleranceSeconds: number;
  }>;
  /** The key that seals connection secrets (32 bytes); absent: no secret can be stored or read. */
  connectionSecretsKey: Buffer | undefined;
  demoCloudsFile: string | undefined;
  cloudCalls: Readonly<CallPolicy>;
  salesforceInstanceDomains: readonly string[];
  demoData: boolean;
  validateResponses: boolean;
  logLevel: string;
  jobs: Readonly<{
    leaseMs: number;
    pollMs: number;
    concurrency: number;
    maxAttempts: number;
    deadlineMs: number;
  }>;
  http: Readonly<{ headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number }>;
  cors: Readonly<{ origins: readonly string[]; allowLocal: boolean }>;
  listPageCachePages: number;
  cloudTimeoutMs: number;
  shutdownGraceMs: number;
  /** Where the Prometheus metrics are served; undefined: no metrics at all. */
  metrics: Readonly<{ host: string; port: number }> | undefined;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment; throws a ConfigError listing every bad setting. `verifiesTokens: false`
 * is for the commands that never verify a token (cckm-admin): no JWT_SECRET or JWT_JWKS_URL needed.
 */
export function loadConfig(
  environment: Record<string, string | undefined>,
  { verifiesTokens = true }: { verifiesTokens?: boolean } = {},
): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dev = env.CCKM_PROFILE === 'dev';
  const secret = env.JWT_SECRET ?? (dev && !env.JWT_JWKS_URL ? DEV_JWT_SECRET : undefined);
  if (verifiesTokens && !secret && !env.JWT_JWKS_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  JWT_SECRET: set JWT_SECRET or JWT_JWKS_URL (or CCKM_PROFILE=dev)',
    );
  }
  const url = env.DATABASE_URL;
  const config: Config = {
    profile: env.CCKM_PROFILE,
    host: env.HOST,
    port: env.PORT,
    database: url.startsWith('sqlite:')
      ? { kind: 'sqlite', filename: url.slice('sqlite:'.length) }
      : { kind: 'postgres', connectionString: url },
    jwt: {
      ...(secret ? { secret } : {}),
      ...(env.JWT_JWKS_URL ? { jwksUrl: env.JWT_JWKS_URL } : {}),
      ...(env.JWT_ISSUER ? { issuer: env.JWT_ISSUER } : {}),
      ...(env.JWT_AUDIENCE ? { audience: env.JWT_AUDIENCE } : {}),
      clockToleranceSeconds: env.JWT_CLOCK_TOLERANCE_SECONDS,
    },
    connectionSecretsKey: secretsKey(env.CONNECTION_SECRETS_KEY, dev),
    demoCloudsFile: env.DEMO_CLOUDS_FILE,
    cloudCalls: {
      timeoutMs: env.CLOUD_CALL_TIMEOUT_MS,
      maxAttempts: env.CLOUD_MAX_ATTEMPTS,
      baseDelayMs: env.CLOUD_RETRY_BASE_MS,
      maxDelayMs: env.CLOUD_RETRY_MAX_MS,
      maxRetryAfterMs: env.CLOUD_MAX_RETRY_AFTER_MS,
      concurrency: env.CLOUD_CONCURRENCY,
    },
    salesforceInstanceDomains: env.SALESFORCE_INSTANCE_DOMAINS,
    demoData: env.DEMO_DATA ?? dev,
    validateResponses: env.VALIDATE_RESPONSES ?? dev,
    logLevel: env.LOG_LEVEL,
    jobs: {
      leaseMs: env.JOB_LEASE_MS,
      pollMs: env.JOB_POLL_MS,
      concurrency: env.JOB_CONCURRENCY,
      maxAttempts: env.JOB_MAX_ATTEMPTS,
      deadlineMs: env.JOB_DEADLINE_MS,
    },
    http: {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    cors: { origins: env.CORS_ORIGINS, allowLocal: dev },
    listPageCachePages: env.LIST_PAGE_CACHE_PAGES,
    cloudTimeoutMs: env.CLOUD_TIMEOUT_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    metrics: env.METRICS_PORT === undefined ? undefined : { host: env.METRICS_HOST, port: env.METRICS_PORT },
  };
  return deepFreeze(config);
}

/** The dev profile's key: fixed, so a dev database keeps opening across restarts; never for production. */
const DEV_CONNECTION_SECRETS_KEY = createHash('sha256')
  .update('cckm-dev-profile-connection-secrets')
  .digest();

function secretsKey(value: string | undefined, dev: boolean): Buffer | undefined {
  if (value) return Buffer.from(value, value.length === 64 ? 'hex' : 'base64');
  return dev ? DEV_CONNECTION_SECRETS_KEY : undefined;
}

function deepFreeze<T>(value: T): T {
  // A key is a Buffer: frozen typed arrays are not allowed, and nothing hands it out anyway.
  if (Buffer.isBuffer(value)) return value;
  for (const inner of Object.values(value as object)) {
    if (inner && typeof inner === 'object') deepFreeze(inner);
  }
  return Object.freeze(value);
}

/** The settings table for the README and `--help`: name, default, description. */
export const settings = Object.entries(environmentSchema.shape).map(([name, schema]) => ({
  name,
  description: schema.description ?? '',
}));
