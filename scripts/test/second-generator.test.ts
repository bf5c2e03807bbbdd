// The contract is not tuned to one tool: a second, independent generator (@hey-api/openapi-ts,
// fetch client + SDK) builds a client from the bundle without a warning, and that client, with a
// consumer that calls all five operations, type-checks under the repository's strict settings.
// Its types are as exact as openapi-typescript's: a sync body with both fields, with neither or
// with a misspelt field, a bad sort key and an unknown problem type do not compile; a job narrowed
// by `cloud` has its list.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { bundleContract } from '../lib/contract-artifacts.ts';
import { repoRoot, specEntry } from '../lib/repo-paths.ts';

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

const CONSUMER = `import { createClient } from './client/client/index.js';
import {
  createSapSynchronizationJob,
  createSfdcSynchronizationJob,
  deleteSfdcTenantSecretBackup,
  listSfdcSynchronizationJobs,
  updateSfdcOrganization,
} from './client/sdk.gen.js';
import type { OverallStatus, Problem, SynchronizationJob, TenantSecret } from './client/types.gen.js';

const client = createClient({ baseUrl: 'http://127.0.0.1:8080/api', auth: () => 'token' });
const id = '2473e846-31a8-4ee6-8299-17025548b4e2';

export async function consume(): Promise<OverallStatus | undefined> {
  const page = await listSfdcSynchronizationJobs({
    client,
    query: { limit: 10, skip: 0, organizations: ['00DB000000040bIMAQ'], overall_status: 'completed', sort: ['-createdAt', 'overall_status'] },
  });
  if (page.error) {
    const problem: Problem = page.error;
    return problem.status === 400 ? undefined : undefined;
  }
  const first: SynchronizationJob | undefined = page.data?.resources[0];
  const targets: string[] | undefined = first ? (first.cloud === 'sfdc' ? first.kms : first.groups) : undefined;
  const created = await createSfdcSynchronizationJob({ client, body: { organization_ids: ['00DB000000040bIMAQ'], synchronize_all: false } });
  if (created.error && created.response.status === 409) {
    const running: string | undefined = 'job_id' in created.error ? created.error.job_id : undefined;
    const requestId: string = created.error.request_id;
    if (running === requestId) return undefined;
  }
  await createSapSynchronizationJob({ client, body: { synchronize_all: true } });
  // @ts-expect-error both a list and synchronize_all: true
  await createSfdcSynchronizationJob({ client, body: { organization_ids: ['00DB000000040bIMAQ'], synchronize_all: true } });
  // @ts-expect-error neither field
  await createSfdcSynchronizationJob({ client, body: {} });
  // @ts-expect-error a misspelt field
  await createSfdcSynchronizationJob({ client, body: { synchronise_all: true } });
  // @ts-expect-error both groups and synchronize_all: true
  await createSapSynchronizationJob({ client, body: { groups: ['00RT000000060vKLOP'], synchronize_all: true } });
  // @ts-expect-error not a sort key
  await listSfdcSynchronizationJobs({ client, query: { sort: ['name'] } });
  const updated = await updateSfdcOrganization({ client, path: { id }, body: { connection: 'new-sfdc-connection' } });
  const organizationId: string | undefined = updated.data?.organization_id;
  const deleted = await deleteSfdcTenantSecretBackup({ client, path: { id } });
  const secret: TenantSecret | undefined = deleted.data;
  // @ts-expect-error limit is an integer
  await listSfdcSynchronizationJobs({ client, query: { limit: 'ten' } });
  // @ts-expect-error overall_status is one of the enum's values (seed 003's "in progress" is not)
  await listSfdcSynchronizationJobs({ client, query: { overall_status: 'in progress' } });
  // @ts-expect-error the path ID is required
  await deleteSfdcTenantSecretBackup({ client, path: {} });
  // @ts-expect-error connection is required
  await updateSfdcOrganization({ client, path: { id }, body: {} });
  // @ts-expect-error unknown body field
  await updateSfdcOrganization({ client, path: { id }, body: { connection: 'c', conection: 'c' } });
  return organizationId && secret && targets ? first?.overall_status : undefined;
}
`;

describe('second generator (@hey-api/openapi-ts)', () => {
  let workDir: string;
  let generation: { stdout: string; stderr: string };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'cckm-second-generator-'));
    await writeFile(
      join(workDir, 'openapi.yaml'),
      stringify(await bundleContract(specEntry), { lineWidth: 0 }),
    );
    await writeFile(
      join(workDir, 'openapi-ts.config.mjs'),
      `export default {
  input: './openapi.yaml',
  output: { path: './client', importFileExtension: '.js' },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
  logs: { level: 'info', file: false },
};
`,
    );
    generation = await promisify(execFile)(bin('openapi-ts'), ['--file', 'openapi-ts.config.mjs'], {
      cwd: workDir,
    });
  }, 120_000);
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  test('when it generates a client from the bundle, then it prints no warning and emits all five operations', async () => {
    expect(generation.stderr).toBe('');
    expect(generation.stdout).not.toMatch(/warn|❗|🚨/i);
    expect(generation.stdout).toContain('Done!');
    const sdk = await readFile(join(workDir, 'client', 'sdk.gen.ts'), 'utf8');
    const operations = [...sdk.matchAll(/^export const (\w+) = /gm)].map((match) => match[1]).sort();
    expect(operations).toEqual([
      'createSapSynchronizationJob',
      'createSfdcSynchronizationJob',
      'deleteSfdcTenantSecretBackup',
      'listSfdcSynchronizationJobs',
      'updateSfdcOrganization',
    ]);
  });

  test('when the client and a consumer are compiled with the strict settings, then tsc finds nothing', async () => {
    await writeFile(join(workDir, 'package.json'), '{ "type": "module", "private": true }\n');
    await writeFile(join(workDir, 'consumer.ts'), CONSUMER);
    await writeFile(
      join(workDir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(repoRoot, 'tsconfig.base.json'),
        // The same lib as packages/client: a fetch client needs the DOM's Request/Response/BodyInit.
        compilerOptions: {
          noEmit: true,
          skipLibCheck: false,
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: ['node'],
          typeRoots: [join(repoRoot, 'node_modules', '@types')],
        },
        include: ['client/**/*.ts', 'consumer.ts'],
      }),
    );
    const result = await promisify(execFile)(bin('tsc'), ['-p', join(workDir, 'tsconfig.json')], {
      cwd: workDir,
    }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
  }, 120_000);
});
