// The call policy every cloud connector uses, in one place:
// - a timeout per attempt that covers the whole answer (status, headers and body);
// - the caller's AbortSignal (a job's): when it fires, the call stops at once and rejects with the
//   signal's reason, never with a CloudError, so the job runner sees an abort, not a cloud failure;
// - at most `concurrency` attempts in flight per connection (p-limit), whatever the caller runs;
// - bounded retries with exponential backoff and full jitter (delay = random * min(max, base * 2^n))
//   on 429, 5xx, a rate-limit answer the connector recognises (Salesforce's 403
//   REQUEST_LIMIT_EXCEEDED for concurrent requests; its 24-hour total is not one: retrying cannot
//   help), connection resets and timeouts, and on answers no API gives: a redirect (never
//   followed: it would carry the token elsewhere), a body cut short or otherwise malformed JSON, a
//   success that is not JSON (an HTML maintenance page). Outages answer like that, and they pass
//   like resets do (decisions/0110-outages-that-are-not-errors.md). A Retry-After header is
//   honoured (the delay is at least what it asks), unless it asks for more than `maxRetryAfterMs`:
//   then the call fails now rather than holding a job for that long. Other answers (2xx, 400, 401,
//   403, 404 ...) go back to the connector, which decides (re-login on 401, a readable refusal
//   otherwise).
// Failures become CloudCallError with a short message naming the cloud, never the URL's path or
// query, a header or a body (an HTML page is named, never quoted; a redirect by its host only).
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import { type CallPolicy, DEFAULT_CALL_POLICY } from '../../config.ts';
import { CloudCallError, safeText } from './cloud-call-error.ts';

// The policy and its defaults are declared with the settings that carry them (CLOUD_*).
export type { CallPolicy };

export interface CloudRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface CloudResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  json: unknown;
  /** True when the body claimed or looked like JSON and did not parse. */
  malformed: boolean;
  /** True when there was a body that neither claimed nor looked like JSON (an HTML page, text). */
  notJson: boolean;
}

/** What a connector's deps hand on to its CloudHttp (each connector's deps extend this). */
export interface CloudHttpOptions {
  /** Timeout, retries, backoff and concurrency (defaults: DEFAULT_CALL_POLICY, config.ts). */
  policy?: Partial<CallPolicy>;
  fetch?: typeof fetch;
  /** In [0, 1); Math.random by default (tests pin it). */
  random?: () => number;
  /** Told before each retry (for a log line); carries no URL, header or body. */
  onRetry?(event: RetryEvent): void;
  /**
   * Headers added to every attempt of a call, looked up by the signal its caller passed (a job's
   * or a request's): the server's trace context (traceparent). The call's own headers win.
   */
  headersFor?(signal: AbortSignal): Readonly<Record<string, string>> | undefined;
  /** Told after each attempt that was not aborted (metrics); carries the URL's path only. */
  onAttempt?(event: AttemptEvent): void;
}

export interface CloudHttpDeps extends CloudHttpOptions {
  /** The cloud's name as messages show it ("Salesforce"). */
  cloud: string;
  /** The cloud's error code in an answer, for messages and rate-limit detection. */
  errorCode?(response: CloudResponse): string | undefined;
  /** An answer that means "slow down" besides 429 (Salesforce: 403 REQUEST_LIMIT_EXCEEDED). */
  isRateLimited?(response: CloudResponse, code: string | undefined): boolean;
}

export interface RetryEvent {
  cloud: string;
  connectionId: string;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** Why it is retried: 'rate-limited', 'server-error', 'timeout' or 'reset'. */
  reason: CloudCallError['kind'];
  status: number | undefined;
  delayMs: number;
}

export interface AttemptEvent {
  cloud: string;
  method: CloudRequest['method'];
  /** The URL's path, without its query. */
  path: string;
  /** An answer (see status), or why there was none. */
  outcome: Outcome['kind'];
  status: number | undefined;
  seconds: number;
}

export interface CloudHttp {
  readonly policy: Readonly<CallPolicy>;
  /**
   * Sends `request` for `connectionId` under the policy. Resolves with the first answer the policy
   * does not retry (2xx, and 4xx other than rate limits); rejects with a CloudCallError when the
   * retries ran out or no connection could be made, and with `signal.reason` when the signal fired.
   */
  send(connectionId: string, request: CloudRequest, signal: AbortSignal): Promise<CloudResponse>;
  /** Attempts in flight now for a connection (for tests and diagnostics). */
  inFlight(connectionId: string): number;
}

type Outcome =
  | { kind: 'answer'; response: CloudResponse }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  | { kind: 'unreachable'; code: string };

const UNREACHABLE = new Set([
  'BAD_PORT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function causeCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    // fetch refuses ports browsers block (e.g. 9, 25) before connecting.
    if (message === 'bad port') return 'BAD_PORT';
    current = (current as { cause?: unknown }).cause;
  }
  return 'UNKNOWN';
}

/** Retry-After as milliseconds (delta-seconds or HTTP-date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseBody(
  text: string,
  contentType: string,
): { json: unknown; malformed: boolean; notJson: boolean } {
  const trimmed = text.trim();
  if (trimmed === '') return { json: undefined, malformed: false, notJson: false };
  const claimsJson = /\bjson\b/i.test(contentType) || trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!claimsJson) return { json: undefined, malformed: false, notJson: true };
  try {
    return { json: JSON.parse(trimmed), malformed: false, notJson: false };
  } catch {
    return { json: undefined, malformed: true, notJson: false };
  }
}

/**
 * Why an answer that is not rate limiting is retried, as the words after "answered": a 5xx, a
 * redirect, a body that is broken JSON or, for a success, not JSON. Undefined: hand it back.
 */
function transientAnswer(
  response: CloudResponse,
  label: string,
  requestUrl: string,
): { kind: 'server-error' | 'invalid-response'; words: string } | undefined {
  const page = response.notJson
    ? /html/i.test(response.headers.get('content-type') ?? '')
      ? ' with an HTML page'
      : ' with a body that is not JSON'
    : '';
  if (response.status >= 300 && response.status < 400) {
    let host = '';
    try {
      host = new URL(response.headers.get('location') ?? '', requestUrl).host;
    } catch {
      host = '';
    }
    return {
      kind: 'server-error',
      words: `${response.status}, a redirect${host ? ` to ${safeText(host, 80)}` : ''} (not followed)`,
    };
  }
  if (response.status >= 500) return { kind: 'server-error', words: `${label}${page}` };
  if (response.malformed)
    return { kind: 'invalid-response', words: `${response.status} with malformed JSON` };
  if (response.notJson && response.status < 300)
    return { kind: 'invalid-response', words: `${response.status}${page}` };
  return undefined;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function createCloudHttp(deps: CloudHttpDeps): CloudHttp {
  const policy: Readonly<CallPolicy> = Object.freeze({ ...DEFAULT_CALL_POLICY, ...deps.policy });
  const doFetch = deps.fetch ?? fetch;
  const random = deps.random ?? Math.random;
  const { cloud } = deps;
  const limits = new Map<string, LimitFunction>();

  function limiter(connectionId: string): LimitFunction {
    let limit = limits.get(connectionId);
    if (!limit) {
      limit = pLimit(policy.concurrency);
      limits.set(connectionId, limit);
    }
    return limit;
  }

  function release(connectionId: string) {
    const limit = limits.get(connectionId);
    if (limit && limit.activeCount === 0 && limit.pendingCount === 0) limits.delete(connectionId);
  }

  /** One attempt, told to onAttempt unless it was aborted. */
  async function attempt(request: CloudRequest, signal: AbortSignal): Promise<Outcome> {
    if (!deps.onAttempt) return attemptOnce(request, signal);
    const started = performance.now();
    const outcome = await attemptOnce(request, signal);
    deps.onAttempt({
      cloud,
      method: request.method,
      path: new URL(request.url).pathname,
      outcome: outcome.kind,
      status: outcome.kind === 'answer' ? outcome.response.status : undefined,
      seconds: (performance.now() - started) / 1000,
    });
    return outcome;
  }

  /** One attempt: fetch and read the whole body under the timeout. */
  async function attemptOnce(request: CloudRequest, signal: AbortSignal): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, policy.timeoutMs);
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await doFetch(request.url, {
        method: request.method,
        headers: { accept: 'application/json', ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
        redirect: 'manual',
      });
      const text = await response.text();
      const body = parseBody(text, response.headers.get('content-type') ?? '');
      return {
        kind: 'answer',
        response: { status: response.status, headers: response.headers, ...body },
      };
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (timedOut) return { kind: 'timeout' };
      const code = causeCode(error);
      if (UNREACHABLE.has(code)) return { kind: 'unreachable', code };
      return { kind: 'reset' };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Runs `work` in the connection's limiter, giving up the wait as soon as the signal fires. */
  function limited<T>(connectionId: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    const limit = limiter(connectionId);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      limit(async () => {
        if (signal.aborted) return undefined as T;
        return work();
      })
        .then(resolve, reject)
        .finally(() => {
          signal.removeEventListener('abort', onAbort);
          release(connectionId);
        });
    });
  }

  async function send(
    connectionId: string,
    request: CloudRequest,
    jobSignal: AbortSignal,
  ): Promise<CloudResponse> {
    // One listener on the caller's signal per call (a job's signal is shared by all its calls and
    // allows few listeners); attempts, queueing and backoff listen to this call's own signal.
    jobSignal.throwIfAborted();
    const call = new AbortController();
    const forward = () => call.abort(jobSignal.reason);
    jobSignal.addEventListener('abort', forward, { once: true });
    const extra = deps.headersFor?.(jobSignal);
    const sent = extra ? { ...request, headers: { ...extra, ...request.headers } } : request;
    try {
      return await sendUnder(connectionId, sent, call.signal);
    } finally {
      jobSignal.removeEventListener('abort', forward);
    }
  }

  async function sendUnder(
    connectionId: string,
    request: CloudRequest,
    signal: AbortSignal,
  ): Promise<CloudResponse> {
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      signal.throwIfAborted();
      const outcome = await limited(connectionId, signal, () => attempt(request, signal));
      signal.throwIfAborted();
      const last = attemptNumber >= policy.maxAttempts;
      const tries = `${attemptNumber} attempt${attemptNumber === 1 ? '' : 's'}`;
      let failure: CloudCallError;
      let waitAtLeast = 0;
      if (outcome.kind === 'answer') {
        const { response } = outcome;
        const code = deps.errorCode?.(response);
        const rateLimited = response.status === 429 || (deps.isRateLimited?.(response, code) ?? false);
        const label = code ? `${response.status} ${code}` : `${response.status}`;
        const transient = rateLimited ? undefined : transientAnswer(response, label, request.url);
        const details = { status: response.status, attempts: attemptNumber, ...(code ? { code } : {}) };
        if (transient) {
          failure = new CloudCallError(
            transient.kind,
            `${cloud} answered ${transient.words} to ${tries}`,
            details,
          );
        } else if (!rateLimited) {
          return response;
        } else {
          const asked = retryAfterMs(response.headers.get('retry-after'));
          if (asked !== undefined && asked > policy.maxRetryAfterMs) {
            throw new CloudCallError(
              'rate-limited',
              `${cloud} request limit reached (${label}); it asks to wait ${seconds(asked)}, more than the ${seconds(policy.maxRetryAfterMs)} allowed`,
              details,
            );
          }
          waitAtLeast = asked ?? 0;
          failure = new CloudCallError(
            'rate-limited',
            `${cloud} request limit reached (${label}) for ${tries}`,
            details,
          );
        }
      } else if (outcome.kind === 'timeout') {
        failure = new CloudCallError(
          'timeout',
          `${cloud} did not answer within ${seconds(policy.timeoutMs)} (${tries})`,
          { attempts: attemptNumber },
        );
      } else if (outcome.kind === 'reset') {
        failure = new CloudCallError(
          'reset',
          `the connection to ${cloud} was closed before a complete answer (${tries})`,
          {
            attempts: attemptNumber,
          },
        );
      } else {
        // Nothing listens there: retrying within seconds does not change that.
        throw new CloudCallError(
          'unreachable',
          `${cloud} is unreachable at ${new URL(request.url).host} (${outcome.code})`,
          { attempts: attemptNumber, code: outcome.code },
        );
      }
      if (last) throw failure;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
      const delay = Math.max(waitAtLeast, Math.floor(random() * ceiling));
      deps.onRetry?.({
        cloud,
        connectionId,
        attempt: attemptNumber,
        reason: failure.kind,
        status: failure.status,
        delayMs: delay,
      });
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        throw signal.reason;
      }
    }
  }

  return {
    policy,
    send,
    inFlight: (connectionId) => limits.get(connectionId)?.activeCount ?? 0,
  };
}
