import type { Problem } from '@cckm/api-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../../src/index.ts';
import { SYNC_PATH, startTestServer, type TestServer } from '../../helpers.ts';

const { thales, seed002 } = DEMO.organizations;
let server: TestServer;
const created: { id: string; org: string }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  // Six finished jobs, alternating organizations; the second Thales one fails.
  for (let index = 0; index < 6; index += 1) {
    const org = index % 2 === 0 ? thales : seed002;
    const failure =
      index === 2
        ? server.clouds.faults.inject({ endpoint: 'salesforce.query', fault: { kind: 'malformed-json' } })
        : undefined;
    const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [org.id] } });
    await server.waitForJob(data?.id as string);
    failure?.remove();
    created.push({ id: data?.id as string, org: org.sfdcOrgId });
  }
});
afterAll(() => server.close());

const list = (query: Record<string, unknown>) =>
  server.admin.GET(SYNC_PATH, { params: { query: query as never } });

describe('GET synchronization-jobs', () => {
  test('when no query is given, then the first 10 jobs come newest first with the total', async () => {
    const { data, response } = await list({});
    expect(response.status).toBe(200);
    expect(data?.skip).toBe(0);
    expect(data?.limit).toBe(10);
    expect(data?.total).toBe(6);
    expect(data?.resources.map((job) => job.id)).toEqual(created.map((job) => job.id).reverse());
  });

  test('when skip and limit page through, then pages are disjoint and total stays the same', async () => {
    const first = await list({ skip: 0, limit: 4 });
    const second = await list({ skip: 4, limit: 4 });
    expect(first.data?.resources).toHaveLength(4);
    expect(second.data?.resources).toHaveLength(2);
    expect(second.data?.total).toBe(6);
    const ids = [...(first.data?.resources ?? []), ...(second.data?.resources ?? [])].map((job) => job.id);
    expect(new Set(ids).size).toBe(6);
  });

  test('when sorted by createdAt ascending, then the oldest comes first', async () => {
    const { data } = await list({ sort: 'createdAt' });
    expect(data?.resources.map((job) => job.id)).toEqual(created.map((job) => job.id));
  });

  test('when sorted by status then newest, then failed jobs follow completed ones', async () => {
    const { data } = await list({ sort: 'overall_status,-createdAt' });
    const statuses = data?.resources.map((job) => job.overall_status);
    expect(statuses).toEqual(['completed', 'completed', 'completed', 'completed', 'completed', 'failed']);
    expect(data?.resources[0]?.id).toBe(created[5]?.id);
  });

  test('when sort is written with a raw comma, as the seed page does, then it is accepted', async () => {
    const response = await fetch(`${server.baseUrl}${SYNC_PATH}?sort=overall_status,-createdAt&limit=2`, {
      headers: { Authorization: `Bearer ${await server.token()}` },
    });
    const body = (await response.json()) as { resources: { id: string }[] };
    expect(response.status).toBe(200);
    expect(body.resources[0]?.id).toBe(created[5]?.id);
  });

  test('when filtered by overall_status, then only those jobs and their count come back', async () => {
    const { data } = await list({ overall_status: 'failed' });
    expect(data?.total).toBe(1);
    expect(data?.resources[0]?.id).toBe(created[2]?.id);
  });

  test('when filtered by id, then exactly that job comes back', async () => {
    const { data } = await list({ id: created[3]?.id });
    expect(data?.resources.map((job) => job.id)).toEqual([created[3]?.id]);
  });

  test('when filtered by organizations by either kind of ID, then the same jobs match', async () => {
    const byResource = await list({ organizations: [seed002.id] });
    const bySalesforce = await list({ organizations: [seed002.sfdcOrgId] });
    expect(byResource.data?.total).toBe(3);
    expect(bySalesforce.data?.resources.map((job) => job.id)).toEqual(
      byResource.data?.resources.map((job) => job.id),
    );
    const both = await list({ organizations: [seed002.id, thales.sfdcOrgId] });
    expect(both.data?.total).toBe(6);
  });

  test('when the filters match nothing, then an empty page with total 0 comes back', async () => {
    const { data } = await list({ organizations: ['00DB00000009999ZZZ'] });
    expect(data).toEqual({ skip: 0, limit: 10, total: 0, resources: [] });
  });

  test('when skip is past the end, then the page is empty but total is right', async () => {
    const { data } = await list({ skip: 100 });
    expect(data?.resources).toEqual([]);
    expect(data?.total).toBe(6);
  });

  test('when the same page is asked again, then the answer is the same to the byte (headers too)', async () => {
    const url = `${server.baseUrl}${SYNC_PATH}?limit=3&sort=-createdAt`;
    const headers = { Authorization: `Bearer ${await server.token()}` };
    const answers = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await fetch(url, { headers });
      answers.push({
        status: response.status,
        type: response.headers.get('content-type'),
        length: response.headers.get('content-length'),
        body: await response.text(),
      });
    }
    expect(answers[0]?.type).toBe('application/json; charset=utf-8');
    expect(answers[0]?.length).toBe(String(Buffer.byteLength(answers[0]?.body ?? '')));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  test.each([
    ['limit=0', '/query/limit'],
    ['limit=1001', '/query/limit'],
    ['skip=-1', '/query/skip'],
    ['skip=abc', '/query/skip'],
    ['id=nope', '/query/id'],
    ['overall_status=in%20progress', '/query/overall_status'],
    ['sort=name', '/query/sort/0'],
    ['sort=-createdAt,', '/query/sort/1'],
    ['organizations=Thales', '/query/organizations/0'],
    ['unknown=1', '/query/unknown'],
  ])('when the query has %s, then 400 points at %s', async (query, path) => {
    const response = await fetch(`${server.baseUrl}${SYNC_PATH}?${query}`, {
      headers: { Authorization: `Bearer ${await server.token()}` },
    });
    const body = (await response.json()) as Problem;
    expect(response.status).toBe(400);
    expect(body.errors?.map((error) => error.path)).toContain(path);
  });
});
