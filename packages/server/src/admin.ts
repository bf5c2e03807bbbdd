#!/usr/bin/env node
// cckm-admin: manages connections and their credentials in the server's database (same
// environment as the server: DATABASE_URL, CONNECTION_SECRETS_KEY, CCKM_PROFILE).
// Secrets are read from a file or standard input (`--secret-file -`), never from the command line,
// and never printed. Exit codes: 0 done, 1 refused (unknown connection, in use, bad credentials),
// 2 usage or configuration.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createConnectionAdmin, type NewConnection } from './connections/connection-admin.ts';
import { CredentialsError, verifySecretsKey } from './connections/connection-credentials.ts';
import { systemClock } from './core/clock.ts';
import { createSecretBox } from './core/secret-box.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import { DEMO_DOMAIN_ID } from './demo/demo-data.ts';
import { createStore } from './store/store.ts';

const USAGE = `Usage: cckm-admin connections <command> [options]

Commands:
  list                      the connections (never their secrets) [--domain <id>] [--json]
  add                       a connection with its credentials:
      --name <name> --cloud sfdc --flow jwt-bearer --login-url <url> --client-id <key>
                    --username <user> --secret-file <private key PEM file | ->
                    [--audience https://login.salesforce.com | https://test.salesforce.com]
      --name <name> --cloud sfdc --flow client-credentials --my-domain-url <url>
                    --client-id <key> --secret-file <client secret file | ->
      --name <name> --cloud sap --api-endpoint <url> --api-key <key> --secret-file <file | ->
                    [--activate: activate new credentials first; the secret SAP answers is stored]
      [--api-version 62.0] [--instance-domains salesforce.com,force.com] [--domain <id>]
  rotate-secret             replace a connection's secret: --name <name> --secret-file <file | -> [--activate] [--domain <id>]
  remove                    remove a connection no organization or group uses: --name <name> [--domain <id>]

--domain defaults to the demo domain (${DEMO_DOMAIN_ID}). "-" reads the secret from standard input.
The database and key come from the environment, as for the server (DATABASE_URL, CONNECTION_SECRETS_KEY).
`;

const OPTIONS = {
  domain: { type: 'string', default: DEMO_DOMAIN_ID },
  name: { type: 'string' },
  cloud: { type: 'string' },
  flow: { type: 'string' },
  'login-url': { type: 'string' },
  'my-domain-url': { type: 'string' },
  'client-id': { type: 'string' },
  username: { type: 'string' },
  'api-endpoint': { type: 'string' },
  'api-key': { type: 'string' },
  'api-version': { type: 'string' },
  audience: { type: 'string' },
  'instance-domains': { type: 'string' },
  'secret-file': { type: 'string' },
  activate: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

class UsageError extends Error {}

async function readSecret(file: string | undefined): Promise<string> {
  if (!file)
    throw new UsageError(
      '--secret-file <file | -> is required (secrets are never taken from the command line)',
    );
  const chunks: Buffer[] = [];
  if (file === '-') for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = file === '-' ? Buffer.concat(chunks).toString('utf8') : await readFile(file, 'utf8');
  // A PEM keeps its line breaks; a one-line secret loses the newline an editor or echo adds.
  return text.includes('-----BEGIN') ? text.trim() : text.replace(/\r?\n$/, '');
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [group, command] = positionals;
  if (values.help || !group) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (group !== 'connections' || !command) throw new UsageError(`Unknown command: ${positionals.join(' ')}`);

  // cckm-admin verifies no token: the JWT settings are the server's business.
  const config: Config = loadConfig(process.env, { verifiesTokens: false });
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const store = createStore(db);
    if (command === 'list') {
      const connections = await store.connections.list(values.domain);
      if (values.json) process.stdout.write(`${JSON.stringify(connections, null, 2)}\n`);
      else {
        for (const connection of connections) {
          const settings = JSON.parse(connection.settings) as Record<string, string>;
          const where =
            settings.loginUrl ?? settings.myDomainUrl ?? settings.apiEndpoint ?? '(no credentials)';
          process.stdout.write(
            `${connection.name}\t${connection.cloud}\t${settings.flow ?? (connection.cloud === 'sap' ? 'technical-user' : '-')}\t${where}\t${connection.has_secret ? 'secret stored' : 'no secret'}\t${connection.id}\n`,
          );
        }
      }
      return 0;
    }
    if (!config.connectionSecretsKey) {
      throw new ConfigError(
        'Invalid configuration:\n  CONNECTION_SECRETS_KEY: set the key that seals connection secrets',
      );
    }
    const box = createSecretBox(config.connectionSecretsKey);
    await verifySecretsKey(store, box);
    const admin = createConnectionAdmin({ store, box, clock: systemClock() });
    const name = required(values, 'name');
    if (command === 'add') {
      const common = {
        ...(values['api-version'] ? { apiVersion: values['api-version'] } : {}),
        ...(values['instance-domains']
          ? { instanceDomains: values['instance-domains'].split(',').map((domain) => domain.trim()) }
          : {}),
      };
      let connection: NewConnection;
      if (values.cloud === 'sap') {
        connection = {
          cloud: 'sap',
          domainId: values.domain,
          name,
          credentials: {
            apiEndpoint: required(values, 'api-endpoint'),
            apiKey: required(values, 'api-key'),
            apiSecret: await readSecret(values['secret-file']),
          },
        };
      } else if (values.cloud === 'sfdc') {
        const clientId = required(values, 'client-id');
        const secret = await readSecret(values['secret-file']);
        const credentials =
          values.flow === 'jwt-bearer'
            ? {
                flow: 'jwt-bearer' as const,
                loginUrl: required(values, 'login-url'),
                ...(values.audience ? { audience: values.audience } : {}),
                clientId,
                username: required(values, 'username'),
                privateKeyPem: secret,
                ...common,
              }
            : values.flow === 'client-credentials'
              ? {
                  flow: 'client-credentials' as const,
                  myDomainUrl: required(values, 'my-domain-url'),
                  clientId,
                  clientSecret: secret,
                  ...common,
                }
              : undefined;
        if (!credentials) throw new UsageError('--flow must be jwt-bearer or client-credentials');
        connection = { cloud: 'sfdc', domainId: values.domain, name, credentials };
      } else {
        throw new UsageError('--cloud must be sfdc or sap');
      }
      const { id } = await admin.add(connection, { activate: values.activate === true });
      process.stdout.write(
        `Added connection ${name} (${id}); ${values.activate ? 'its credentials were activated and the secret SAP answered is' : 'its secret is'} stored sealed.\n`,
      );
    } else if (command === 'rotate-secret') {
      await admin.rotateSecret(values.domain, name, await readSecret(values['secret-file']), {
        activate: values.activate === true,
      });
      process.stdout.write(
        `Replaced the secret of connection ${name}${values.activate ? ' with the one SAP answered to the activation' : ''}.\n`,
      );
    } else if (command === 'remove') {
      await admin.remove(values.domain, name);
      process.stdout.write(`Removed connection ${name}.\n`);
    } else {
      throw new UsageError(`Unknown command: connections ${command}`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CredentialsError) {
      process.stderr.write(`${message}\n`);
      process.exit(1);
    }
    process.stderr.write(
      `${message}\n${error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? `\n${USAGE}` : ''}`,
    );
    process.exit(2);
  },
);
