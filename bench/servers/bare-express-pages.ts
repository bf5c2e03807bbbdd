// Bare Express 5 serving many list pages from memory, for the mixed workload: PAGES_FILE holds
// `{ "<authorization>\n<path>": body }`; each body is parsed once at start and serialised per
// request like res.json (as bare-express.ts does), chosen by the caller's Authorization header and
// the URL as sent. POST answers the canned job, as bare-express.ts does.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import express from 'express';

const pages = new Map(
  Object.entries(
    JSON.parse(readFileSync(process.env.PAGES_FILE as string, 'utf8')) as Record<string, string>,
  ).map(([key, body]) => [key, JSON.parse(body) as unknown]),
);
const job = JSON.parse(readFileSync(process.env.JOB_BODY_FILE as string, 'utf8')) as unknown;
const path = '/api/v1/cckm/sfdc/keys/synchronization-jobs';

const app = express();
app.use(express.json());
app.get(path, (request, response) => {
  const page = pages.get(`${request.headers.authorization ?? ''}\n${request.originalUrl}`);
  if (page === undefined) response.status(404).json({ title: 'no such page' });
  else response.json(page);
});
app.post(path, (_request, response) => {
  response.status(201).json(job);
});
createServer(app).listen(Number(process.env.PORT), '127.0.0.1');
