// Shared test helpers: a fake-clouds instance with the seed pages' data, a JWT signer written with
// node:crypto only (independent of any client library), and logins.
import { sign } from 'node:crypto';
import {
  createFakeCloudState,
  type FakeClouds,
  type FakeCloudsOptions,
  seedFromSeedPages,
  startFakeClouds,
} from '../src/index.ts';
import type { SeededLogins } from '../src/seed.ts';

export async function startSeeded(
  options: FakeCloudsOptions = {},
): Promise<{ clouds: FakeClouds; logins: SeededLogins }> {
  const state = createFakeCloudState();
  const logins = seedFromSeedPages(state);
  const clouds = await startFakeClouds({ ...options, state });
  return { clouds, logins };
}

export function signJwt(
  claims: Record<string, unknown>,
  privateKeyPem: string,
  header: Record<string, unknown> = { alg: 'RS256' },
): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = sign('sha256', Buffer.from(signingInput), privateKeyPem).toString('base64url');
  return `${signingInput}.${signature}`;
}

export function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

/** Logs in with a client-credentials login and returns the access token. */
export async function clientCredentialsToken(clouds: FakeClouds, clientId: string, clientSecret: string) {
  const response = await postForm(`${clouds.urls.salesforce}/services/oauth2/token`, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
  const body = (await response.json()) as { access_token: string; instance_url: string };
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.access_token;
}

export function query(clouds: FakeClouds, token: string, soql: string, version = '62.0') {
  return fetch(`${clouds.urls.salesforce}/services/data/v${version}/query?q=${encodeURIComponent(soql)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

export function login<T extends SeededLogins['salesforce'][string]['flow']>(
  logins: SeededLogins,
  name: string,
  flow: T,
): Extract<SeededLogins['salesforce'][string], { flow: T }> {
  const found = logins.salesforce[name];
  if (!found || found.flow !== flow) throw new Error(`no ${flow} login ${name}`);
  return found as Extract<SeededLogins['salesforce'][string], { flow: T }>;
}
