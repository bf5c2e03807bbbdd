// A request without Host is answered as a problem like every other 400 (issue 24, defect 8).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYNC_PATH, startTestServer, type TestServer } from '../helpers.ts';

let server: TestServer;
let origin: string;
beforeAll(async () => {
  server = await startTestServer();
  origin = new URL(server.baseUrl).origin;
});
afterAll(() => server.close());

const LIST = `/api${SYNC_PATH}`;

/** Bytes on their own connection; resolves with everything the server wrote before closing. */
function rawSocket(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('a request without Host', () => {
  test('when an HTTP/1.1 request has no Host header, then the 400 is a problem', async () => {
    const answer = await rawSocket(`GET ${LIST} HTTP/1.1\r\nConnection: close\r\n\r\n`);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(body)).toMatchObject({ status: 400, detail: expect.stringMatching(/Host/) });
  });

  test('when an HTTP/1.0 request has no Host header, then it is served (HTTP/1.0 has none)', async () => {
    const answer = await rawSocket(`GET /healthz HTTP/1.0\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
