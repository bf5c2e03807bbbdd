import { describe, expect, it } from 'vitest';
import { CloudError } from '../../src/clouds/cloud-connectors.ts';
import type { CloudResponse } from '../../src/clouds/http/cloud-http.ts';
import {
  type CloudSession,
  createCloudSessions,
  credentialsFingerprint,
  type SessionOperation,
} from '../../src/clouds/http/cloud-sessions.ts';

const answer = (status: number): CloudResponse => ({
  status,
  headers: new Headers(),
  json: undefined,
  malformed: false,
  notJson: false,
});

/** An operation of connection-1, under fingerprint-1 unless told otherwise. */
function operation(options: { fingerprint?: string; signal?: AbortSignal } = {}): SessionOperation {
  return {
    connection: { id: 'connection-1', name: 'connection-1' },
    fingerprint: options.fingerprint ?? 'fingerprint-1',
    signal: options.signal ?? new AbortController().signal,
    reloggedIn: false,
  };
}

/** A promise the test settles itself. */
function gate<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/**
 * Sessions whose logins the test answers: each login waits on the next gate of `pending` when
 * there is one, else logs in at once with token-N. `started` records the operations that logged in.
 */
function sessionsUnderTest(pending: ReturnType<typeof gate<CloudSession>>[] = []) {
  const started: SessionOperation[] = [];
  const sessions = createCloudSessions<CloudSession, SessionOperation>({
    login: async (op) => {
      started.push(op);
      const next = pending.shift();
      if (next) return next.promise;
      return { accessToken: `token-${started.length}`, fingerprint: op.fingerprint };
    },
    isFresh: () => true,
  });
  const sent: string[] = [];
  /** Sends requests answered by `statuses` in turn (then 200); `sent` records the tokens they carried. */
  const send = (op: SessionOperation, statuses: number[] = []) =>
    sessions.send(
      op,
      async (session) => {
        sent.push(session.accessToken);
        return answer(statuses.shift() ?? 200);
      },
      (response) => new CloudError(`ended again (${response.status})`),
    );
  return { sessions, started, sent, send };
}

describe('cloud sessions', () => {
  it('when two operations of one connection need a session at once, then one login serves both', async () => {
    const login = gate<CloudSession>();
    const { started, sent, send } = sessionsUnderTest([login]);
    const both = Promise.all([send(operation()), send(operation())]);
    login.resolve({ accessToken: 'shared', fingerprint: 'fingerprint-1' });
    await both;
    expect(started).toHaveLength(1);
    expect(sent).toEqual(['shared', 'shared']);
  });

  it('when the cached session is fresh, then it is reused; when stale or of other credentials, then a new login', async () => {
    let fresh = true;
    const started: string[] = [];
    const sessions = createCloudSessions<CloudSession, SessionOperation>({
      login: async (op) => {
        started.push(op.fingerprint);
        return { accessToken: `token-${started.length}`, fingerprint: op.fingerprint };
      },
      isFresh: () => fresh,
    });
    const tokenOf = async (op: SessionOperation) =>
      (
        await sessions.send(
          op,
          async () => answer(200),
          () => new CloudError('unexpected'),
        )
      ).session.accessToken;
    expect(await tokenOf(operation())).toBe('token-1');
    expect(await tokenOf(operation())).toBe('token-1');
    expect(await tokenOf(operation({ fingerprint: 'rotated' }))).toBe('token-2');
    fresh = false;
    expect(await tokenOf(operation({ fingerprint: 'rotated' }))).toBe('token-3');
    expect(started).toEqual(['fingerprint-1', 'rotated', 'rotated']);
  });

  it('when a shared login fails with the abort of the operation that started it, then the other logs in under its own signal', async () => {
    const first = gate<CloudSession>();
    const { started, sent, send } = sessionsUnderTest([first]);
    const starter = new AbortController();
    const aborted = send(operation({ signal: starter.signal })).catch((error: unknown) => error);
    const waiting = send(operation());
    starter.abort(new Error('job stopped'));
    first.reject(starter.signal.reason);
    expect(await aborted).toEqual(new Error('job stopped'));
    await waiting;
    expect(started).toHaveLength(2);
    expect(started[1]?.signal).not.toBe(starter.signal);
    expect(sent).toEqual(['token-2']);
  });

  it('when a shared login fails with a CloudError, then every waiting operation fails with it and no other login is made', async () => {
    const login = gate<CloudSession>();
    const { started, sent, send } = sessionsUnderTest([login]);
    const both = Promise.allSettled([send(operation()), send(operation())]);
    login.reject(new CloudError('login refused'));
    const outcomes = await both;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason.message)).toEqual([
      'login refused',
      'login refused',
    ]);
    expect(started).toHaveLength(1);
    expect(sent).toEqual([]);
  });

  it('when the cloud answers 401, then the operation logs in again once and repeats the request', async () => {
    const { started, sent, send } = sessionsUnderTest();
    const op = operation();
    const { response, session } = await send(op, [401, 200]);
    expect(response.status).toBe(200);
    expect(session.accessToken).toBe('token-2');
    expect(sent).toEqual(['token-1', 'token-2']);
    expect(started).toHaveLength(2);
    expect(op.reloggedIn).toBe(false);
  });

  it('when the cloud answers 401 right after the new login, then the operation fails with its own error', async () => {
    const { started, send } = sessionsUnderTest();
    await expect(send(operation(), [401, 401])).rejects.toThrow('ended again (401)');
    expect(started).toHaveLength(2);
  });

  it('when an operation meets a second expiry after an answer, then it logs in again (once per expiry, not once per operation)', async () => {
    const { started, sent, send } = sessionsUnderTest();
    const op = operation();
    await send(op, [401, 200]);
    const { response } = await send(op, [401, 200]);
    expect(response.status).toBe(200);
    expect(sent).toEqual(['token-1', 'token-2', 'token-2', 'token-3']);
    expect(started).toHaveLength(3);
  });

  it('when operations meet the same expiry, then one logs in and the others take its session', async () => {
    const { sessions, started } = sessionsUnderTest();
    const answered = gate<void>();
    const carried: string[][] = [[], [], []];
    // Three operations send with token-1 at once; the cloud answers each 401 once.
    const calls = carried.map((tokens) =>
      sessions.send(
        operation(),
        async (session) => {
          tokens.push(session.accessToken);
          if (session.accessToken !== 'token-1') return answer(200);
          await answered.promise;
          return answer(401);
        },
        () => new CloudError('unexpected'),
      ),
    );
    answered.resolve();
    await Promise.all(calls);
    expect(started).toHaveLength(2);
    expect(carried).toEqual([
      ['token-1', 'token-2'],
      ['token-1', 'token-2'],
      ['token-1', 'token-2'],
    ]);
  });

  it('when other operations keep replacing the session before each of its 401s, then a call gives up after a bounded number of logins', async () => {
    let logins = 0;
    const sessions = createCloudSessions<CloudSession, SessionOperation>({
      login: async (op) => {
        logins += 1;
        return { accessToken: `token-${logins}`, fingerprint: op.fingerprint };
      },
      isFresh: () => true,
    });
    const other = (statuses: number[]) =>
      sessions.send(
        operation(),
        async () => answer(statuses.shift() ?? 200),
        () => new CloudError('unexpected'),
      );
    let requests = 0;
    const outcome = sessions
      .send(
        operation(),
        async () => {
          requests += 1;
          // Another operation meets the expiry first and logs in again, then this one gets its 401.
          await other([401, 200]);
          return answer(401);
        },
        () => new CloudError('gave up'),
      )
      .catch((error: Error) => error.message);
    expect(await outcome).toBe('gave up');
    expect(requests).toBe(4);
  });

  it('when a 401 comes with a session another operation already replaced, then the newer session is kept', async () => {
    const { sessions, started, send } = sessionsUnderTest();
    const sentFirst = gate<void>();
    const held = gate<CloudResponse>();
    const carried: string[] = [];
    // The slow operation sends with token-1 and waits for its answer...
    const slow = sessions.send(
      operation(),
      (session) => {
        carried.push(session.accessToken);
        if (carried.length > 1) return Promise.resolve(answer(200));
        sentFirst.resolve();
        return held.promise;
      },
      () => new CloudError('unexpected'),
    );
    await sentFirst.promise;
    // ...while another meets a 401 with token-1 and logs in again (token-2).
    await send(operation(), [401, 200]);
    held.resolve(answer(401));
    await slow;
    expect(carried).toEqual(['token-1', 'token-2']);
    expect(started).toHaveLength(2);
  });

  it('when credentials are the same or differ, then their fingerprints are equal or differ', () => {
    const credentials = { apiKey: 'key', apiSecret: 'secret' };
    expect(credentialsFingerprint({ ...credentials })).toBe(credentialsFingerprint(credentials));
    expect(credentialsFingerprint({ ...credentials, apiSecret: 'rotated' })).not.toBe(
      credentialsFingerprint(credentials),
    );
    expect(credentialsFingerprint(credentials)).not.toContain('secret');
  });
});
