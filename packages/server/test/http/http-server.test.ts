// The HTTP server's requests and responses are born with the app's prototypes, so Express's
// per-request Object.setPrototypeOf changes nothing; they are still Node's messages in every way.
import { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { afterEach, describe, expect, test } from 'vitest';
import { appMessageClasses, type Listening, listen } from '../../src/http/http-server.ts';

const settings = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };
let listening: Listening | undefined;
afterEach(async () => {
  await listening?.close();
  listening = undefined;
});

describe('HTTP server', () => {
  test("when a request arrives, then it and its response already have the app's prototypes before Express sees them", async () => {
    const app = express();
    app.get('/', (req, res) => {
      res.json({ path: req.path, app: req.app === app, json: typeof res.json });
    });
    listening = await listen(app, settings);
    const before: boolean[] = [];
    // Runs before the app, which is the server's first 'request' listener.
    listening.server.prependListener('request', (req, res) => {
      before.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
    });
    const response = await fetch(`${listening.origin}/?x=1`);
    expect(await response.json()).toEqual({ path: '/', app: true, json: 'function' });
    expect(before).toEqual([true, true]);
  });

  test("when the constructors make messages, then they are Node's IncomingMessage and ServerResponse", () => {
    const app = express();
    const classes = appMessageClasses(app);
    if (!classes) throw new Error("Node's message constructors are classes here");
    const request = new classes.IncomingMessage(null as never);
    const response = new classes.ServerResponse(request);
    expect(request).toBeInstanceOf(IncomingMessage);
    expect(response).toBeInstanceOf(ServerResponse);
    expect(Object.getPrototypeOf(request)).toBe(app.request);
    expect(Object.getPrototypeOf(response)).toBe(app.response);
    // Node's constructors ran: their own fields are there.
    expect(request.headers).toEqual({});
    expect(response.statusCode).toBe(200);
  });

  test("when the probe shows messages that are not Node's, then Node's own constructors are kept", () => {
    // Prototypes outside Node's chain: the probe's request has no stream state to read.
    const notExpress = { request: {}, response: {} } as unknown as Parameters<typeof appMessageClasses>[0];
    expect(appMessageClasses(notExpress)).toBeUndefined();
  });
});
