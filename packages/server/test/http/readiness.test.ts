// /readyz tells a load balancer whether to send work: 200 when the database answers, a 503 problem
// when it does not (never a 500: nothing is wrong with the request).
import { describe, expect, test } from 'vitest';
import { startTestServer } from '../helpers.ts';

describe('GET /readyz', () => {
  test('when the database answers, then 200; when it is gone, then a 503 problem', async () => {
    const server = await startTestServer();
    const readyz = server.baseUrl.replace(/\/api$/, '/readyz');
    try {
      expect((await fetch(readyz)).status).toBe(200);
      await server.runtime.db.destroy();
      const response = await fetch(readyz);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({
        status: 503,
        detail: 'The database does not answer',
      });
    } finally {
      await server.close().catch(() => undefined);
    }
  });
});
