import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../src/index.ts';
import { clientCredentialsToken, login, postForm, query, startSeeded } from './helpers.ts';

let fake: Awaited<ReturnType<typeof startSeeded>>;
let token: string;
beforeAll(async () => {
  fake = await startSeeded();
  const { clientId, clientSecret } = login(fake.logins, 'new-sfdc-connection', 'client-credentials');
  token = await clientCredentialsToken(fake.clouds, clientId, clientSecret);
});
afterEach(() => fake.clouds.faults.clear());
afterAll(() => fake.clouds.close());

const ORG = 'SELECT Id FROM Organization';

describe('fault injection', () => {
  it('when a REQUEST_LIMIT_EXCEEDED rule hits twice, then two 403s of the concurrent limit (Retry-After only when asked), then normal answers', async () => {
    const rule = fake.clouds.faults.inject({
      endpoint: 'salesforce.query',
      times: 2,
      fault: { kind: 'request-limit', retryAfterSeconds: 1 },
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await query(fake.clouds, token, ORG);
      expect(response.status).toBe(403);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toEqual([
        {
          message: 'ConcurrentRequests (Concurrent API Requests) Limit exceeded.',
          errorCode: 'REQUEST_LIMIT_EXCEEDED',
        },
      ]);
    }
    expect((await query(fake.clouds, token, ORG)).status).toBe(200);
    expect(rule.hits).toBe(2);
    fake.clouds.faults.inject({ endpoint: 'salesforce.query', times: 1, fault: { kind: 'request-limit' } });
    expect((await query(fake.clouds, token, ORG)).headers.get('retry-after')).toBeNull();
  });

  it('when the daily limit is injected, then TotalRequests with the usage at its maximum', async () => {
    fake.clouds.faults.inject({
      endpoint: 'salesforce.query',
      times: 1,
      fault: { kind: 'request-limit', limit: 'daily' },
    });
    const response = await query(fake.clouds, token, ORG);
    expect(response.status).toBe(403);
    expect(response.headers.get('sforce-limit-info')).toBe('api-usage=100000/100000');
    expect(await response.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
  });

  it('when a rule names another organization, then this one is not hit; `after` lets requests through first', async () => {
    fake.clouds.faults.inject({
      organizationId: SEED.organizations.seed002.id,
      fault: { kind: 'server-error' },
    });
    expect((await query(fake.clouds, token, ORG)).status).toBe(200);
    fake.clouds.faults.inject({
      organizationId: SEED.organizations.thales.id,
      after: 1,
      fault: { kind: 'server-error', status: 503 },
    });
    expect((await query(fake.clouds, token, ORG)).status).toBe(200);
    const failed = await query(fake.clouds, token, ORG);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual([expect.objectContaining({ errorCode: 'SERVER_UNAVAILABLE' })]);
  });

  it('when a hold rule matches, then the request waits until the test releases it, and later ones pass', async () => {
    const hold = fake.clouds.faults.hold({ endpoint: 'salesforce.query' });
    let answered = false;
    const held = query(fake.clouds, token, ORG).then((response) => {
      answered = true;
      return response;
    });
    await hold.reached();
    // Held: another request to another endpoint goes through meanwhile.
    const { clientId, clientSecret } = login(fake.logins, 'new-sfdc-connection', 'client-credentials');
    await clientCredentialsToken(fake.clouds, clientId, clientSecret);
    expect(answered).toBe(false);
    expect(fake.clouds.faults.stats.inFlight).toBe(1);
    hold.release();
    expect((await held).status).toBe(200);
    expect(hold.hits).toBe(1);
    expect((await query(fake.clouds, token, ORG)).status).toBe(200);
    expect(hold.hits).toBe(1);
  });

  it("when a held request's client goes away, then the fake stops waiting for it", async () => {
    const hold = fake.clouds.faults.hold({ endpoint: 'salesforce.query' });
    const controller = new AbortController();
    const held = fetch(
      `${fake.clouds.urls.salesforce}/services/data/v62.0/query?q=${encodeURIComponent(ORG)}`,
      {
        headers: { authorization: `Bearer ${token}` },
        signal: controller.signal,
      },
    ).catch((error: unknown) => error);
    await hold.reached();
    controller.abort();
    expect(await held).toBeInstanceOf(Error);
    await expect.poll(() => fake.clouds.faults.stats.inFlight, { timeout: 10_000 }).toBe(0);
    hold.release();
  });

  it('when expire-session hits, then that session ends for good', async () => {
    const { clientId, clientSecret } = login(fake.logins, 'new-sfdc-connection', 'client-credentials');
    const own = await clientCredentialsToken(fake.clouds, clientId, clientSecret);
    fake.clouds.faults.inject({ endpoint: 'salesforce.query', times: 1, fault: { kind: 'expire-session' } });
    expect((await query(fake.clouds, own, ORG)).status).toBe(401);
    expect((await query(fake.clouds, own, ORG)).status).toBe(401);
    expect((await query(fake.clouds, token, ORG)).status).toBe(200);
  });

  it('when refuse-login hits, then the token endpoint answers an OAuth error, as Salesforce refuses a login', async () => {
    const { clientId, clientSecret } = login(fake.logins, 'new-sfdc-connection', 'client-credentials');
    const form = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
    const url = `${fake.clouds.urls.salesforce}/services/oauth2/token`;
    fake.clouds.faults.inject({ fault: { kind: 'refuse-login' }, times: 1 });
    const refused = await postForm(url, form);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    fake.clouds.faults.inject({
      fault: { kind: 'refuse-login', error: 'inactive_user', description: 'user is inactive' },
      times: 1,
    });
    expect(await (await postForm(url, form)).json()).toEqual({
      error: 'inactive_user',
      error_description: 'user is inactive',
    });
    // Elsewhere it changes nothing.
    fake.clouds.faults.inject({ endpoint: 'salesforce.query', fault: { kind: 'refuse-login' }, times: 1 });
    expect((await query(fake.clouds, token, ORG)).status).toBe(200);
    expect((await postForm(url, form)).status).toBe(200);
  });

  it('when malformed-json hits, then the body does not parse', async () => {
    fake.clouds.faults.inject({ fault: { kind: 'malformed-json' }, times: 1 });
    const response = await query(fake.clouds, token, ORG);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it('when html-error hits, then an HTML page answers with the status asked (503 by default)', async () => {
    fake.clouds.faults.inject({ fault: { kind: 'html-error' }, times: 1 });
    fake.clouds.faults.inject({ endpoint: 'sap.auth', fault: { kind: 'html-error', status: 502 }, times: 1 });
    const page = await query(fake.clouds, token, ORG);
    expect(page.status).toBe(503);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/^<!DOCTYPE html>/);
    const sap = await fetch(`${fake.clouds.urls.sap}/auth/request`, { method: 'POST', body: '{}' });
    expect(sap.status).toBe(502);
    expect(await sap.text()).toContain('<html>');
  });

  it('when redirect hits, then a 302 points at the maintenance page (or the location asked), itself HTML', async () => {
    const queried = () =>
      fetch(`${fake.clouds.urls.salesforce}/services/data/v62.0/query?q=${encodeURIComponent(ORG)}`, {
        headers: { authorization: `Bearer ${token}` },
        redirect: 'manual',
      });
    fake.clouds.faults.inject({ fault: { kind: 'redirect' }, times: 1 });
    const moved = await queried();
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe('/maintenance');
    const maintenance = await fetch(`${fake.clouds.urls.salesforce}/maintenance`);
    expect(maintenance.status).toBe(200);
    expect(maintenance.headers.get('content-type')).toMatch(/^text\/html/);
    fake.clouds.faults.inject({
      fault: { kind: 'redirect', status: 307, location: 'https://maintenance.example/' },
      times: 1,
    });
    const elsewhere = await queried();
    expect(elsewhere.status).toBe(307);
    expect(elsewhere.headers.get('location')).toBe('https://maintenance.example/');
  });

  it('when reset hits, then the connection is destroyed without an answer', async () => {
    fake.clouds.faults.inject({ fault: { kind: 'reset' }, times: 1 });
    await expect(query(fake.clouds, token, ORG)).rejects.toThrow(/fetch failed/);
    expect((await query(fake.clouds, token, ORG)).status).toBe(200);
  });

  it('when stall hits, then headers come and the body never ends', async () => {
    fake.clouds.faults.inject({ fault: { kind: 'stall' }, times: 1 });
    const controller = new AbortController();
    const response = await query(fake.clouds, token, ORG);
    expect(response.status).toBe(200);
    const timer = setTimeout(() => controller.abort(), 300);
    const reading = response.text();
    const outcome = await Promise.race([
      reading.then(() => 'ended'),
      new Promise((resolve) => controller.signal.addEventListener('abort', () => resolve('still waiting'))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('still waiting');
    expect(fake.clouds.faults.stats.inFlight).toBeGreaterThanOrEqual(1);
    void reading.catch(() => undefined);
  });

  it('when latency is set and requests run in parallel, then counters show the requests and the peak', async () => {
    fake.clouds.faults.resetStats();
    fake.clouds.faults.latency(150, { endpoint: 'salesforce.query' });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 5 }, () => query(fake.clouds, token, ORG)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(fake.clouds.faults.stats.requests['salesforce.query']).toBe(5);
    expect(fake.clouds.faults.stats.peakInFlight).toBeGreaterThanOrEqual(5);
  });

  it('when a 429 is injected on SAP, then it answers in the SAP error shape', async () => {
    fake.clouds.faults.inject({
      endpoint: 'sap.auth',
      fault: { kind: 'too-many-requests', retryAfterSeconds: 2 },
    });
    const response = await fetch(`${fake.clouds.urls.sap}/auth/request`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({
      error: { code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' },
    });
  });
});
