import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addConnectedApp, addOrganization, addUser, generateSigningKeyPair, SEED } from '../src/index.ts';
import { login, postForm, signJwt, startSeeded } from './helpers.ts';

let fake: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  fake = await startSeeded();
});
afterAll(() => fake.clouds.close());

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function tokenUrl() {
  return `${fake.clouds.urls.salesforce}/services/oauth2/token`;
}

function claims(overrides: Record<string, unknown> = {}) {
  const jwt = login(fake.logins, 'sfdc-connection', 'jwt-bearer');
  return {
    iss: jwt.clientId,
    sub: jwt.username,
    aud: 'https://login.salesforce.com',
    exp: Math.floor(Date.now() / 1000) + 120,
    ...overrides,
  };
}

function jwtLogin(assertion: string) {
  return postForm(tokenUrl(), { grant_type: JWT_GRANT, assertion });
}

describe('Salesforce token endpoint, JWT bearer flow', () => {
  it('when the assertion is signed by the registered key, then it answers a session of the org', async () => {
    const { privateKeyPem } = login(fake.logins, 'sfdc-connection', 'jwt-bearer');
    const response = await jwtLogin(signJwt(claims(), privateKeyPem));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toMatchObject({
      token_type: 'Bearer',
      instance_url: fake.clouds.urls.salesforce,
      scope: 'api',
    });
    expect(body.id).toMatch(new RegExp(`/id/${SEED.organizations.thales.id}/005[A-Za-z0-9]{15}$`));
    expect(body.access_token?.startsWith(`${SEED.organizations.thales.id.slice(0, 15)}!`)).toBe(true);
    expect(Number(body.issued_at)).toBeGreaterThan(0);
    expect(body.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it.each([
    [
      'signed by another key',
      () => signJwt(claims(), generateSigningKeyPair().privateKeyPem),
      'invalid assertion',
    ],
    [
      'expired',
      (key: string) => signJwt(claims({ exp: Math.floor(Date.now() / 1000) - 5 }), key),
      'expired authorization code',
    ],
    [
      'valid for more than 3 minutes',
      (key: string) => signJwt(claims({ exp: Math.floor(Date.now() / 1000) + 600 }), key),
      'exp is too far',
    ],
    [
      "for the login URL's own origin (a My Domain)",
      (key: string) => signJwt(claims({ aud: fake.clouds.urls.salesforce }), key),
      'audience is invalid',
    ],
    [
      'for a sandbox, while the org is a production org',
      (key: string) => signJwt(claims({ aud: 'https://test.salesforce.com' }), key),
      'audience is invalid',
    ],
    [
      'for an unknown user',
      (key: string) => signJwt(claims({ sub: 'nobody@example.com' }), key),
      "user hasn't approved",
    ],
    ['not RS256', (key: string) => signJwt(claims(), key, { alg: 'HS256' }), 'algorithm'],
    ['not a JWT', () => 'not-a-jwt', 'invalid assertion'],
  ])('when the assertion is %s, then 400 invalid_grant', async (_name, make, description) => {
    const { privateKeyPem } = login(fake.logins, 'sfdc-connection', 'jwt-bearer');
    const response = await jwtLogin(make(privateKeyPem));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_grant');
    expect(body.error_description).toContain(description);
  });

  it('when the claims were changed after signing, then the signature no longer matches', async () => {
    const { privateKeyPem } = login(fake.logins, 'sfdc-connection', 'jwt-bearer');
    const [header, , signature] = signJwt(claims(), privateKeyPem).split('.');
    const other = Buffer.from(JSON.stringify(claims({ sub: 'integration@thales-europe.example' }))).toString(
      'base64url',
    );
    const response = await jwtLogin(`${header}.${other}.${signature}`);
    expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
  });

  it('when the app registered a bare public key instead of a certificate, then assertions verify too', async () => {
    const keys = generateSigningKeyPair();
    const jwt = login(fake.logins, 'sfdc-connection', 'jwt-bearer');
    addConnectedApp(fake.clouds.state, {
      clientId: 'bare-key-app',
      organizationId: SEED.organizations.thales.id,
      certificatePem: keys.publicKeyPem,
      approvedUsers: [jwt.username],
    });
    const response = await jwtLogin(
      signJwt(claims({ iss: 'bare-key-app', sub: jwt.username }), keys.privateKeyPem),
    );
    expect(response.status).toBe(200);
  });

  it('when the org is a sandbox, then only the sandbox audience is accepted', async () => {
    const keys = generateSigningKeyPair();
    const sandbox = addOrganization(fake.clouds.state, { Name: 'Sandbox', IsSandbox: true });
    const user = addUser(fake.clouds.state, sandbox.Id, 'integration@sandbox.example');
    addConnectedApp(fake.clouds.state, {
      clientId: 'sandbox-app',
      organizationId: sandbox.Id,
      certificatePem: keys.publicKeyPem,
      approvedUsers: [user.username],
    });
    const as = (aud: string) =>
      jwtLogin(signJwt(claims({ iss: 'sandbox-app', sub: user.username, aud }), keys.privateKeyPem));
    expect((await as('https://test.salesforce.com')).status).toBe(200);
    const refused = await as('https://login.salesforce.com');
    expect(await refused.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'audience is invalid',
    });
  });

  it("when the app pre-approved nobody (Salesforce's default), then the JWT flow is refused for every user", async () => {
    const keys = generateSigningKeyPair();
    const jwt = login(fake.logins, 'sfdc-connection', 'jwt-bearer');
    addConnectedApp(fake.clouds.state, {
      clientId: 'self-authorize-app',
      organizationId: SEED.organizations.thales.id,
      certificatePem: keys.publicKeyPem,
    });
    const response = await jwtLogin(
      signJwt(claims({ iss: 'self-authorize-app', sub: jwt.username }), keys.privateKeyPem),
    );
    expect(await response.json()).toEqual({
      error: 'invalid_grant',
      error_description: "user hasn't approved this consumer",
    });
  });

  it('when the issuer is no connected app, then 400 invalid_client_id', async () => {
    const { privateKeyPem } = login(fake.logins, 'sfdc-connection', 'jwt-bearer');
    const response = await jwtLogin(signJwt(claims({ iss: '3MVG9unknown' }), privateKeyPem));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
  });
});

describe('Salesforce token endpoint, client credentials flow', () => {
  it('when the secret is right (form or Basic), then it answers a session of the run-as user', async () => {
    const { clientId, clientSecret } = login(fake.logins, 'other-sfdc-connection', 'client-credentials');
    const viaForm = await postForm(tokenUrl(), {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(viaForm.status).toBe(200);
    expect(((await viaForm.json()) as { id: string }).id).toContain(`/id/${SEED.organizations.seed002.id}/`);
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const viaBasic = await postForm(
      tokenUrl(),
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );
    expect(viaBasic.status).toBe(200);
  });

  it('when the secret is wrong, then 400 invalid_client', async () => {
    const { clientId, clientSecret } = login(fake.logins, 'expired-sfdc-connection', 'client-credentials');
    const response = await postForm(tokenUrl(), {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
  });

  it('when the grant type is unknown or the body is not a form, then 400 unsupported_grant_type', async () => {
    const response = await postForm(tokenUrl(), { grant_type: 'password' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const json = await fetch(tokenUrl(), {
      method: 'POST',
      body: '{"grant_type":"client_credentials"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(400);
  });
});
