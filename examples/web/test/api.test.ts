// The app's pure helpers: how failures are classified and how a problem's field errors land on
// form fields; how settings are chosen and saved.
import { CckmProblemError, CckmRequestError, CckmWaitError, type Problem } from '@cckm/client';
import { readToken } from '@cckm/mock';
import { describe, expect, test } from 'vitest';
import { attempt, failureOf, fieldErrors } from '../src/api.ts';
import { parseList } from '../src/format.ts';
import {
  baseUrlProblem,
  initialSettings,
  loadSettings,
  MOCK_BASE_URL,
  MOCK_TOKEN,
  saveSettings,
} from '../src/settings.ts';

function problemFailure(problem: Problem) {
  const response = new Response(JSON.stringify(problem), { status: problem.status });
  return failureOf(new CckmProblemError(problem, response));
}

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('fieldErrors', () => {
  const problem: Problem = {
    type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
    title: 'Request validation failed',
    status: 400,
    request_id: '4d2a0007-7c1e-4b8a-9f3d-6e5b1c0a0007',
    errors: [
      { path: '/body/organization_ids/1', message: 'must match pattern "^00D...$"' },
      { path: '/params/id', message: 'must match format "uuid"' },
      { path: '/body', message: 'must have exactly one of organization_ids or synchronize_all: true' },
    ],
  };

  test('when errors point below a field, then they are placed there, numbered and readable; the rest stay unplaced', () => {
    const { byField, unplaced } = fieldErrors(problemFailure(problem), {
      organizations: '/body/organization_ids',
      id: '/params/id',
    });
    expect(byField).toEqual({
      organizations: ['entry 2: has the wrong format'],
      id: ['must match format "uuid"'],
    });
    expect(unplaced).toEqual([problem.errors?.[2]]);
  });

  test('when a pointer only shares a prefix with a field, then it is not placed there', () => {
    const { byField, unplaced } = fieldErrors(
      problemFailure({ ...problem, errors: [{ path: '/params/idx', message: 'x' }] }),
      { id: '/params/id' },
    );
    expect(byField).toEqual({});
    expect(unplaced).toHaveLength(1);
  });

  test('when the failure is not a problem, then there is nothing to place', () => {
    const failure = failureOf(new Error('boom'));
    expect(failure.kind).toBe('unexpected');
    expect(fieldErrors(failure, { id: '/params/id' })).toEqual({ byField: {}, unplaced: [] });
  });
});

describe('attempt', () => {
  const response = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  test('when the call has data, then the outcome is ok with it', async () => {
    const outcome = await attempt(async () => ({
      data: { total: 3 },
      response: response(200, { total: 3 }),
    }));
    expect(outcome).toEqual({ ok: true, data: { total: 3 } });
  });

  test('when the server answered a problem, then the outcome is a problem failure', async () => {
    const problem = {
      type: 'tag:cckm-contract.github.io,2026:problem:not-found',
      title: 'Resource not found',
      status: 404,
    };
    const outcome = await attempt(async () => ({ error: problem, response: response(404, problem) }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.kind).toBe('problem');
    expect(outcome.failure.error).toBeInstanceOf(CckmProblemError);
    expect((outcome.failure.error as CckmProblemError).title).toBe('Resource not found');
  });

  test('when no answer came, then the outcome is a request failure, returned or thrown alike', async () => {
    const request = new Request('http://127.0.0.1:9/api/v1/cckm/sfdc/keys/synchronization-jobs');
    const error = new CckmRequestError('network', request, { cause: new TypeError('Failed to fetch') });
    const returned = await attempt(async () => ({ error }));
    const thrown = await attempt(async () => {
      throw error;
    });
    for (const outcome of [returned, thrown]) {
      expect(outcome.ok ? undefined : outcome.failure).toEqual({ kind: 'request', error });
    }
  });

  test('when waitForJob gives up, then the failure is a wait failure', () => {
    expect(failureOf(new CckmWaitError('timeout', 'x', 'still running')).kind).toBe('wait');
  });
});

describe('settings', () => {
  test('when nothing is saved or configured, then the mock with an accepted token is used', () => {
    expect(initialSettings({} as ImportMetaEnv)).toEqual({
      settings: { baseUrl: MOCK_BASE_URL, token: MOCK_TOKEN },
      source: 'default',
    });
    expect(readToken(MOCK_TOKEN).cust).toMatchObject({ groups: ['admin'] });
  });

  test('when the environment names a server, then it is used, with no token unless given', () => {
    const env = { VITE_CCKM_URL: 'http://127.0.0.1:8080/api' } as ImportMetaEnv;
    expect(initialSettings(env)).toEqual({
      settings: { baseUrl: 'http://127.0.0.1:8080/api', token: '' },
      source: 'environment',
    });
  });

  test('when settings are saved, then they are trimmed, win on load, and unreadable ones are ignored', () => {
    const storage = new MemoryStorage();
    saveSettings({ baseUrl: ' http://127.0.0.1:8080/api/ ', token: ' t ' }, storage);
    expect(loadSettings(storage)).toEqual({
      settings: { baseUrl: 'http://127.0.0.1:8080/api', token: 't' },
      source: 'saved',
    });
    storage.setItem(storage.key(0) as string, '{not json');
    expect(loadSettings(storage).source).not.toBe('saved');
  });

  test('when a base URL is not an absolute http(s) URL, then it is refused with a reason', () => {
    expect(baseUrlProblem('http://127.0.0.1:4010/api')).toBeUndefined();
    expect(baseUrlProblem('127.0.0.1:4010/api')).toMatch(/http/);
    expect(baseUrlProblem('ftp://example.com/api')).toBe('must start with http:// or https://');
  });

  test('when IDs are typed as a list, then blanks, separators and repeats are dropped', () => {
    expect(parseList(' a, b\nc  a,,')).toEqual(['a', 'b', 'c']);
  });
});
