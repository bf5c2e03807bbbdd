// The client keeps the list pages it got with their ETag and asks for each again with
// If-None-Match: an unchanged page comes as a 304 with no body, and the method returns the page
// it kept, with that 304 as `response`.
import { describe, expect, test } from 'vitest';
import { createCckmClient } from '../src/index.ts';
import { job, page, recordingFetch } from './helpers.ts';

const BASE = 'https://cm.example.test/api';
const ID = 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a';

const tagged = (response: Response, etag: string) => {
  response.headers.set('ETag', etag);
  return response;
};
const notModified = (etag: string) => new Response(null, { status: 304, headers: { ETag: etag } });

describe('conditional list GETs', () => {
  test('when a page is asked again and has not changed, then the 304 returns the page kept', async () => {
    const { fetch, requests } = recordingFetch((_request, index) =>
      index === 0 ? tagged(page([job(ID)], 1), '"t1"') : notModified('"t1"'),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });

    const first = await client.listSfdcSynchronizationJobs({ limit: 5 });
    const second = await client.listSfdcSynchronizationJobs({ limit: 5 });

    expect(requests[0]?.headers.get('if-none-match')).toBeNull();
    expect(requests[1]?.headers.get('if-none-match')).toBe('"t1"');
    expect(second.response?.status).toBe(304);
    expect(second.error).toBeUndefined();
    expect(second.data).toEqual(first.data);
  });

  test('when the page changed, then the new page comes and its tag is the one sent next', async () => {
    const { fetch, requests } = recordingFetch((_request, index) =>
      index === 0
        ? tagged(page([job(ID)], 1), '"t1"')
        : index === 1
          ? tagged(page([job(ID, 'completed')], 1), '"t2"')
          : notModified('"t2"'),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });

    await client.listSfdcSynchronizationJobs({ id: ID });
    const changed = await client.listSfdcSynchronizationJobs({ id: ID });
    const same = await client.listSfdcSynchronizationJobs({ id: ID });

    expect(changed.data?.resources[0]?.overall_status).toBe('completed');
    expect(requests[2]?.headers.get('if-none-match')).toBe('"t2"');
    expect(same.data?.resources[0]?.overall_status).toBe('completed');
  });

  test('when another query is asked, then it is sent without If-None-Match', async () => {
    const { fetch, requests } = recordingFetch(() => tagged(page([], 0), '"t"'));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    await client.listSfdcSynchronizationJobs({ limit: 5 });
    await client.listSfdcSynchronizationJobs({ limit: 6 });
    expect(requests[1]?.headers.get('if-none-match')).toBeNull();
  });

  test('when revalidatedPages is 0, then no page is kept and no If-None-Match is sent', async () => {
    const { fetch, requests } = recordingFetch(() => tagged(page([], 0), '"t"'));
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch, revalidatedPages: 0 });
    await client.listSfdcSynchronizationJobs({ limit: 5 });
    await client.listSfdcSynchronizationJobs({ limit: 5 });
    expect(requests[1]?.headers.get('if-none-match')).toBeNull();
  });

  test('when more queries are asked than pages are kept, then the least recently used is dropped', async () => {
    const { fetch, requests } = recordingFetch((request) =>
      tagged(page([], 0), `"${new URL(request.url).searchParams.get('limit')}"`),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch, revalidatedPages: 2 });
    for (const limit of [1, 2, 1, 3, 1, 2]) await client.listSfdcSynchronizationJobs({ limit });
    // 1 kept throughout (used again before each eviction); 2 dropped when 3 came.
    expect(requests.map((request) => request.headers.get('if-none-match'))).toEqual([
      null,
      null,
      '"1"',
      null,
      '"1"',
      null,
    ]);
  });

  test("when the caller sends its own If-None-Match, then it goes as is and a 304 is the caller's to read", async () => {
    const { fetch, requests } = recordingFetch((_request, index) =>
      index === 0 ? tagged(page([job(ID)], 1), '"t1"') : notModified('"mine"'),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    await client.listSfdcSynchronizationJobs({ limit: 5 });
    const own = await client.listSfdcSynchronizationJobs(
      { limit: 5 },
      { headers: { 'if-none-match': '"mine"' } },
    );
    expect(requests[1]?.headers.get('if-none-match')).toBe('"mine"');
    expect(own.response?.status).toBe(304);
    expect(own.data).toBeUndefined();
  });

  test('when waiting for a job, then unchanged polls are 304s and the job is still seen until it ends', async () => {
    const { fetch, requests } = recordingFetch((_request, index) =>
      index === 0
        ? tagged(page([job(ID)], 1, 0, 1), '"running"')
        : index < 3
          ? notModified('"running"')
          : tagged(page([job(ID, 'completed')], 1, 0, 1), '"done"'),
    );
    const client = createCckmClient({ baseUrl: BASE, token: 't', fetch });
    const seen: string[] = [];
    const done = await client.waitForJob(ID, {
      interval: 1,
      onProgress: (each) => seen.push(each.overall_status),
    });
    expect(done.overall_status).toBe('completed');
    expect(seen).toEqual(['in_progress', 'in_progress', 'in_progress', 'completed']);
    expect(requests.slice(1).map((request) => request.headers.get('if-none-match'))).toEqual([
      '"running"',
      '"running"',
      '"running"',
    ]);
  });
});
