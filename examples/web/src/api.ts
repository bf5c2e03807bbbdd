// The app's contact with the client: one client per settings, with a timeout on every request,
// and the TanStack Query bindings over it (@cckm/react-query) that the screens use. `failureOf`
// turns every way a query or mutation can fail into what the screens render: a problem the server
// answered with (CckmProblemError); no usable answer at all (CckmRequestError: network, CORS,
// timeout, abort); or a watched job not found (CckmWaitError). `attempt` runs one call outside
// the query cache (Settings' "Check connection", a client of settings not saved yet).
import {
  type CckmClient,
  CckmProblemError,
  CckmRequestError,
  CckmWaitError,
  createCckmClient,
  type ProblemFieldError,
  unwrap,
} from '@cckm/client';
import { type CckmQueries, cckmQueries } from '@cckm/react-query';
import { QueryClient } from '@tanstack/react-query';
import type { Settings } from './settings.ts';

/** Every request gives up after this long and reports a timeout. */
export const REQUEST_TIMEOUT_MS = 15_000;

export function createClient(settings: Settings): CckmClient {
  return createCckmClient({
    baseUrl: settings.baseUrl,
    ...(settings.token ? { token: settings.token } : {}),
    // Every request, the query cache's included, gives up after REQUEST_TIMEOUT_MS.
    fetch: (request) => globalThis.fetch(new Request(request, { signal: callSignal(request.signal) })),
  });
}

/** The bindings and a query cache of their own, per settings: one server's data never shows for another. */
export function createQueries(settings: Settings): { cckm: CckmQueries; queryClient: QueryClient } {
  return {
    cckm: cckmQueries(createClient(settings)),
    // A failure is shown at once (the user has a "Try again"), not after three silent retries.
    queryClient: new QueryClient({
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    }),
  };
}

export type Failure =
  | { kind: 'problem'; error: CckmProblemError }
  | { kind: 'request'; error: CckmRequestError }
  | { kind: 'wait'; error: CckmWaitError }
  | { kind: 'unexpected'; error: Error };

export type Outcome<T> = { ok: true; data: T } | { ok: false; failure: Failure };

/** Runs one client call and classifies how it ended; `unwrap` throws the two kinds of failure. */
export async function attempt<T>(
  call: () => Promise<{ data?: T; error?: unknown; response?: Response | undefined }>,
): Promise<Outcome<T>> {
  try {
    return { ok: true, data: unwrap(await call()) };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
  }
}

export function failureOf(error: unknown): Failure {
  if (error instanceof CckmProblemError) return { kind: 'problem', error };
  if (error instanceof CckmRequestError) return { kind: 'request', error };
  if (error instanceof CckmWaitError) return { kind: 'wait', error };
  return { kind: 'unexpected', error: error instanceof Error ? error : new Error(String(error)) };
}

/** True when the failure is only the caller giving up (an aborted request), not worth showing. */
export function isAbort(failure: Failure, signal: AbortSignal): boolean {
  return signal.aborted || (failure.kind === 'request' && failure.error.kind === 'aborted');
}

/** The caller's signal, plus the request timeout. */
export function callSignal(signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/**
 * Sorts a problem's field errors onto the form's fields. `fields` maps a field name to the JSON
 * pointer of the request part it edits (`/path/id`, `/body/organization_ids`); errors below
 * that pointer belong to the field, the rest stay with the problem.
 */
export function fieldErrors(
  failure: Failure | undefined,
  fields: Record<string, string>,
): { byField: Record<string, string[]>; unplaced: ProblemFieldError[] } {
  const byField: Record<string, string[]> = {};
  const unplaced: ProblemFieldError[] = [];
  if (failure?.kind !== 'problem') return { byField, unplaced };
  for (const entry of failure.error.errors) {
    const match = Object.entries(fields).find(
      ([, pointer]) => entry.path === pointer || entry.path.startsWith(`${pointer}/`),
    );
    if (!match) {
      unplaced.push(entry);
      continue;
    }
    const [field, pointer] = match;
    const rest = entry.path.slice(pointer.length).replace(/^\//, '');
    const position = /^\d+$/.test(rest) ? `entry ${Number(rest) + 1}: ` : rest ? `${rest}: ` : '';
    byField[field] = [...(byField[field] ?? []), `${position}${readable(entry.message)}`];
  }
  return { byField, unplaced };
}

/** Validator wording a person can act on: a regular expression says less than "wrong format". */
function readable(message: string): string {
  return /^must match pattern\b/.test(message) ? 'has the wrong format' : message;
}
