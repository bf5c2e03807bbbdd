// What `cckm-admin connections ...` does, as functions over the store: add a connection with its
// credentials, list connections (never a secret), replace a secret, remove an unused connection.
// Secrets arrive as strings read by the caller from a file or standard input, never from argv.
// SAP technical-user credentials must be activated once before they log in; with `activate`, add
// and rotateSecret activate them (SAP answers a new secret) and store the new secret, after every
// other check passed, so that a refused name or setting never costs an activation
// (decisions/0109-sap-credentials-activated-by-cckm-admin.md).
import { randomUUID } from 'node:crypto';
import { CloudError } from '../clouds/cloud-connectors.ts';
import type { SalesforceCredentials } from '../clouds/salesforce/salesforce-credentials.ts';
import { activateSapCredentials, type SapCredentials } from '../clouds/sap/sap-connector.ts';
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
  /** Activates SAP credentials, answering them with SAP's new secret (default: over HTTP, 30 s). */
  activateSap?(credentials: SapCredentials): Promise<SapCredentials>;
}

/** What add and rotateSecret may do besides storing. */
export interface SecretOptions {
  /** SAP only: activate the credentials first and store the secret SAP answers. */
  activate?: boolean;
}

const ACTIVATION_TIMEOUT_MS = 30_000;

export function createConnectionAdmin({ store, box, clock, activateSap }: ConnectionAdminDeps) {
  const activate = async (credentials: SapCredentials): Promise<SapCredentials> => {
    try {
      return await (activateSap
        ? activateSap(credentials)
        : activateSapCredentials(credentials, { signal: AbortSignal.timeout(ACTIVATION_TIMEOUT_MS) }));
    } catch (error) {
      if (error instanceof CloudError) throw new CredentialsError(error.message);
      if (error instanceof Error && error.name === 'TimeoutError')
        throw new CredentialsError(
          'SAP Data Custodian did not answer the activation in time; if it went through, the given secret no longer works: create new credentials',
        );
      throw error;
    }
  };

  async function byName(domainId: string, name: string) {
    const connection = await store.connections.findByName(domainId, name);
    if (!connection) throw new CredentialsError(`No connection named ${name} in domain ${domainId}`);
    return connection;
  }

  return {
    async add(connection: NewConnection, options: SecretOptions = {}): Promise<{ id: string }> {
      // The contract refuses control characters in connection names and bounds them to 255
      // characters (code points, as JSON Schema counts), in requests and responses: store none else.
      const characters = [...connection.name];
      if (!connection.name.trim() || characters.some((c) => c < ' ' || c === '\u007f')) {
        throw new CredentialsError('The connection name must be non-empty, without control characters');
      }
      if (characters.length > 255)
        throw new CredentialsError('The connection name must be at most 255 characters');
      if (await store.connections.findByName(connection.domainId, connection.name)) {
        throw new CredentialsError(
          `A connection named ${connection.name} exists already in domain ${connection.domainId}`,
        );
      }
      if (options.activate && connection.cloud !== 'sap')
        throw new CredentialsError('Only SAP Data Custodian credentials are activated');
      const id = randomUUID();
      let sealed =
        connection.cloud === 'sfdc'
          ? sealSalesforceCredentials(box, id, connection.credentials)
          : sealSapCredentials(box, id, connection.credentials);
      if (options.activate && connection.cloud === 'sap')
        sealed = sealSapCredentials(box, id, await activate(connection.credentials));
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

    async rotateSecret(
      domainId: string,
      name: string,
      secret: string,
      options: SecretOptions = {},
    ): Promise<void> {
      const connection = await byName(domainId, name);
      if (!secret) throw new CredentialsError('The new secret is empty');
      let stored = secret;
      if (options.activate) {
        if (connection.cloud !== 'sap')
          throw new CredentialsError('Only SAP Data Custodian credentials are activated');
        const settings = JSON.parse(connection.settings) as Omit<SapCredentials, 'apiSecret'>;
        stored = (await activate({ ...settings, apiSecret: secret })).apiSecret;
      }
      await store.connections.saveCredentials(
        connection.id,
        connection.settings,
        resealSecret(box, connection.id, stored),
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
