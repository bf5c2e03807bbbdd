// Runs one autocannon load in its own process (pinned by the parent) and prints the summary as
// JSON. Input: the path of a JSON file holding the LoadSpec, in argv[2]. A body template's "$ID" is replaced by the next
// of `ids`, so every POST can name a fresh organization; with `paths`, each request takes the next
// path and its headers (many URLs, and callers, in one load).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadSpec } from './load.ts';

const spec = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as LoadSpec;
let next = 0;
let sent = 0;
const result = await autocannon({
  url: spec.url,
  method: spec.method,
  headers: spec.headers,
  connections: spec.connections,
  duration: spec.durationSeconds,
  ...(spec.body && !spec.ids ? { body: spec.body } : {}),
  ...(spec.paths
    ? {
        requests: [
          {
            setupRequest: (request) => {
              const paths = spec.paths ?? [];
              const next = paths[sent % paths.length];
              sent += 1;
              return { ...request, path: next?.path, headers: { ...request.headers, ...next?.headers } };
            },
          },
        ],
      }
    : {}),
  ...(spec.body && spec.ids
    ? {
        requests: [
          {
            setupRequest: (request) => {
              const id = spec.ids?.[next % (spec.ids?.length ?? 1)] ?? '';
              next += 1;
              return { ...request, body: spec.body?.replace('$ID', id) };
            },
          },
        ],
      }
    : {}),
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }),
);
