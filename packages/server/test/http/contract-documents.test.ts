// The server serves its own contract (issue 24): the JSON it validates against, the same document
// in YAML and the offline HTML reference, without a token, each with an ETag a client can send back.
import { openapiDocument } from '@cckm/api-types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { startTestServer, type TestServer } from '../helpers.ts';

let server: TestServer;
let origin: string;
beforeAll(async () => {
  server = await startTestServer();
  origin = new URL(server.baseUrl).origin;
});
afterAll(() => server.close());

describe('the served contract', () => {
  test('when /api/openapi.json is asked for without a token, then it is the document the server validates against', async () => {
    const response = await fetch(`${origin}/api/openapi.json`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(await response.json()).toEqual(openapiDocument);
  });

  test('when /api/openapi.yaml is asked for, then it is the same document in YAML', async () => {
    const response = await fetch(`${origin}/api/openapi.yaml`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(parse(await response.text())).toEqual(openapiDocument);
  });

  test('when /api/docs is asked for, then it is the offline HTML reference, loading nothing from a CDN', async () => {
    const response = await fetch(`${origin}/api/docs`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain(openapiDocument.info.title);
    expect(html).not.toMatch(/https?:\/\/cdn\./);
  });

  test.each(['/api/openapi.json', '/api/openapi.yaml', '/api/docs'])(
    'when %s is asked for again with its ETag, then the answer is 304 without a body',
    async (path) => {
      const first = await fetch(`${origin}${path}`);
      const etag = first.headers.get('etag') as string;
      await first.arrayBuffer();

      const again = await fetch(`${origin}${path}`, { headers: { 'if-none-match': `"other", ${etag}` } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      const changed = await fetch(`${origin}${path}`, { headers: { 'if-none-match': '"other"' } });
      expect(changed.status).toBe(200);
      await changed.arrayBuffer();
    },
  );

  test('when HEAD asks for the JSON, then it gets the headers only', async () => {
    const response = await fetch(`${origin}/api/openapi.json`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
    expect(await response.text()).toBe('');
  });

  test.each(['/api/OPENAPI.JSON', '/api/openapi.json/', '/api/openapi.yml', '/api/docs/'])(
    'when %s is asked for, then it is a 404 problem',
    async (path) => {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    },
  );
});
