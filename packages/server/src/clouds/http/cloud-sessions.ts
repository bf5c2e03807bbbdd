// The login sessions of a cloud connector, in one place (Salesforce and SAP follow the same rules):
// - a session is cached per connection, with the fingerprint of the credentials it logged in with:
//   rotated credentials log in again; the connector says how long a session stays fresh;
// - concurrent operations of one connection (and credentials) share one login (single flight). When
//   that login fails because the operation that started it was aborted (its signal's reason, not a
//   CloudError), the others log in again under their own signal;
// - a 401 ends the session, once per expiry: the first operation to meet it forgets the session and
//   logs in again (the others that meet the same expiry wait for that login and repeat their
//   request with it, without a login of their own). An operation fails only when a 401 comes right
//   after it logged in again, before any other answer: a session that ends again at once is a
//   refusal, not an expiry. A long operation may so outlive any number of expiries, and one that
//   keeps ending the shared session (a group the cloud will not serve) fails alone: the others see
//   each such expiry as one already dealt with (decisions/0107-sessions-end-when-unused.md).
import { createHash } from 'node:crypto';
import { CloudError, type ConnectionRef } from '../cloud-connectors.ts';
import type { CloudResponse } from './cloud-http.ts';

export interface CloudSession {
  accessToken: string;
  /** The credentials' fingerprint when the session logged in (credentialsFingerprint). */
  fingerprint: string;
}

/** One call of a connector (a listing, a query) under one set of credentials and one signal. */
export interface SessionOperation {
  connection: ConnectionRef;
  fingerprint: string;
  signal: AbortSignal;
  /**
   * Whether the operation logged in again since its last answer that was not a 401: a 401 now
   * means the new session ended at once, and fails the operation.
   */
  reloggedIn: boolean;
}

export interface CloudSessionsDeps<Session extends CloudSession, Operation extends SessionOperation> {
  /** Logs in under the operation's credentials and signal. */
  login(operation: Operation): Promise<Session>;
  /** Whether a cached session may still be used. */
  isFresh(session: Session): boolean;
}

export interface CloudSessions<Session extends CloudSession, Operation extends SessionOperation> {
  /**
   * Sends a request with the connection's session (the cached one, or a shared login); on a 401,
   * logs in again (once per expiry, shared) and sends it again. `again` gives the error for a 401
   * right after the operation's new login.
   */
  send(
    operation: Operation,
    request: (session: Session) => Promise<CloudResponse>,
    again: (response: CloudResponse) => CloudError,
  ): Promise<{ response: CloudResponse; session: Session }>;
}

/** A digest of a connection's credentials, to tell a session of rotated credentials. */
export function credentialsFingerprint(credentials: unknown): string {
  return createHash('sha256').update(JSON.stringify(credentials)).digest('base64url');
}

/**
 * Logins one call may go through before it gives up, whatever the cause: a bound for clouds that
 * end every session at once while other operations keep logging in.
 */
const MAX_LOGINS_PER_CALL = 4;

export function createCloudSessions<Session extends CloudSession, Operation extends SessionOperation>(
  deps: CloudSessionsDeps<Session, Operation>,
): CloudSessions<Session, Operation> {
  const sessions = new Map<string, Session>();
  const logins = new Map<string, Promise<Session>>();

  /** The connection's session for the operation's credentials: the cached one, or a (shared) login. */
  async function session(operation: Operation): Promise<Session> {
    const { id } = operation.connection;
    const cached = sessions.get(id);
    if (cached && cached.fingerprint === operation.fingerprint && deps.isFresh(cached)) return cached;
    const key = `${id}\u0000${operation.fingerprint}`;
    let pending = logins.get(key);
    const shared = pending !== undefined;
    if (!pending) {
      pending = deps.login(operation).finally(() => logins.delete(key));
      logins.set(key, pending);
      pending.then(
        (fresh) => sessions.set(id, fresh),
        () => undefined,
      );
    }
    try {
      return await pending;
    } catch (error) {
      // A login shared with another operation that was aborted: log in under our own signal.
      if (!shared || error instanceof CloudError || operation.signal.aborted) throw error;
      return session(operation);
    }
  }

  async function send(
    operation: Operation,
    request: (session: Session) => Promise<CloudResponse>,
    again: (response: CloudResponse) => CloudError,
  ): Promise<{ response: CloudResponse; session: Session }> {
    const { id } = operation.connection;
    for (let logins = 0; ; logins += 1) {
      const current = await session(operation);
      const response = await request(current);
      if (response.status !== 401) {
        operation.reloggedIn = false;
        return { response, session: current };
      }
      // The first operation to meet this expiry forgets the session and logs in again on its own
      // account; the others find the session replaced (or being replaced) and take the new one.
      if (sessions.get(id)?.accessToken === current.accessToken) {
        sessions.delete(id);
        if (operation.reloggedIn) throw again(response);
        operation.reloggedIn = true;
      }
      if (logins + 1 >= MAX_LOGINS_PER_CALL) throw again(response);
    }
  }

  return { send };
}
