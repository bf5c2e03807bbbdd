// The ceiling: node:http answering the list and the job creation with canned JSON.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const list = readFileSync(process.env.LIST_BODY_FILE as string);
const job = readFileSync(process.env.JOB_BODY_FILE as string);

createServer((request, response) => {
  if (request.method === 'POST') {
    request.resume();
    request.on('end', () => {
      response.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': job.length });
      response.end(job);
    });
    return;
  }
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': list.length });
  response.end(list);
}).listen(Number(process.env.PORT), '127.0.0.1');
