// Conditional GET of the job list, for pollers: every page carries a strong ETag (a digest of its
// bytes), and If-None-Match naming it gets a 304 with no body until the page changes; with the
// page cache on or off, the tag is the same for the same bytes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../../src/index.ts';
import { digestTag, SYNC_PATH, startTestServer, type TestServer } from '../../helpers.ts';

const { thales } = DEMO.organizations;

describe.each([
  ['on', {}],
  ['off', { LIST_PAGE_CACHE_PAGES: '0' }],
])('with the page cache %s, a conditional GET of the list', (_cache, environment) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(environment);
    const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    await server.waitForJob(data?.id as string);
  });
  afterAll(() => server.close());

  const get = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.baseUrl}${SYNC_PATH}${query}`, {
      headers: { Authorization: `Bearer ${await server.token()}`, ...headers },
    });
    return { response, body: await response.text() };
  };

  test('when a page is sent, then its ETag is the digest of its bytes, and it may be kept but must be asked for again', async () => {
    for (let round = 0; round < 2; round += 1) {
      const { response, body } = await get('?limit=5');
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe(digestTag(body));
      expect(response.headers.get('cache-control')).toBe('private, no-cache');
    }
  });

  test.each([
    ['the tag itself', (tag: string) => tag],
    ['a list holding it', (tag: string) => `"someOtherTag1234567890a", ${tag}`],
    ['its weak form', (tag: string) => `W/${tag}`],
    ['*', () => '*'],
  ])('when If-None-Match is %s, then the answer is 304 with the tag and no body', async (_case, header) => {
    const first = await get('?limit=5&sort=-createdAt');
    const tag = first.response.headers.get('etag') as string;
    const again = await get('?limit=5&sort=-createdAt', { 'If-None-Match': header(tag) });
    expect(again.response.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.response.headers.get('etag')).toBe(tag);
    expect(again.response.headers.get('cache-control')).toBe('private, no-cache');
    expect(again.response.headers.get('x-request-id')).toBeTruthy();
  });

  test.each(['"nope"', 'garbage without quotes', '""', 'W/'])(
    'when If-None-Match is %j, which names no page, then the page comes whole',
    async (header) => {
      const { response, body } = await get('?limit=5', { 'If-None-Match': header });
      expect(response.status).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ skip: 0, limit: 5 });
    },
  );

  test('when another page is asked with a tag of this one, then it comes whole with its own tag', async () => {
    const first = await get('?limit=5');
    const other = await get('?limit=4', { 'If-None-Match': first.response.headers.get('etag') as string });
    expect(other.response.status).toBe(200);
    expect(other.response.headers.get('etag')).not.toBe(first.response.headers.get('etag'));
  });

  test('when a job is created after the page was read, then the old tag gets the new page, not a 304', async () => {
    const before = await get('?limit=5');
    const tag = before.response.headers.get('etag') as string;
    const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    const after = await get('?limit=5', { 'If-None-Match': tag });
    expect(after.response.status).toBe(200);
    expect(after.response.headers.get('etag')).toBe(digestTag(after.body));
    expect(after.response.headers.get('etag')).not.toBe(tag);
    expect(JSON.parse(after.body).resources[0].id).toBe(data?.id);
    await server.waitForJob(data?.id as string);
  });

  test('when If-None-Match is longer than 4096 characters, then it is a 400 naming the header', async () => {
    const { response, body } = await get('?limit=5', { 'If-None-Match': `"${'a'.repeat(4100)}"` });
    expect(response.status).toBe(400);
    expect(JSON.parse(body).errors.map((error: { path: string }) => error.path)).toContain(
      '/headers/if-none-match',
    );
  });

  test('when a request without a token sends a matching tag, then it is a 401, not a 304', async () => {
    const first = await get('?limit=5');
    const response = await fetch(`${server.baseUrl}${SYNC_PATH}?limit=5`, {
      headers: { 'If-None-Match': first.response.headers.get('etag') as string },
    });
    expect(response.status).toBe(401);
  });
});
