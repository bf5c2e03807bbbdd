// A list page built anew is serialised once: its JSON is made for its entity tag, and where
// responses are not validated those same bytes are sent (where they are, the page goes through
// res.json so the validator sees it). Either way the client gets the same bytes, media type and
// tag as from a page served again from the page cache.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO } from '../../../src/index.ts';
import { digestTag, SYNC_PATH, startTestServer, type TestServer } from '../../helpers.ts';

const { thales } = DEMO.organizations;

describe.each([
  ['not validated, page cache off', { VALIDATE_RESPONSES: 'false', LIST_PAGE_CACHE_PAGES: '0' }],
  ['not validated, page cache on', { VALIDATE_RESPONSES: 'false' }],
  ['validated, page cache off', { VALIDATE_RESPONSES: 'true', LIST_PAGE_CACHE_PAGES: '0' }],
])('with responses %s, a list page', (_case, environment) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(environment);
    const { data } = await server.admin.POST(SYNC_PATH, { body: { organization_ids: [thales.id] } });
    await server.waitForJob(data?.id as string);
  });
  afterAll(() => server.close());

  const get = async (query: string) => {
    const response = await fetch(`${server.baseUrl}${SYNC_PATH}${query}`, {
      headers: { Authorization: `Bearer ${await server.token()}` },
    });
    return { response, body: await response.text() };
  };

  test('when it is asked for twice, then both answers are the page’s JSON, byte for byte, tagged with its digest', async () => {
    const first = await get('?limit=3&sort=-createdAt');
    const second = await get('?limit=3&sort=-createdAt');
    for (const { response, body } of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
      expect(response.headers.get('etag')).toBe(digestTag(body));
      expect(body).toBe(JSON.stringify(JSON.parse(body)));
    }
    expect(second.body).toBe(first.body);
    const page = JSON.parse(first.body);
    expect(page).toMatchObject({ skip: 0, limit: 3 });
    expect(page.resources[0]).toMatchObject({ cloud: 'sfdc', kms: [thales.sfdcOrgId] });
  });
});
