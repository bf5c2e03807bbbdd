// An in-process simulation of Salesforce and SAP Data Custodian, for development, demos and
// tests: organizations with tenant secrets, SAP groups with keys, connections that reach them,
// configurable latency, injectable failures, and a count of the calls in flight.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CallOptions,
  type CloudConnectors,
  CloudError,
  type ConnectionRef,
  type SalesforceTenantSecretRecord,
  type SapKeyRecord,
} from '../cloud-connectors.ts';

export interface SandboxState {
  /** Connection name -> the Salesforce org ID it logs in to (absent: it cannot log in). */
  salesforceLogins: Map<string, string>;
  /** Salesforce org ID -> its tenant secrets. */
  tenantSecrets: Map<string, SalesforceTenantSecretRecord[]>;
  /** SAP group ID -> its keys. */
  sapKeys: Map<string, SapKeyRecord[]>;
}

export type SandboxOperation = 'identifyOrganization' | 'listTenantSecrets' | 'listKeys';

export interface SandboxOptions {
  latencyMs?: number;
  pageSize?: number;
  /** Return an error to make that call fail (the target is an org ID, group ID or connection name). */
  failure?: (operation: SandboxOperation, target: string) => Error | undefined;
}

export interface SandboxClouds extends CloudConnectors {
  state: SandboxState;
  options: SandboxOptions;
  stats: { calls: number; inFlight: number; peakInFlight: number };
}

export function emptySandboxState(): SandboxState {
  return { salesforceLogins: new Map(), tenantSecrets: new Map(), sapKeys: new Map() };
}

export function createSandboxClouds(state: SandboxState, options: SandboxOptions = {}): SandboxClouds {
  const stats = { calls: 0, inFlight: 0, peakInFlight: 0 };

  async function call<T>(
    operation: SandboxOperation,
    target: string,
    signal: AbortSignal,
    work: () => T,
  ): Promise<T> {
    stats.calls += 1;
    stats.inFlight += 1;
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    try {
      signal.throwIfAborted();
      if (options.latencyMs) await sleep(options.latencyMs, undefined, { signal });
      const failure = options.failure?.(operation, target);
      if (failure) throw failure;
      return work();
    } finally {
      stats.inFlight -= 1;
    }
  }

  async function* pages<T>(
    operation: SandboxOperation,
    target: string,
    items: () => T[],
    signal: AbortSignal,
  ) {
    const all = await call(operation, target, signal, items);
    const size = options.pageSize ?? 2000;
    yield all.slice(0, size);
    for (let start = size; start < all.length; start += size) {
      yield await call(operation, target, signal, () => all.slice(start, start + size));
    }
  }

  return {
    state,
    options,
    stats,
    salesforce: {
      identifyOrganization: (connection: ConnectionRef, { signal }: CallOptions) =>
        call('identifyOrganization', connection.name, signal, () => {
          const organizationId = state.salesforceLogins.get(connection.name);
          if (!organizationId)
            throw new CloudError(`Salesforce refused the login of connection ${connection.name}`);
          return organizationId;
        }),
      listTenantSecrets: (_connection: ConnectionRef, organizationId: string, { signal }: CallOptions) =>
        pages(
          'listTenantSecrets',
          organizationId,
          () => {
            const secrets = state.tenantSecrets.get(organizationId);
            if (!secrets) throw new CloudError(`Salesforce organization ${organizationId} is not reachable`);
            return secrets.map((secret) => ({ ...secret }));
          },
          signal,
        ),
    },
    sap: {
      listKeys: (_connection: ConnectionRef, groupId: string, { signal }: CallOptions) =>
        pages(
          'listKeys',
          groupId,
          () => {
            const keys = state.sapKeys.get(groupId);
            if (!keys) throw new CloudError(`SAP group ${groupId} is not reachable`);
            return keys.map((key) => ({ ...key }));
          },
          signal,
        ),
    },
  };
}
