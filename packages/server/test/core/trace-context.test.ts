// Reading a W3C traceparent (https://www.w3.org/TR/trace-context/#traceparent-header).
import { describe, expect, test } from 'vitest';
import { createCallTraces, parseTraceContext } from '../../src/core/trace-context.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const VALID = `00-${TRACE_ID}-${PARENT_ID}-01`;

describe('parseTraceContext', () => {
  test('when the traceparent is valid, then it is kept with its trace ID, and a sane tracestate with it', () => {
    expect(parseTraceContext(VALID, 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7')).toEqual({
      traceparent: VALID,
      tracestate: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
      traceId: TRACE_ID,
    });
    expect(parseTraceContext(VALID, ['a=1', 'b=2'])?.tracestate).toBe('a=1,b=2');
  });

  test.each([
    ['upper-case hex', VALID.toUpperCase()],
    ['an all-zero trace ID', `00-${'0'.repeat(32)}-${PARENT_ID}-01`],
    ['an all-zero parent ID', `00-${TRACE_ID}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE_ID}-${PARENT_ID}-01`],
    ['version 00 with more fields', `${VALID}-extra`],
    ['a short trace ID', `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`],
    ['garbage', 'hello'],
  ])('when the traceparent has %s, then there is no trace context', (_case, header) => {
    expect(parseTraceContext(header, undefined)).toBeUndefined();
  });

  test('when a later version has more fields, then its first four are passed on as version 00', () => {
    expect(parseTraceContext(`cc-${TRACE_ID}-${PARENT_ID}-01-what-comes-later`, undefined)).toEqual({
      traceparent: VALID,
      traceId: TRACE_ID,
    });
  });

  test('when the tracestate is too long or has control characters, then only the traceparent is kept', () => {
    expect(parseTraceContext(VALID, `a=${'x'.repeat(600)}`)).toEqual({
      traceparent: VALID,
      traceId: TRACE_ID,
    });
    expect(parseTraceContext(VALID, 'a=\u0001')).toEqual({ traceparent: VALID, traceId: TRACE_ID });
  });
});

describe('createCallTraces', () => {
  test('when a context is bound to a signal, then calls under that signal only carry its headers', () => {
    const traces = createCallTraces();
    const traced = new AbortController().signal;
    const other = new AbortController().signal;
    traces.bind(traced, parseTraceContext(VALID, 'a=1'));
    traces.bind(other, undefined);

    expect(traces.headersFor(traced)).toEqual({ traceparent: VALID, tracestate: 'a=1' });
    expect(traces.headersFor(other)).toBeUndefined();
  });
});
