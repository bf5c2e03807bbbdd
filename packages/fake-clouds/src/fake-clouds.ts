// Starts the fake clouds on loopback: one HTTP listener that answers at Salesforce's paths
// (`/services/oauth2/token`, `/services/data/vNN.N/query`, `/id/...`) and at SAP Data Custodian's
// (`/kms/v2/...`). The two never share a path, so each connector sees only "its" cloud at the base
// URL it is given. Nothing starts until `startFakeClouds` is called.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultEngine, type FaultApi } from './faults.ts';
import {
  createSalesforceFake,
  type SalesforceFake,
  type SalesforceFakeOptions,
  type SalesforceSessions,
} from './salesforce/salesforce-fake.ts';
import { createSapFake, type SapFake, type SapFakeOptions, type SapSessions } from './sap/sap-fake.ts';
import { type SalesforceLogin, type SapLogin, type SeededLogins, seedFromSeedPages } from './seed.ts';
import { createFakeCloudState, type FakeCloudState } from './state.ts';

export interface FakeCloudsOptions {
  /** TCP port (default 0: any free port). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** The data to serve (default: empty; fill it with the seeders or directly). */
  state?: FakeCloudState;
  salesforce?: SalesforceFakeOptions;
  sap?: SapFakeOptions;
  /** Latency added to every request (a fault rule; remove it with `faults.clear()`). */
  latencyMs?: number;
}

export type SalesforceCredentialsWithUrls =
  | (Extract<SalesforceLogin, { flow: 'jwt-bearer' }> & { loginUrl: string })
  | (Extract<SalesforceLogin, { flow: 'client-credentials' }> & { myDomainUrl: string });

export interface FakeClouds {
  urls: {
    /** Login URL, My Domain URL and instance URL of every fake organization. */
    salesforce: string;
    /** The SAP KMS API endpoint, version path included (`.../kms/v2`). */
    sap: string;
  };
  state: FakeCloudState;
  faults: FaultApi;
  salesforce: { sessions: SalesforceSessions; options: SalesforceFake['options'] };
  sap: { sessions: SapSessions; options: SapFake['options'] };
  /** A seeded login with the URLs of this instance. */
  salesforceCredentials(login: SalesforceLogin): SalesforceCredentialsWithUrls;
  sapCredentials(login: SapLogin): SapLogin & { apiEndpoint: string };
  close(): Promise<void>;
}

export async function startFakeClouds(options: FakeCloudsOptions = {}): Promise<FakeClouds> {
  const state = options.state ?? createFakeCloudState();
  const faults = createFaultEngine();
  let origin = '';
  const salesforce = createSalesforceFake(state, faults, () => origin, options.salesforce);
  const sap = createSapFake(state, faults, options.sap);
  if (options.latencyMs) faults.api.latency(options.latencyMs);

  const server = createServer((request, response) => {
    const handler = (request.url ?? '').startsWith('/kms/') ? sap : salesforce;
    void handler.handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  return {
    urls: { salesforce: origin, sap: `${origin}/kms/v2` },
    state,
    faults: faults.api,
    salesforce: { sessions: salesforce.sessions, options: salesforce.options },
    sap: { sessions: sap.sessions, options: sap.options },
    salesforceCredentials: (login) =>
      login.flow === 'jwt-bearer' ? { ...login, loginUrl: origin } : { ...login, myDomainUrl: origin },
    sapCredentials: (login) => ({ ...login, apiEndpoint: `${origin}/kms/v2` }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** What a connection needs to reach these clouds, by connection name: each seeded login with the URLs. */
export type ConnectionCredentials = Record<
  string,
  SalesforceCredentialsWithUrls | (SapLogin & { apiEndpoint: string })
>;

export interface DemoClouds {
  clouds: FakeClouds;
  state: FakeCloudState;
  /** The demo connections' credentials (what `pnpm start` hands the server). */
  credentials: ConnectionCredentials;
}

/** Fake clouds seeded with the seed pages' data, and the demo connections' credentials for them. */
export async function startDemoClouds(options: Omit<FakeCloudsOptions, 'state'> = {}): Promise<DemoClouds> {
  const state = createFakeCloudState();
  const logins: SeededLogins = seedFromSeedPages(state);
  const clouds = await startFakeClouds({ ...options, state });
  const credentials: ConnectionCredentials = {
    ...Object.fromEntries(
      Object.entries(logins.salesforce).map(([name, login]) => [name, clouds.salesforceCredentials(login)]),
    ),
    ...Object.fromEntries(
      Object.entries(logins.sap).map(([name, login]) => [name, clouds.sapCredentials(login)]),
    ),
  };
  return { clouds, state, credentials };
}
