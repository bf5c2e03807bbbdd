// Whether the server's metrics kept their label sets bounded (issue 24): every label value of a
// cckm_ metric is one of the values the server chooses (an operation of the contract, a cloud, an
// endpoint kind, an outcome, an HTTP status), and none looks like an ID, whatever was sent to it.
import { contractOperations, openapiDocument } from '@cckm/api-types';
import { parseExposition } from '../metrics/exposition.ts';

const OPERATIONS = [
  ...contractOperations(openapiDocument).map(({ operation }) => operation.operationId as string),
  'healthz',
  'readyz',
  'contract',
  'docs',
  'unmatched',
];

/** The values each label may take. */
const ALLOWED: Readonly<Record<string, (value: string) => boolean>> = {
  operation: (value) => OPERATIONS.includes(value),
  method: (value) => ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'other'].includes(value),
  // An HTTP status, or a job's (cckm_sync_jobs_finished_total).
  status: (value) => /^[1-5][0-9]{2}$/.test(value) || value === 'completed' || value === 'failed',
  cloud: (value) => value === 'sfdc' || value === 'sap',
  endpoint: (value) => ['login', 'activate', 'query', 'groups', 'keys', 'other'].includes(value),
  outcome: (value) =>
    [
      'ok',
      'redirect',
      'unauthorized',
      'rate_limited',
      'client_error',
      'server_error',
      'timeout',
      'reset',
      'unreachable',
      'other',
      'succeeded',
      'failed',
    ].includes(value),
  reason: (value) => ['rate-limited', 'server-error', 'timeout', 'reset', 'other'].includes(value),
  result: (value) => value === 'hit' || value === 'miss',
  le: (value) => value === '+Inf' || Number.isFinite(Number(value)),
};

const LOOKS_LIKE_AN_ID = /[0-9a-f]{8}-[0-9a-f]{4}-|00D[A-Za-z0-9]{12}/i;

/** What is wrong with the cckm_ metrics' labels (empty when nothing), and how many series there are. */
export function checkMetricLabels(exposition: string): { problems: string[]; series: number } {
  const problems: string[] = [];
  let series = 0;
  for (const [name, samples] of parseExposition(exposition)) {
    if (!name.startsWith('cckm_')) continue;
    series += samples.length;
    for (const { labels } of samples) {
      for (const [label, value] of Object.entries(labels)) {
        const allowed = ALLOWED[label];
        if (!allowed) problems.push(`${name}: label ${label} is not one the server chooses`);
        else if (!allowed(value) || LOOKS_LIKE_AN_ID.test(value))
          problems.push(`${name}: ${label}=${JSON.stringify(value)}`);
      }
    }
  }
  return { problems: [...new Set(problems)], series };
}
