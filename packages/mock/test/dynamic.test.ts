// `--dynamic`: generated data that validates against the contract closed (no property a schema does
// not declare), looks real (UUID version 7 resource IDs, 18-character Salesforce IDs with their
// case-safe suffix, time stamps in the last weeks) and honours the request: skip, limit, sort, the
// filters, the discriminator, the IDs and names the request gave. Checked as pure functions over
// many seeds, then against the running mock.
import type { SynchronizationJob, SynchronizationJobList } from '@cckm/api-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  jobListPage,
  type Random,
  salesforceId,
  seededRandom,
  shapeGenerated,
  sortJobs,
} from '../src/dynamic.ts';
import { mockToken, type RunningPrism, startPrism } from '../src/index.ts';
import { responseSchema, validateClosed } from './helpers.ts';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const SEEDS = 200;
const SORT_KEYS = ['createdAt', 'updatedAt', 'completed_at', 'overall_status'];
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Whether the last three characters are the case-safe suffix of the first fifteen. */
function caseSafe(id: string): boolean {
  if (id.length !== 18) return false;
  let suffix = '';
  for (let chunk = 0; chunk < 15; chunk += 5) {
    let bits = 0;
    for (let position = 0; position < 5; position += 1) {
      const char = id.charAt(chunk + position);
      if (char >= 'A' && char <= 'Z') bits += 1 << position;
    }
    suffix += SUFFIX.charAt(bits);
  }
  return id.endsWith(suffix);
}

const ms = (stamp: string) => Date.parse(stamp.replace(/(\.\d{3})\d*Z$/, '$1Z'));

/** What any generated job must be, whatever the request. */
function expectRealisticJob(job: SynchronizationJob, now: number) {
  expect(job.id).toMatch(UUID_V7);
  expect(job.uri).toBe(`kylo:kylo:cckm:synchronize:${job.id}`);
  const created = ms(job.createdAt);
  expect(created).toBeGreaterThan(now - 400 * 24 * 3600_000);
  expect(created).toBeLessThanOrEqual(now);
  expect(ms(job.updatedAt)).toBeGreaterThanOrEqual(created);
  expect(job.completed_at === undefined).toBe(job.overall_status === 'in_progress');
  const targets = job.cloud === 'sfdc' ? job.kms : job.groups;
  expect(targets.length).toBeGreaterThan(0);
  if (job.cloud === 'sfdc') {
    expect('groups' in job).toBe(false);
    for (const id of job.kms)
      expect(caseSafe(id) || id === '00DB000000040bIMAQ' || id === '00DB000000012ABCDE').toBe(true);
  }
  for (const key of Object.keys(job.detailed_status ?? {})) expect(targets).toContain(key);
}

/** A random valid list query, as a frontend could send it. */
function randomQuery(random: Random): URLSearchParams {
  const query = new URLSearchParams();
  if (random() < 0.5) query.set('limit', String(1 + Math.floor(random() * 60)));
  if (random() < 0.5) query.set('skip', String(Math.floor(random() * 80)));
  if (random() < 0.3)
    query.set('overall_status', ['in_progress', 'completed', 'failed'][Math.floor(random() * 3)] as string);
  if (random() < 0.2) query.set('organizations', `00DB000000040bIMAQ,${salesforceId('00D', random)}`);
  if (random() < 0.1) query.set('id', '0195f3c2-8a1b-7c4d-9e2f-3a4b5c6d7e8f');
  if (random() < 0.5) {
    const keys = [...SORT_KEYS].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3));
    query.set('sort', keys.map((key) => (random() < 0.5 ? `-${key}` : key)).join(','));
  }
  return query;
}

/** What a page must be for its query. */
function expectHonoured(page: SynchronizationJobList, query: URLSearchParams, now: number) {
  const skip = Number(query.get('skip') ?? 0);
  const limit = Number(query.get('limit') ?? 10);
  expect(page.skip).toBe(skip);
  expect(page.limit).toBe(limit);
  expect(page.resources.length).toBe(Math.max(0, Math.min(limit, page.total - skip)));
  const status = query.get('overall_status');
  const id = query.get('id');
  const organizations = (query.get('organizations') ?? '').split(',').filter(Boolean);
  for (const job of page.resources) {
    expectRealisticJob(job, now);
    expect(job.cloud).toBe('sfdc');
    if (status) expect(job.overall_status).toBe(status);
    if (id) expect(job.id).toBe(id);
    if (organizations.length > 0 && job.cloud === 'sfdc')
      expect(job.kms.some((organization) => organizations.includes(organization))).toBe(true);
  }
  const sort = (query.get('sort') ?? '-createdAt').split(',');
  expect(sortJobs(page.resources, sort).map((job) => job.id)).toEqual(page.resources.map((job) => job.id));
}

describe('generated data, over many seeds', () => {
  test(`when ${SEEDS} seeds each page through a random query, then every page fits the query and the closed contract`, () => {
    const schema = responseSchema('listSfdcSynchronizationJobs', 200);
    // The closed contract refuses what the contract as written lets through: an undeclared field.
    const sample = jobListPage({
      operationId: 'listSfdcSynchronizationJobs',
      query: new URLSearchParams('id=0195f3c2-8a1b-7c4d-9e2f-3a4b5c6d7e8f'),
      body: undefined,
      seed: 'closed',
      nowMs: NOW,
    });
    const extra = { ...sample, resources: [{ ...sample.resources[0], dolore_9e: 1 }] };
    expect(validateClosed(schema, extra)).toContain('/resources/0 must NOT have unevaluated properties');
    expect(validateClosed(schema, sample)).toEqual([]);
    for (let n = 0; n < SEEDS; n += 1) {
      const seed = `seed-${n}`;
      const query = randomQuery(seededRandom(seed, 'query'));
      const page = jobListPage({
        operationId: 'listSfdcSynchronizationJobs',
        query,
        body: undefined,
        seed,
        nowMs: NOW,
      });
      expect(validateClosed(schema, page), `${seed}: ?${query}`).toEqual([]);
      expectHonoured(page, query, NOW);
    }
  });

  test('when the pages of one filter are read in turn, then they make one list with one total', () => {
    for (let n = 0; n < 40; n += 1) {
      const seed = `paging-${n}`;
      const page = (skip: number) =>
        jobListPage({
          operationId: 'listSfdcSynchronizationJobs',
          query: new URLSearchParams({ skip: String(skip), limit: '7', sort: 'overall_status,-createdAt' }),
          body: undefined,
          seed,
          nowMs: NOW,
        });
      const first = page(0);
      const whole = jobListPage({
        operationId: 'listSfdcSynchronizationJobs',
        query: new URLSearchParams({ limit: '1000', sort: 'overall_status,-createdAt' }),
        body: undefined,
        seed,
        nowMs: NOW,
      });
      const pages: SynchronizationJob[] = [];
      for (let skip = 0; skip < first.total; skip += 7) {
        const next = page(skip);
        expect(next.total).toBe(first.total);
        pages.push(...next.resources);
      }
      expect(pages.map((job) => job.id)).toEqual(whole.resources.map((job) => job.id));
    }
  });

  test('when a job is started, a backup deleted or an organization switched, then the answer names what was asked', () => {
    for (let n = 0; n < SEEDS; n += 1) {
      const seed = `create-${n}`;
      const random = seededRandom(seed);
      const named = [salesforceId('00D', random), '2473e846-31a8-4ee6-8299-17025548b4e2'];
      const started = shapeGenerated(
        {
          operationId: 'createSfdcSynchronizationJob',
          query: new URLSearchParams(),
          body: { organization_ids: named },
          seed,
          nowMs: NOW,
        },
        201,
      );
      expect(validateClosed(responseSchema('createSfdcSynchronizationJob', 201), started?.body)).toEqual([]);
      const job = started?.body as SynchronizationJob;
      expectRealisticJob(job, NOW);
      expect(job).toMatchObject({ overall_status: 'in_progress', cloud: 'sfdc' });
      expect(job.cloud === 'sfdc' && job.kms[0]).toBe(named[0]);
      expect(job.detailed_status).toBeUndefined();
      expect(started?.headers.Location).toBe(`/api/v1/cckm/sfdc/keys/synchronization-jobs?id=${job.id}`);

      const sap = shapeGenerated(
        {
          operationId: 'createSapSynchronizationJob',
          query: new URLSearchParams(),
          body: { groups: ['finance-eu'] },
          seed,
          nowMs: NOW,
        },
        201,
      );
      expect(validateClosed(responseSchema('createSapSynchronizationJob', 201), sap?.body)).toEqual([]);
      expect(sap?.body).toMatchObject({ cloud: 'sap', groups: ['finance-eu'] });
      expect(sap?.body).not.toHaveProperty('kms');

      const secretId = '912c7e4d-121e-42bc-ba28-33005cc665cf';
      const deleted = shapeGenerated(
        {
          operationId: 'deleteSfdcTenantSecretBackup',
          pathId: secretId,
          query: new URLSearchParams(),
          body: undefined,
          seed,
          nowMs: NOW,
        },
        200,
      );
      expect(validateClosed(responseSchema('deleteSfdcTenantSecretBackup', 200), deleted?.body)).toEqual([]);
      const secret = deleted?.body as {
        id: string;
        sfdc_org_id: string;
        name: string;
        sfdc_params: Record<string, unknown>;
      };
      expect(secret.id).toBe(secretId);
      expect(secret.sfdc_params.Status).toBe('DESTROYED');
      expect(secret.name).toBe(`${secret.sfdc_org_id}-${secret.sfdc_params.Type}`);
      expect(caseSafe(secret.sfdc_params.SalesforceID as string)).toBe(true);
      expect(Date.parse((secret.sfdc_params.CreatedDate as string).replace('+0000', 'Z'))).toBeLessThan(NOW);

      const organizationId = '2473e846-31a8-4ee6-8299-17025548b4e2';
      const switched = shapeGenerated(
        {
          operationId: 'updateSfdcOrganization',
          pathId: organizationId,
          query: new URLSearchParams(),
          body: { connection: 'eu-connection' },
          seed,
          nowMs: NOW,
        },
        200,
      );
      expect(validateClosed(responseSchema('updateSfdcOrganization', 200), switched?.body)).toEqual([]);
      expect(switched?.body).toMatchObject({
        id: organizationId,
        connection: 'eu-connection',
        cloud_name: 'sfdc',
      });
    }
  });

  test('when the same seed is asked twice, then the same data comes back', () => {
    const request = {
      operationId: 'listSfdcSynchronizationJobs',
      query: new URLSearchParams('limit=5'),
      body: undefined,
      seed: 'fixed',
      nowMs: NOW,
    };
    expect(jobListPage(request)).toEqual(jobListPage(request));
  });
});

describe('the mock, --dynamic', () => {
  let prism: RunningPrism;
  const token = mockToken();
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${prism.url}${path}`, {
      headers: { Authorization: `Bearer ${token}`, ...headers },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    prism = await startPrism({ dynamic: true });
  }, 60_000);
  afterAll(() => prism?.close());

  test('when ?limit=2 is asked with many seeds, then each page has limit 2, at most two jobs, the closed shapes', async () => {
    const schema = responseSchema('listSfdcSynchronizationJobs', 200);
    for (let n = 0; n < 25; n += 1) {
      const query = randomQuery(seededRandom(`black-box-${n}`));
      const { status, body } = await get(`/v1/cckm/sfdc/keys/synchronization-jobs?${query}`, {
        Prefer: `seed=box-${n}`,
      });
      expect(status).toBe(200);
      expect(validateClosed(schema, body), `?${query}`).toEqual([]);
      expectHonoured(body as SynchronizationJobList, query, Date.now());
    }
    const two = await get('/v1/cckm/sfdc/keys/synchronization-jobs?limit=2');
    expect((two.body as SynchronizationJobList).limit).toBe(2);
    expect((two.body as SynchronizationJobList).resources.length).toBeLessThanOrEqual(2);
  });

  test('when a job is started, then the 201 names the organizations sent and Location names the job', async () => {
    const response = await fetch(`${prism.url}/v1/cckm/sfdc/keys/synchronization-jobs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"organization_ids":["00DB000000040bIMAQ"]}',
    });
    const job = (await response.json()) as SynchronizationJob;
    expect(response.status).toBe(201);
    expect(validateClosed(responseSchema('createSfdcSynchronizationJob', 201), job)).toEqual([]);
    expect(job).toMatchObject({ cloud: 'sfdc', kms: ['00DB000000040bIMAQ'], overall_status: 'in_progress' });
    expect(response.headers.get('location')).toBe(`/api/v1/cckm/sfdc/keys/synchronization-jobs?id=${job.id}`);
  });

  test('when an error status is asked for, then the generated problem has that status and its title', async () => {
    for (const [path, method, status, body] of [
      ['/v1/cckm/sfdc/keys/synchronization-jobs', 'POST', 409, '{"synchronize_all":true}'],
      [
        '/v1/cckm/sfdc/organizations/2473e846-31a8-4ee6-8299-17025548b4e2',
        'PATCH',
        422,
        '{"connection":"x"}',
      ],
      ['/v1/cckm/sfdc/keys/912c7e4d-121e-42bc-ba28-33005cc665cf/delete-backup', 'POST', 404, undefined],
      ['/v1/cckm/sfdc/keys/synchronization-jobs', 'GET', 400, undefined],
    ] as const) {
      const response = await fetch(`${prism.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Prefer: `code=${status}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body } : {}),
      });
      const problem = (await response.json()) as { status: number; title: string; request_id: string };
      expect(response.status).toBe(status);
      const operationId = {
        POST: path.endsWith('delete-backup')
          ? 'deleteSfdcTenantSecretBackup'
          : 'createSfdcSynchronizationJob',
        PATCH: 'updateSfdcOrganization',
        GET: 'listSfdcSynchronizationJobs',
      }[method];
      expect(validateClosed(responseSchema(operationId, status), problem)).toEqual([]);
      expect(problem.status).toBe(status);
      expect(problem.request_id).toBe(response.headers.get('x-request-id'));
    }
  });
});
