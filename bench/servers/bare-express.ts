// Bare Express 5 with the same canned JSON (parsed once, serialised per request like res.json).
// With BORN_WITH_PROTOTYPES=1 its server makes requests and responses with Express's prototypes
// from the start, as our server does (appMessageClasses): the ceiling for an Express app so built.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import express from 'express';

const list = JSON.parse(readFileSync(process.env.LIST_BODY_FILE as string, 'utf8')) as unknown;
const job = JSON.parse(readFileSync(process.env.JOB_BODY_FILE as string, 'utf8')) as unknown;
const path = '/api/v1/cckm/sfdc/keys/synchronization-jobs';

const app = express();
app.use(express.json());
app.get(path, (_request, response) => {
  response.json(list);
});
app.post(path, (_request, response) => {
  response.status(201).json(job);
});
// Only that module of the server, and only for that variant: both start as a bare Express app does.
const server =
  process.env.BORN_WITH_PROTOTYPES === '1'
    ? createServer(
        { ...(await import('../../packages/server/src/http/http-server.ts')).appMessageClasses(app) },
        app,
      )
    : createServer(app);
server.listen(Number(process.env.PORT), '127.0.0.1');
