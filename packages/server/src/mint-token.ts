#!/usr/bin/env node
// `pnpm token`: prints a bearer token the server (same environment, same profile) accepts.
// Options: --groups "admin,CCKM Users"  --domain <domain id>  --hours <n>  --user <name>
// Exit codes: 0 printed, 2 bad configuration or options.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_DOMAIN_ID } from './demo/demo-data.ts';
import { mintToken } from './tokens.ts';

try {
  const { values } = parseArgs({
    options: {
      groups: { type: 'string', default: 'admin' },
      domain: { type: 'string', default: DEMO_DOMAIN_ID },
      hours: { type: 'string', default: '8' },
      user: { type: 'string', default: 'admin' },
    },
  });
  const config = loadConfig(process.env);
  if (!config.jwt.secret)
    throw new ConfigError('Tokens can only be minted with JWT_SECRET (the server uses a JWKS)');
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
    throw new ConfigError('--hours must be between 0 and 720');
  const token = await mintToken(config.jwt.secret, {
    domainId: values.domain,
    groups: values.groups
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean),
    username: values.user,
    ttlSeconds: Math.round(hours * 3600),
    ...(config.jwt.issuer ? { issuer: config.jwt.issuer } : {}),
    ...(config.jwt.audience ? { audience: config.jwt.audience } : {}),
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
