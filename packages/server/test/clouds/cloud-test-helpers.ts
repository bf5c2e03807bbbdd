// Shared set-up of the connector tests: the fake clouds on 127.0.0.1 seeded with the seed pages'
// data, credential resolvers over the seeded logins, a fast call policy, and a fetch that
// remembers every secret it carried (access tokens, client secrets, assertions) so tests can
// check that no error message repeats one.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCloudsOptions } from '@cckm/fake-clouds';
import {
  createFakeCloudState,
  type FakeClouds,
  type SeededLogins,
  seedFromSeedPages,
  startFakeClouds,
} from '@cckm/fake-clouds';
import { CloudError, type ConnectionRef } from '../../src/clouds/cloud-connectors.ts';
import type { CallPolicy } from '../../src/clouds/http/cloud-http.ts';
import type { SalesforceCredentials } from '../../src/clouds/salesforce/salesforce-credentials.ts';
import type { SapCredentials } from '../../src/clouds/sap/sap-connector.ts';

/** Small delays so retries take milliseconds; timeouts generous enough for a loaded machine. */
export const FAST_POLICY: Partial<CallPolicy> = {
  timeoutMs: 5_000,
  maxAttempts: 3,
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetryAfterMs: 5_000,
  concurrency: 4,
};

export function connection(name: string): ConnectionRef {
  return { id: `id-of-${name}`, name };
}

export interface CloudFixture {
  clouds: FakeClouds;
  logins: SeededLogins;
  /** Extra credentials by connection name (override or add to the seeded ones). */
  extraSalesforce: Map<string, SalesforceCredentials>;
  salesforceCredentials(connection: ConnectionRef): Promise<SalesforceCredentials>;
  sapCredentials(connection: ConnectionRef): Promise<SapCredentials>;
  /** Every secret value that went over the wire or sits in a credential. */
  secrets: Set<string>;
  /** A fetch that records secrets (and counts calls) before calling the real one. */
  fetch: typeof fetch;
  calls: { count: number };
}

export async function startCloudFixture(options: FakeCloudsOptions = {}): Promise<CloudFixture> {
  const state = createFakeCloudState();
  const logins = seedFromSeedPages(state);
  const clouds = await startFakeClouds({ ...options, state });
  const secrets = new Set<string>();
  const extraSalesforce = new Map<string, SalesforceCredentials>();
  const calls = { count: 0 };
  const remember = (value: string | null | undefined) => {
    if (value && value.length >= 8) secrets.add(value);
  };
  for (const login of Object.values(logins.salesforce)) {
    if (login.flow === 'jwt-bearer') remember(login.privateKeyPem);
    else remember(login.clientSecret);
  }
  for (const login of Object.values(logins.sap)) remember(login.apiSecret);

  const recordingFetch: typeof fetch = async (input, init) => {
    calls.count += 1;
    const headers = new Headers(init?.headers);
    remember(headers.get('authorization')?.replace(/^Bearer /, ''));
    if (typeof init?.body === 'string') {
      const form = new URLSearchParams(init.body);
      remember(form.get('assertion'));
      remember(form.get('client_secret'));
      if (init.body.startsWith('{')) remember((JSON.parse(init.body) as { secret?: string }).secret);
    }
    const response = await fetch(input, init);
    if (response.ok && String(input).match(/oauth2\/token|auth\/request/)) {
      const body = (await response.clone().json()) as { access_token?: string; accessToken?: string };
      remember(body.access_token);
      remember(body.accessToken);
    }
    return response;
  };

  return {
    clouds,
    logins,
    extraSalesforce,
    secrets,
    calls,
    fetch: recordingFetch,
    async salesforceCredentials(ref) {
      const extra = extraSalesforce.get(ref.name);
      if (extra) {
        remember(extra.flow === 'jwt-bearer' ? extra.privateKeyPem : extra.clientSecret);
        return extra;
      }
      const login = logins.salesforce[ref.name];
      if (!login) throw new CloudError(`connection ${ref.name} has no Salesforce credentials`);
      return clouds.salesforceCredentials(login);
    },
    async sapCredentials(ref) {
      const login = logins.sap[ref.name];
      if (!login) throw new CloudError(`connection ${ref.name} has no SAP credentials`);
      return clouds.sapCredentials(login);
    },
  };
}

/** Runs `work` and returns what it threw (fails the test when nothing was thrown). */
export async function failure(work: () => Promise<unknown>): Promise<Error> {
  try {
    await work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure, got none');
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const collected: T[][] = [];
  for await (const page of pages) collected.push(page);
  return collected;
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The PEM body lines of a key, the parts a leak would show. */
export function pemLines(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length > 40 && !line.startsWith('-----'));
}
