// Switching an organization to another connection, after proving the connection reaches it.
import type { SalesforceOrganization } from '@cckm/api-types';
import { CloudError, type SalesforceConnector } from '../../clouds/cloud-connectors.ts';
import type { Clock } from '../../core/clock.ts';
import { settleBefore } from '../../core/deadline.ts';
import type { Identity } from '../../core/identity.ts';
import { ProblemError } from '../../core/problem.ts';
import type { CallTraces, TraceContext } from '../../core/trace-context.ts';
import type { Store } from '../../store/store.ts';
import { toSalesforceOrganization } from './organization-view.ts';

export interface OrganizationServiceDeps {
  store: Store;
  salesforce: SalesforceConnector;
  clock: Clock;
  /** How long to wait for Salesforce to confirm the organization. */
  cloudTimeoutMs: number;
  /** Where the call to Salesforce finds the request's trace context. */
  traces?: Pick<CallTraces, 'bind'>;
}

export function createOrganizationService(deps: OrganizationServiceDeps) {
  return {
    async updateConnection(
      caller: Identity,
      id: string,
      reference: string,
      context: { trace?: TraceContext | undefined } = {},
    ): Promise<SalesforceOrganization> {
      const { domainId } = caller;
      const organization = await deps.store.organizations.get(domainId, id);
      if (!organization) throw new ProblemError('not-found', `No Salesforce organization ${id}`);

      const connection = await deps.store.connections.findByReference(domainId, reference);
      if (!connection) {
        throw new ProblemError(
          'connection-not-found',
          `No connection named or identified ${reference} in this domain`,
        );
      }
      if (connection.cloud !== 'sfdc') {
        throw new ProblemError(
          'connection-not-salesforce',
          `Connection ${connection.name} is a ${connection.cloud} connection, not a Salesforce connection`,
        );
      }
      let reached: string;
      const deadline = AbortSignal.timeout(deps.cloudTimeoutMs);
      deps.traces?.bind(deadline, context.trace);
      try {
        reached = await settleBefore(
          deps.salesforce.identifyOrganization(connection, { signal: deadline }),
          deadline,
        );
      } catch (error) {
        // However the wait ended once the deadline passed (TimeoutError, AbortError, a connector's
        // own error), Salesforce did not answer in time: that is not the connection's fault.
        if (deadline.aborted || (error instanceof CloudError && error.timedOut)) {
          throw new ProblemError(
            'cloud-timeout',
            `Salesforce did not answer within ${formatSeconds(deps.cloudTimeoutMs)} while connection ${connection.name} was checked; nothing was changed. Try again later.`,
          );
        }
        if (!(error instanceof CloudError)) throw error;
        throw new ProblemError(
          'connection-cannot-reach-organization',
          `Connection ${connection.name} cannot reach Salesforce organization ${organization.organization_id}: ${error.message}`,
        );
      }
      if (reached !== organization.organization_id) {
        throw new ProblemError(
          'connection-cannot-reach-organization',
          `Connection ${connection.name} reaches Salesforce organization ${reached}, not ${organization.organization_id}`,
        );
      }
      const now = deps.clock.now();
      if (!(await deps.store.organizations.setConnection(domainId, id, connection.id, now))) {
        throw new ProblemError('not-found', `No Salesforce organization ${id}`);
      }
      return toSalesforceOrganization({
        ...organization,
        connection_id: connection.id,
        connection_name: connection.name,
        updated_at: now,
      });
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;

const formatSeconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
