#!/usr/bin/env node
// `pnpm token`: prints a bearer token the server (same environment, same profile) accepts.
// Options: --groups "admin,CCKM Users"  --domain <domain id>  --hours <n>  --user <name>  --help
// Only the dev profile mints tokens (a production key is for the identity provider, not a script).
// Exit codes: 0 printed, 2 bad configuration or options.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_DOMAIN_ID } from './demo/demo-data.ts';
import { mintToken } from './tokens.ts';

const USAGE = `Usage: pnpm token [--groups "admin,CCKM Users"] [--domain <domain id>] [--hours <n>] [--user <name>]

Prints a bearer token the dev server accepts (HS256 with the dev profile's JWT secret).
  --groups   comma-separated groups (default admin; "CCKM Users" may only list jobs)
  --domain   the domain ID (default the demo domain ${DEMO_DOMAIN_ID})
  --hours    lifetime, up to 720 (default 8)
  --user     preferred_username (default admin)
`;

try {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean' },
      groups: { type: 'string', default: 'admin' },
      domain: { type: 'string', default: DEMO_DOMAIN_ID },
      hours: { type: 'string', default: '8' },
      user: { type: 'string', default: 'admin' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const config = loadConfig(process.env);
  if (config.profile !== 'dev')
    throw new ConfigError('Tokens are minted only in the dev profile (CCKM_PROFILE=dev)');
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
