// Bare Express 5 with the same canned JSON (parsed once, serialised per request like res.json).
import { readFileSync } from 'node:fs';
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
app.listen(Number(process.env.PORT), '127.0.0.1');
