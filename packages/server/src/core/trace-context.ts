// W3C Trace Context (https://www.w3.org/TR/trace-context/): a request's `traceparent` (and its
// `tracestate`) is kept in the request's log lines and passed on, unchanged, to every cloud call made
// for it and for the job it starts. The server takes no part in the trace itself (it records no
// spans), so it forwards the caller's context as the specification asks of a component that does
// not participate; the cloud's spans then hang under the caller's.
//
// A call finds its context by the AbortSignal it runs under (a job's or a request's): the signal is
// already passed down to every cloud call, explicitly, so nothing else has to carry the context.

/** A valid trace context, as it is passed on. */
export interface TraceContext {
  /** `00-<trace-id>-<parent-id>-<flags>`, re-written as version 00. */
  traceparent: string;
  tracestate?: string;
  /** The 32 hex digits that name the trace: what log lines carry. */
  traceId: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZEROS = /^0+$/;
/** A tracestate is at most 32 list members of at most 256 characters: 512 is what is passed on. */
const TRACESTATE = /^[\x20-\x7e]{1,512}$/;

/**
 * The context of a request's headers, or undefined when it has none or an invalid one (then the
 * request is simply not traced; it is never refused for it). A version other than 00 is read as
 * far as version 00 goes and passed on as 00, as the specification says.
 */
export function parseTraceContext(
  traceparent: string | string[] | undefined,
  tracestate: string | string[] | undefined,
): TraceContext | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const match = TRACEPARENT.exec(traceparent.trim());
  if (!match) return undefined;
  const [, version, traceId = '', parentId = '', flags = '', rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (ZEROS.test(traceId) || ZEROS.test(parentId)) return undefined;
  const state = Array.isArray(tracestate) ? tracestate.join(',') : tracestate?.trim();
  return {
    traceparent: `00-${traceId}-${parentId}-${flags}`,
    ...(state && TRACESTATE.test(state) ? { tracestate: state } : {}),
    traceId,
  };
}

/** The trace contexts of the signals cloud calls run under. */
export interface CallTraces {
  /** Cloud calls made under `signal` carry `trace` (nothing when it is undefined). */
  bind(signal: AbortSignal, trace: TraceContext | undefined): void;
  /** The headers a cloud call made under `signal` adds (clouds/http/cloud-http.ts headersFor). */
  headersFor(signal: AbortSignal): Readonly<Record<string, string>> | undefined;
}

export function createCallTraces(): CallTraces {
  const bound = new WeakMap<AbortSignal, Readonly<Record<string, string>>>();
  return {
    bind(signal, trace) {
      if (!trace) return;
      bound.set(signal, {
        traceparent: trace.traceparent,
        ...(trace.tracestate ? { tracestate: trace.tracestate } : {}),
      });
    },
    headersFor: (signal) => bound.get(signal),
  };
}
