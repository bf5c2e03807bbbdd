// Deleting the backup of a destroyed tenant secret.
import type { TenantSecret } from '@cckm/api-types';
import type { Clock } from '../../core/clock.ts';
import type { Identity } from '../../core/identity.ts';
import { ProblemError } from '../../core/problem.ts';
import type { Store } from '../../store/store.ts';
import { toTenantSecret } from './tenant-secret-view.ts';

export interface TenantSecretServiceDeps {
  store: Store;
  clock: Clock;
}

export function createTenantSecretService(deps: TenantSecretServiceDeps) {
  return {
    /**
     * Shreds the backup of a DESTROYED secret and answers the record as it was. The record stays
     * as a tombstone: later synchronizations skip that Salesforce secret instead of restoring it.
     */
    async deleteBackup(caller: Identity, id: string): Promise<TenantSecret> {
      const { domainId } = caller;
      return deps.store.transaction(async (tx) => {
        const secret = await tx.tenantSecrets.get(domainId, id);
        if (!secret) throw new ProblemError('not-found', `No tenant secret ${id}`);
        if (secret.status !== 'DESTROYED') {
          throw new ProblemError(
            'secret-not-destroyed',
            `The backup of tenant secret ${id} can only be deleted once the secret is DESTROYED; its status is ${secret.status}`,
          );
        }
        const organization = await tx.organizations.get(domainId, secret.organization_id);
        const view = toTenantSecret(secret, organization?.organization_id ?? '');
        // The status is checked again by the UPDATE itself: a sync that revived the secret wins.
        if (!(await tx.tenantSecrets.deleteBackupOfDestroyed(domainId, id, deps.clock.now()))) {
          throw new ProblemError(
            'secret-not-destroyed',
            `Tenant secret ${id} changed status while its backup was being deleted`,
          );
        }
        return view;
      });
    },
  };
}

export type TenantSecretService = ReturnType<typeof createTenantSecretService>;
