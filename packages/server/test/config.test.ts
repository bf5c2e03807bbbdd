import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, settings } from '../src/index.ts';

describe('loadConfig', () => {
  test('when the dev profile is chosen, then demo defaults fill in and the result is frozen', () => {
    const config = loadConfig({ CCKM_PROFILE: 'dev' });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      database: { kind: 'sqlite', filename: './data/cckm.sqlite' },
      demoData: true,
      validateResponses: true,
    });
    expect(config.jwt.secret?.length).toBeGreaterThanOrEqual(32);
    expect(Object.isFrozen(config.jwt)).toBe(true);
    expect(config.connectionSecretsKey).toHaveLength(32);
  });

  test('when production has no JWT secret or JWKS, then it refuses to start', () => {
    expect(() => loadConfig({})).toThrow(
      new ConfigError(
        'Invalid configuration:\n  JWT_SECRET: set JWT_SECRET or JWT_JWKS_URL (or CCKM_PROFILE=dev)',
      ),
    );
  });

  test('when several values are bad, then every one is listed', () => {
    let message = '';
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        JWT_SECRET: 'short',
        LOG_LEVEL: 'loud',
        CONNECTION_SECRETS_KEY: 'not-a-key',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['PORT', 'DATABASE_URL', 'JWT_SECRET', 'LOG_LEVEL', 'CONNECTION_SECRETS_KEY'])
      expect(message).toContain(`  ${name}:`);
  });

  test('when a PostgreSQL URL is given, then the postgres dialect is chosen', () => {
    const config = loadConfig({ JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://root@127.0.0.1/test' });
    expect(config.database).toEqual({ kind: 'postgres', connectionString: 'postgres://root@127.0.0.1/test' });
    expect(config.validateResponses).toBe(false);
    expect(config.demoData).toBe(false);
    expect(config.connectionSecretsKey).toBeUndefined();
  });

  test('when CONNECTION_SECRETS_KEY is given as hex or base64, then it is the same 32-byte key', () => {
    const key = Buffer.alloc(32, 7);
    const fromHex = loadConfig({ JWT_SECRET: 'x'.repeat(32), CONNECTION_SECRETS_KEY: key.toString('hex') });
    const fromBase64 = loadConfig({
      JWT_SECRET: 'x'.repeat(32),
      CONNECTION_SECRETS_KEY: key.toString('base64'),
    });
    expect(fromHex.connectionSecretsKey?.equals(key)).toBe(true);
    expect(fromBase64.connectionSecretsKey?.equals(key)).toBe(true);
  });

  test("when SALESFORCE_INSTANCE_DOMAINS is absent, set or bad, then Salesforce's domains, the list given, or an error", () => {
    const secret = { JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(secret).salesforceInstanceDomains).toEqual([
      'salesforce.com',
      'force.com',
      'salesforce.mil',
      'sfcrmproducts.cn',
      'cloudforce.com',
    ]);
    expect(
      loadConfig({ ...secret, SALESFORCE_INSTANCE_DOMAINS: ' Salesforce.com, crm.example ' })
        .salesforceInstanceDomains,
    ).toEqual(['salesforce.com', 'crm.example']);
    expect(() => loadConfig({ ...secret, SALESFORCE_INSTANCE_DOMAINS: 'http://x.example' })).toThrow(
      'SALESFORCE_INSTANCE_DOMAINS.0: must be domain names',
    );
  });
});

describe('settings', () => {
  test('when the settings are listed (cckm-server --help), then each says what it is for', () => {
    expect(settings.length).toBeGreaterThan(20);
    for (const setting of settings) expect(setting.description, setting.name).not.toBe('');
  });
});
