// What `cckm-admin connections ...` does, as functions over the store: add a connection with its
// credentials, list connections (never a secret), replace a secret, remove an unused connection.
// Secrets arrive as strings read by the caller from a file or standard input, never from argv.
import { randomUUID } from 'node:crypto';
import type { SalesforceCredentials } from '../clouds/salesforce/salesforce-credentials.ts';
import type { SapCredentials } from '../clouds/sap/sap-connector.ts';
import type { Clock } from '../core/clock.ts';
import type { SecretBox } from '../core/secret-box.ts';
import type { ListedConnection } from '../store/connection-repository.ts';
import type { Store } from '../store/store.ts';
import {
  CredentialsError,
  resealSecret,
  sealSalesforceCredentials,
  sealSapCredentials,
} from './connection-credentials.ts';

export type NewConnection =
  | { cloud: 'sfdc'; domainId: string; name: string; credentials: SalesforceCredentials }
  | { cloud: 'sap'; domainId: string; name: string; credentials: SapCredentials };

export interface ConnectionAdminDeps {
  store: Store;
  box: SecretBox;
  clock: Clock;
}

export function createConnectionAdmin({ store, box, clock }: ConnectionAdminDeps) {
  async function byName(domainId: string, name: string) {
    const connection = await store.connections.findByName(domainId, name);
    if (!connection) throw new CredentialsError(`No connection named ${name} in domain ${domainId}`);
    return connection;
  }

  return {
    async add(connection: NewConnection): Promise<{ id: string }> {
      // The contract refuses control characters in connection names; refuse to store any.
      if (!connection.name.trim() || [...connection.name].some((c) => c < ' ' || c === '\u007f')) {
        throw new CredentialsError('The connection name must be non-empty, without control characters');
      }
      if (await store.connections.findByName(connection.domainId, connection.name)) {
        throw new CredentialsError(
          `A connection named ${connection.name} exists already in domain ${connection.domainId}`,
        );
      }
      const id = randomUUID();
      const sealed =
        connection.cloud === 'sfdc'
          ? sealSalesforceCredentials(box, id, connection.credentials)
          : sealSapCredentials(box, id, connection.credentials);
      const now = clock.now();
      await store.connections.insert({
        id,
        domain_id: connection.domainId,
        name: connection.name,
        cloud: connection.cloud,
        settings: sealed.settings,
        sealed_secret: sealed.sealedSecret,
        created_at: now,
        updated_at: now,
      });
      return { id };
    },

    list: (domainId?: string): Promise<ListedConnection[]> => store.connections.list(domainId),

    async rotateSecret(domainId: string, name: string, secret: string): Promise<void> {
      const connection = await byName(domainId, name);
      await store.connections.saveCredentials(
        connection.id,
        connection.settings,
        resealSecret(box, connection.id, secret),
        clock.now(),
      );
    },

    async remove(domainId: string, name: string): Promise<void> {
      const connection = await byName(domainId, name);
      const result = await store.connections.remove(domainId, connection.id);
      if (result === 'in-use') {
        throw new CredentialsError(
          `Connection ${name} is still used by an organization or group; switch them first`,
        );
      }
    },
  };
}
