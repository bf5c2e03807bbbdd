// Browser test of the example app. It builds the app, serves the build with `vite preview` on a
// free port of 127.0.0.1, and drives it in Debian's Chromium (playwright-core with
// /usr/bin/chromium; no browser is ever downloaded) through every screen: settings, the jobs list
// (live polling, filters, paging), starting a synchronization and following it, deleting a
// backup, switching a connection, and how problems and network failures read.
//
// Targets, all three always: the Prism mock, the real server, and the sandbox (`pnpm mock
// --stateful`: the real server behind Prism as a validation proxy, with scenarios), each started
// here on a free port. The server runs as a process (test/helpers.ts: dev profile, in-memory
// SQLite, the demo data, its own fake Salesforce and SAP); against the sandbox, the first sync asks
// for the `slow-jobs` scenario, so a job's progress is seen organization by organization. To drive an external server instead, set CCKM_E2E_SERVER_URL (its API
// root, e.g. http://127.0.0.1:8080/api) and CCKM_E2E_TOKEN (an admin token of the demo domain); it
// must allow this page's origin by CORS and hold the dev profile's demo data. Against the mock,
// problems are picked per request with Prism's `Prefer` header, added on the way by Playwright;
// against the server they are caused for real.
//
// Then, in the same browser, the app with no backend at all: opened with `?msw`, it answers every
// call in the page with MSW's service worker and the handlers of @cckm/msw (the kit's browser
// test): a sync followed organization by organization, the 409 of a second one, a validation
// problem at its field, the connection switch, every answer from the worker.
//
// Screenshots of each screen: examples/web/test-results/<target>/ (git-ignored).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CckmClient,
  createCckmClient,
  type Problem,
  type SynchronizationJobList,
  unwrap,
} from '@cckm/client';
import { freePort, mockToken, startPrism, startSandbox } from '@cckm/mock';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoServer } from './helpers.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const APP_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(APP_ROOT, 'test-results');

const STEP_TIMEOUT = 20_000;
/** How long a real job may take to finish (sandbox clouds, a loaded machine). */
const JOB_TIMEOUT = 60_000;
const TEST_TIMEOUT = 150_000;
const SETUP_TIMEOUT = 120_000;

const THALES = { id: '2473e846-31a8-4ee6-8299-17025548b4e2', sfdcOrgId: '00DB000000040bIMAQ' };
const DESTROYED_SECRET = '912c7e4d-121e-42bc-ba28-33005cc665cf';
const ACTIVE_SECRET = '5c1f0b3e-8a53-4e0a-9d1c-2b7f4f0e6a11';
const UNKNOWN_ORGANIZATION = '00DB00000009999ZZZ';
const JOBS_PATH = '/v1/cckm/sfdc/keys/synchronization-jobs';
const FINISHED_JOB = '.job-progress [data-status="completed"], .job-progress [data-status="failed"]';
/** How long a job takes on the sandbox's `slow-jobs`: Thales is done at half of it. */
const SLOW_JOB_MS = 6_000;

interface Target {
  name: 'mock' | 'server' | 'sandbox';
  start(): Promise<{ baseUrl: string; token: string; stop(): Promise<void> }>;
}

function serverBaseUrl(value: string): string {
  const url = new URL(value);
  return url.pathname === '/' ? `${url.origin}/api` : value.replace(/\/+$/, '');
}

const externalServer = process.env.CCKM_E2E_SERVER_URL;
const externalToken = process.env.CCKM_E2E_TOKEN;
/** An external server was named: the server target drives it instead of starting one. */
const EXTERNAL = Boolean(externalServer && externalToken);

const targets: Target[] = [
  {
    name: 'mock',
    async start() {
      const prism = await startPrism({ mode: 'mock' });
      return { baseUrl: prism.url, token: mockToken(), stop: () => prism.close() };
    },
  },
  {
    name: 'server',
    async start() {
      if (externalServer && externalToken) {
        return { baseUrl: serverBaseUrl(externalServer), token: externalToken, stop: async () => {} };
      }
      const server = await startDemoServer({ CORS_ORIGINS: appUrl });
      return { baseUrl: server.baseUrl, token: server.token, stop: () => server.close() };
    },
  },
  {
    name: 'sandbox',
    async start() {
      const sandbox = await startSandbox({ jobDurationMs: SLOW_JOB_MS });
      return { baseUrl: sandbox.url, token: mockToken(), stop: () => sandbox.close() };
    },
  },
];

// Skipped on a developer's machine without Chromium, never in CI: there a skip would hide the
// browser test behind a green run (.ci/run installs Chromium first).
const SKIP_BROWSER = !HAS_CHROMIUM && !process.env.CI;
if (SKIP_BROWSER) {
  console.warn(
    `examples/web browser test SKIPPED: ${CHROMIUM} is missing. Install it with ` +
      '`apt-get install -y chromium` (never a browser download); .ci/run does this.',
  );
}

let browser: Browser;
let server: PreviewServer;
let appUrl: string;
let outDir: string;

describe.skipIf(SKIP_BROWSER)('example web app in Chromium', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'cckm-example-web-'));
    const configFile = join(APP_ROOT, 'vite.config.ts');
    const port = await freePort();
    const [launched] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, timeout: 60_000 }),
      (async () => {
        await build({
          root: APP_ROOT,
          configFile,
          mode: 'production',
          logLevel: 'warn',
          build: { outDir, emptyOutDir: true },
        });
        server = await preview({
          root: APP_ROOT,
          configFile,
          logLevel: 'warn',
          build: { outDir },
          preview: { host: '127.0.0.1', port, strictPort: true, open: false },
        });
      })(),
    ]);
    browser = launched;
    appUrl = `http://127.0.0.1:${port}`;
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  describe.each(targets)('against the $name', (target) => {
    const mock = target.name === 'mock';
    const sandbox = target.name === 'sandbox';
    /** A server started here (alone or in the sandbox): fresh demo data, so outcomes are known exactly. */
    const fresh = (target.name === 'server' && !EXTERNAL) || sandbox;
    let stop: () => Promise<void> = async () => {};
    let baseUrl: string;
    let token: string;
    let api: CckmClient;
    let context: BrowserContext;
    let page: Page;
    const pageErrors: string[] = [];
    let shots = 0;

    const screenshot = async (name: string) => {
      shots += 1;
      const path = join(RESULTS, target.name, `${String(shots).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path, fullPage: true });
    };
    const isList = (request: Request) =>
      request.method() === 'GET' && new URL(request.url()).pathname.endsWith(JOBS_PATH);
    const listResponse = (predicate: (query: URLSearchParams) => boolean = () => true) =>
      page.waitForResponse(
        (response) => isList(response.request()) && predicate(new URL(response.url()).searchParams),
        { timeout: STEP_TIMEOUT },
      );
    /** Against the mock, the next request of `method` to a path ending in `pathEnd` asks Prism for `prefer`. */
    const preferOnMock = async (method: string, pathEnd: string, prefer: string) => {
      if (!mock) return async () => {};
      const matches = (url: URL) => url.pathname.endsWith(pathEnd);
      await page.route(matches, async (route) => {
        if (route.request().method() !== method) return route.fallback();
        return route.continue({ headers: { ...(await route.request().allHeaders()), prefer } });
      });
      return () => page.unroute(matches);
    };
    /** Against the sandbox, requests of `method` to a path ending in `pathEnd` ask for a scenario. */
    const scenarioOnSandbox = async (method: string, pathEnd: string, scenario: string) => {
      if (!sandbox) return async () => {};
      const matches = (url: URL) => url.pathname.endsWith(pathEnd);
      await page.route(matches, async (route) => {
        if (route.request().method() !== method) return route.fallback();
        const headers = { ...(await route.request().allHeaders()), prefer: `scenario=${scenario}` };
        return route.continue({ headers });
      });
      return () => page.unroute(matches);
    };
    /** Against the mock, the next request of `method` to a path ending in `pathEnd` gets `problem`. */
    const answerOnMock = async (method: string, pathEnd: string, problem: Problem) => {
      if (!mock) return async () => {};
      const matches = (url: URL) => url.pathname.endsWith(pathEnd);
      await page.route(matches, async (route) => {
        if (route.request().method() !== method) return route.fallback();
        return route.fulfill({
          status: problem.status,
          contentType: 'application/problem+json',
          headers: { 'access-control-allow-origin': appUrl },
          body: JSON.stringify(problem),
        });
      });
      return () => page.unroute(matches);
    };
    const text = async (selector: string) =>
      ((await page.locator(selector).first().textContent({ timeout: STEP_TIMEOUT })) ?? '').trim();
    const visible = (selector: string, hasText?: string | RegExp, timeout = STEP_TIMEOUT) =>
      page
        .locator(selector, hasText === undefined ? {} : { hasText })
        .first()
        .waitFor({ state: 'visible', timeout });
    const openScreen = async (label: string) => {
      await page.locator('nav.tabs a', { hasText: label }).click();
      await page.locator('nav.tabs a[aria-current="page"]', { hasText: label }).waitFor();
    };
    /** The problem shown: title, status, and that it is a problem, not a network failure. */
    const expectProblem = async (title: string, status: number) => {
      await visible('.failure-problem', title);
      expect(await text('.failure-problem .failure-title')).toBe(title);
      expect(await page.locator('.failure-problem').first().getAttribute('data-status')).toBe(String(status));
      expect(await page.locator('.failure-network').count()).toBe(0);
    };
    const rangeText = (list: SynchronizationJobList, skip = 0) =>
      list.resources.length > 0
        ? `${skip + 1}–${skip + list.resources.length} of ${list.total}`
        : `0 of ${list.total}`;

    beforeAll(async () => {
      const started = await target.start();
      ({ baseUrl, token, stop } = started);
      api = createCckmClient({ baseUrl, token });
      await rm(join(RESULTS, target.name), { recursive: true, force: true });
      await mkdir(join(RESULTS, target.name), { recursive: true });
      context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT);
      page.on('pageerror', (error) => pageErrors.push(error.message));
    }, SETUP_TIMEOUT);

    afterAll(async () => {
      await context?.close();
      await stop();
    });

    test(
      'when the base URL and token are saved in Settings, then they survive a reload and the app uses them',
      async () => {
        await page.goto(`${appUrl}/#/settings`);
        await page.locator('input[name="baseUrl"]').fill('not a url');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await visible('#baseUrl-error', 'absolute URL');
        expect(await page.locator('input[name="baseUrl"]').getAttribute('aria-invalid')).toBe('true');

        // No token: the server (or the mock) answers 401, shown as a problem pointing at the token.
        await page.locator('input[name="baseUrl"]').fill(baseUrl);
        await page.locator('input[name="token"]').fill('');
        await page.getByRole('button', { name: 'Check connection', exact: true }).click();
        await expectProblem('Unauthorized', 401);
        await visible('.failure-problem .failure-hint a[href="#/settings"]');

        await page.locator('input[name="token"]').fill(token);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await visible('.ok', 'Saved.');
        const expected = unwrap(await api.listSfdcSynchronizationJobs({ limit: 1 }));
        await page.getByRole('button', { name: 'Check connection', exact: true }).click();
        await visible('[data-testid="check-result"]');
        expect(await text('[data-testid="check-result"]')).toContain(
          `lists ${expected.total} synchronization`,
        );

        await page.reload();
        expect(await page.locator('input[name="baseUrl"]').inputValue()).toBe(baseUrl);
        expect(await page.locator('input[name="token"]').inputValue()).toBe(token);
        expect(await text('[data-testid="target"]')).toBe(baseUrl);
        expect(await text('.help')).toContain('saved in this browser');
        await screenshot('settings');
      },
      TEST_TIMEOUT,
    );

    test(
      'when a sync is started for all or chosen organizations, then the job is shown and followed to its end',
      async () => {
        await openScreen('Start sync');
        const created = page.waitForResponse(
          (response) => response.request().method() === 'POST' && response.url().endsWith(JOBS_PATH),
        );
        const slow = await scenarioOnSandbox('POST', JOBS_PATH, 'slow-jobs');
        await page.getByRole('button', { name: 'Start synchronization', exact: true }).click();
        const response = await created;
        await slow();
        expect(response.request().postDataJSON()).toEqual({ synchronize_all: true });
        expect(response.status()).toBe(201);
        const job = (await response.json()) as { id: string; kms: string[] };
        await visible('.job-progress h3', job.id);
        if (sandbox) {
          // The job's progress: in progress, Thales done while Thales Europe still waits, then done.
          await visible('.job-progress [data-status="in_progress"]');
          const thales = page.locator('.job-progress .targets li', { hasText: THALES.sfdcOrgId });
          const europe = page.locator('.job-progress .targets li', { hasText: '00DB000000012ABCDE' });
          await thales.filter({ hasText: 'synchronized' }).waitFor({ timeout: JOB_TIMEOUT });
          expect(await europe.textContent()).toContain('waiting…');
          expect(await page.locator('.job-progress [data-status="in_progress"]').count()).toBe(1);
          await screenshot('sync-in-progress');
        }
        await visible(FINISHED_JOB, undefined, JOB_TIMEOUT);
        const lines = await page.locator('.job-progress .targets li').allTextContents();
        expect(lines.length).toBeGreaterThan(0);
        if (fresh) {
          // The demo's two organizations, both reachable through their fake Salesforce.
          expect(await page.locator('.job-progress [data-status]').first().getAttribute('data-status')).toBe(
            'completed',
          );
          expect(lines).toHaveLength(2);
        }
        for (const line of lines) expect(line).toMatch(/^\S+ \S/); // each organization has its outcome
        await screenshot('sync-started');

        // Chosen organizations: those seen in jobs are offered (reopen the screen to load them).
        await openScreen('Jobs');
        await openScreen('Start sync');
        await page.locator('input[name="scope"][value="chosen"]').check();
        await page.locator(`input[name="known"][value="${THALES.sfdcOrgId}"]`).check();
        const chosen = page.waitForRequest(
          (request) => request.method() === 'POST' && request.url().endsWith(JOBS_PATH),
        );
        await page.getByRole('button', { name: 'Start synchronization', exact: true }).click();
        expect((await chosen).postDataJSON()).toEqual({ organization_ids: [THALES.sfdcOrgId] });
        await visible(FINISHED_JOB, undefined, JOB_TIMEOUT);
        expect(await text('.job-progress .targets')).toContain(THALES.sfdcOrgId);
      },
      TEST_TIMEOUT,
    );

    test(
      'when a sync names an unknown or malformed organization, then the problem is shown with its field errors',
      async () => {
        await page.locator(`input[name="known"][value="${THALES.sfdcOrgId}"]`).uncheck();
        await page.locator('textarea[name="organizations"]').fill(UNKNOWN_ORGANIZATION);
        const restore = await preferOnMock('POST', JOBS_PATH, 'code=422, example=unknownOrganization');
        await page.getByRole('button', { name: 'Start synchronization', exact: true }).click();
        await expectProblem('Unknown Salesforce organization', 422);
        expect(await text('.failure-problem .failure-detail')).toContain(UNKNOWN_ORGANIZATION);
        await restore();

        // Prism answers every malformed body of this operation with its 422 example, whatever
        // `Prefer` says; against the mock the server's validation problem is therefore played back.
        await page.locator('textarea[name="organizations"]').fill('not-an-organization');
        const restoreMalformed = await answerOnMock('POST', JOBS_PATH, {
          type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
          title: 'Request validation failed',
          status: 400,
          detail: 'body.organization_ids.0 must match pattern "^00D[A-Za-z0-9]{15}$"',
          instance: `/api${JOBS_PATH}`,
          request_id: '4d2a0007-7c1e-4b8a-9f3d-6e5b1c0a0007',
          errors: [
            { path: '/body/organization_ids/0', message: 'must match pattern "^00D[A-Za-z0-9]{15}$"' },
          ],
        });
        await page.getByRole('button', { name: 'Start synchronization', exact: true }).click();
        await expectProblem('Request validation failed', 400);
        await restoreMalformed();
        await visible('#organizations-error', /^entry 1: has the wrong format$/);
        expect(await page.locator('textarea[name="organizations"]').getAttribute('aria-invalid')).toBe(
          'true',
        );
        await screenshot('sync-problem');
      },
      TEST_TIMEOUT,
    );

    test(
      'when the jobs list is open, then it shows the page the API returns, keeps polling, filters and pages',
      async () => {
        const firstLoad = listResponse();
        await openScreen('Jobs');
        await firstLoad;
        // The app asks for the newest first, the contract's default order.
        const expected = unwrap(await api.listSfdcSynchronizationJobs({ limit: 10 }));
        await visible('[data-testid="range"]');
        expect(await text('[data-testid="range"]')).toBe(rangeText(expected));
        const shownIds = await page
          .locator('table.jobs tbody tr')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-job-id')));
        expect(shownIds).toEqual(expected.resources.map((job) => job.id));
        if (mock) {
          const first = page.locator('table.jobs tbody tr').first();
          expect(await first.locator('.badge').textContent()).toBe('completed');
          expect(await first.locator('.targets').textContent()).toContain('00DB000000040bIMAQ');
          expect(await first.locator('.targets').textContent()).toContain('Error listing keys from SFDC');
        }

        // Live: the page asks again by itself.
        const polled = await page.waitForRequest(isList, { timeout: STEP_TIMEOUT });
        expect(new URL(polled.url()).searchParams.get('limit')).toBe('10');

        const failedOnly = listResponse((query) => query.get('overall_status') === 'failed');
        await page.locator('select[name="status"]').selectOption('failed');
        await failedOnly;
        const failed = unwrap(await api.listSfdcSynchronizationJobs({ overall_status: 'failed', limit: 10 }));
        await visible('[data-testid="range"]', rangeText(failed));
        await page.locator('select[name="status"]').selectOption('');

        const byOrganization = listResponse((query) => query.get('organizations') === THALES.sfdcOrgId);
        await page.locator('input[name="organizations"]').fill(THALES.sfdcOrgId);
        await page.locator('input[name="organizations"]').press('Tab');
        await byOrganization;
        const ofThales = unwrap(
          await api.listSfdcSynchronizationJobs({ organizations: [THALES.sfdcOrgId], limit: 10 }),
        );
        await visible('[data-testid="range"]', rangeText(ofThales));
        await page.locator('input[name="organizations"]').fill('');
        await page.locator('input[name="organizations"]').press('Tab');
        await visible('[data-testid="range"]', rangeText(expected));
        await screenshot('jobs');

        // Paging: the API is made to report 25 matches, so there is a second page of 10.
        const inflate = (url: URL) => url.pathname.endsWith(JOBS_PATH);
        await page.route(inflate, async (route) => {
          if (route.request().method() !== 'GET') return route.fallback();
          // Unconditionally: a 304 to the client's own If-None-Match would carry no page to inflate.
          const { 'if-none-match': _tag, ...headers } = route.request().headers();
          const response = await route.fetch({ headers });
          const body = (await response.json()) as SynchronizationJobList;
          return route.fulfill({ response, json: { ...body, total: Math.max(body.total, 25) } });
        });
        try {
          await page.getByRole('button', { name: 'Refresh', exact: true }).click();
          await visible('[data-testid="range"]', /of 25$/);
          const secondPage = listResponse((query) => query.get('skip') === '10');
          await page.getByRole('button', { name: 'Next ›', exact: true }).click();
          await secondPage;
          await visible('[data-testid="range"]', /^(11–\d+ of 25|0 of 25)$/);
          expect(await page.getByRole('button', { name: '‹ Previous', exact: true }).isEnabled()).toBe(true);
          const backToFirst = listResponse((query) => (query.get('skip') ?? '0') === '0');
          await page.getByRole('button', { name: '‹ Previous', exact: true }).click();
          await backToFirst;
          await visible('[data-testid="range"]', /^(1–\d+ of 25|0 of 25)$/);
        } finally {
          await page.unroute(inflate);
        }
      },
      TEST_TIMEOUT,
    );

    test(
      'when the server cannot be reached, then a network failure is shown, unlike a problem, and retry recovers',
      async () => {
        const refused = (url: URL) => url.pathname.endsWith(JOBS_PATH);
        await page.route(refused, (route) => route.abort('connectionrefused'));
        await page.getByRole('button', { name: 'Refresh', exact: true }).click();
        await visible('.failure-network', 'Could not reach the server');
        expect(await page.locator('.failure-network').getAttribute('data-kind')).toBe('network');
        expect(await text('.failure-network .failure-detail')).toContain(`GET ${baseUrl}${JOBS_PATH}`);
        expect(await text('.failure-network .failure-facts')).toMatch(/^request [0-9a-f-]{36}$/);
        expect(await page.locator('.failure-problem').count()).toBe(0);
        await screenshot('network-error');

        await page.unroute(refused);
        const recovered = listResponse();
        await page
          .locator('.failure-network')
          .getByRole('button', { name: 'Try again', exact: true })
          .click();
        await recovered;
        await page.locator('.failure-network').waitFor({ state: 'detached' });
        await visible('[data-testid="range"]');
      },
      TEST_TIMEOUT,
    );

    test(
      'when a backup is deleted, then the deleted secret is shown; refusals and a malformed ID read as problems',
      async () => {
        await openScreen('Delete backup');
        const deleteOf = (id: string) =>
          page.waitForResponse(
            (response) =>
              response.request().method() === 'POST' && response.url().endsWith(`/keys/${id}/delete-backup`),
          );
        const confirmDelete = async (id: string) => {
          await page.locator('input[name="id"]').fill(id);
          await page.getByRole('button', { name: 'Delete backup…', exact: true }).click();
          await visible('.confirm', id);
          await page.locator('.confirm').getByRole('button', { name: 'Delete backup', exact: true }).click();
        };

        // Cancel sends nothing.
        let sent = 0;
        const count = (request: Request) => {
          if (request.url().includes('/delete-backup')) sent += 1;
        };
        page.on('request', count);
        await page.locator('input[name="id"]').fill(DESTROYED_SECRET);
        await page.getByRole('button', { name: 'Delete backup…', exact: true }).click();
        await page.locator('.confirm').getByRole('button', { name: 'Cancel', exact: true }).click();
        await page.locator('.confirm').waitFor({ state: 'detached' });
        page.off('request', count);
        expect(sent).toBe(0);

        const first = deleteOf(DESTROYED_SECRET);
        await confirmDelete(DESTROYED_SECRET);
        const response = await first;
        if (response.status() === 200) {
          const secret = (await response.json()) as { name: string };
          await visible('.success', 'Backup deleted');
          expect(await text('[data-testid="secret-name"]')).toBe(secret.name);
        } else {
          // Only an external server whose demo backup was deleted by an earlier run.
          expect({ target: target.name, external: EXTERNAL, status: response.status() }).toEqual({
            target: 'server',
            external: true,
            status: 404,
          });
          await expectProblem('Resource not found', 404);
        }
        await screenshot('backup-deleted');

        // Once deleted, it is gone.
        let restore = await preferOnMock('POST', '/delete-backup', 'code=404');
        await confirmDelete(DESTROYED_SECRET);
        await expectProblem('Resource not found', 404);
        expect(await page.locator('.success').count()).toBe(0);
        await restore();

        // An ACTIVE secret keeps its backup.
        restore = await preferOnMock('POST', '/delete-backup', 'code=409');
        await confirmDelete(ACTIVE_SECRET);
        await expectProblem('Tenant secret is not destroyed', 409);
        expect(await text('.failure-problem .failure-detail')).toContain('DESTROYED');
        await restore();

        await confirmDelete('not-a-uuid');
        await expectProblem('Request validation failed', 400);
        await visible('#id-error', 'uuid');
        expect(await page.locator('input[name="id"]').getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('.failure-problem .failure-errors').count()).toBe(0); // shown at the field
        await screenshot('backup-problem');
      },
      TEST_TIMEOUT,
    );

    test(
      "when an organization's connection is switched, then the updated organization is shown; a refused connection reads as a problem",
      async () => {
        await openScreen('Switch connection');
        const switchTo = async (connection: string) => {
          const answered = page.waitForResponse(
            (response) =>
              response.request().method() === 'PATCH' &&
              response.url().endsWith(`/organizations/${THALES.id}`),
          );
          await page.locator('input[name="organization"]').fill(THALES.id);
          await page.locator('input[name="connection"]').fill(connection);
          await page.getByRole('button', { name: 'Switch connection', exact: true }).click();
          const response = await answered;
          expect(response.request().postDataJSON()).toEqual({ connection });
          return response;
        };

        const response = await switchTo('new-sfdc-connection');
        expect(response.status()).toBe(200);
        const organization = (await response.json()) as { name: string; connection: string };
        await visible('.success', 'now uses');
        expect(await text('.success h3')).toBe(`${organization.name} now uses ${organization.connection}`);
        expect(organization.connection).toBe('new-sfdc-connection');
        await screenshot('connection');

        const restore = await preferOnMock(
          'PATCH',
          `/organizations/${THALES.id}`,
          'code=422, example=notSalesforce',
        );
        await switchTo('sap-dc-connection');
        await expectProblem('Not a Salesforce connection', 422);
        expect(await text('.failure-problem .failure-detail')).toContain('sap-dc-connection');
        expect(await page.locator('.success').count()).toBe(0);
        await screenshot('connection-problem');
        await restore();

        // Leave the organization on its original connection.
        const back = await switchTo('sfdc-connection');
        expect(back.status()).toBe(200);
        await visible('.success', 'now uses');
      },
      TEST_TIMEOUT,
    );

    test('when every screen has been used, then the page raised no uncaught error', () => {
      expect(pageErrors).toEqual([]);
      expect(shots).toBeGreaterThanOrEqual(8);
    });
  });
  describe('with MSW in the browser (no backend)', () => {
    let context: BrowserContext;
    let page: Page;
    const pageErrors: string[] = [];
    const fromWorker: boolean[] = [];

    beforeAll(async () => {
      await mkdir(join(RESULTS, 'msw'), { recursive: true });
      context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith('/api/v1/'))
          fromWorker.push(response.fromServiceWorker());
      });
    });
    afterAll(async () => {
      await context?.close();
    });

    test(
      'when the app runs on the MSW handlers, then a sync runs to its end, a second is a 409, and problems read as on a server',
      async () => {
        await page.goto(`${appUrl}/?msw#/sync`);
        const start = page.getByRole('button', { name: 'Start synchronization', exact: true });
        await start.click();
        await page.locator('.job-progress [data-status="in_progress"]').waitFor();
        const europe = page.locator('.job-progress .targets li', { hasText: '00DB000000012ABCDE' });
        await page
          .locator('.job-progress .targets li', { hasText: THALES.sfdcOrgId })
          .filter({ hasText: 'synchronized 4 tenant secrets' })
          .waitFor({ timeout: JOB_TIMEOUT });
        expect(await europe.textContent()).toContain('waiting…');

        // The same organizations while the job runs: the model's 409, with the running job named.
        await start.click();
        await page.locator('.failure-problem[data-status="409"]').waitFor();
        expect(await page.locator('.failure-problem .failure-title').textContent()).toBe(
          'Synchronization job already running',
        );
        await page.screenshot({ path: join(RESULTS, 'msw', '01-sync-409.png'), fullPage: true });

        // The running job is still followed, to its end.
        await page.locator(FINISHED_JOB).waitFor({ timeout: JOB_TIMEOUT });
        expect(await page.locator('.job-progress [data-status]').first().getAttribute('data-status')).toBe(
          'completed',
        );

        await page.locator('nav.tabs a', { hasText: 'Jobs' }).click();
        await page.locator('[data-testid="range"]', { hasText: /^1–1 of 1$/ }).waitFor();

        await page.locator('nav.tabs a', { hasText: 'Delete backup' }).click();
        await page.locator('input[name="id"]').fill('not-a-uuid');
        await page.getByRole('button', { name: 'Delete backup…', exact: true }).click();
        await page.locator('.confirm').getByRole('button', { name: 'Delete backup', exact: true }).click();
        await page.locator('#id-error', { hasText: 'must match format "uuid"' }).waitFor();
        expect(await page.locator('.failure-problem').getAttribute('data-status')).toBe('400');

        await page.locator('nav.tabs a', { hasText: 'Switch connection' }).click();
        await page.locator('input[name="organization"]').fill(THALES.id);
        await page.locator('input[name="connection"]').fill('new-sfdc-connection');
        await page.getByRole('button', { name: 'Switch connection', exact: true }).click();
        await page.locator('.success h3', { hasText: 'Thales now uses new-sfdc-connection' }).waitFor();
        await page.screenshot({ path: join(RESULTS, 'msw', '02-connection.png'), fullPage: true });

        expect(fromWorker.length).toBeGreaterThan(5);
        expect(fromWorker.every(Boolean)).toBe(true);
        expect(pageErrors).toEqual([]);
      },
      TEST_TIMEOUT,
    );
  });
});
