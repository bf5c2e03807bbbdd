// The contract is not tuned to one tool: a second, independent generator (@hey-api/openapi-ts,
// fetch client + SDK) builds a client from the bundle without a warning, and that client, with a
// consumer that calls all five operations, type-checks under the repository's strict settings.
// Its types are as exact as openapi-typescript's: a sync body with both fields, with neither or
// with a misspelt field, a bad sort key and an unknown problem type do not compile; each
// operation's job (Salesforce: kms, SAP: groups) has its list.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
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
import type { OverallStatus, Problem, SapSynchronizationJob, SfdcSynchronizationJob, TenantSecret } from './client/types.gen.js';

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
  // Each operation answers its own job: the list's items are Salesforce jobs, with kms.
  const first: SfdcSynchronizationJob | undefined = page.data?.resources[0];
  const targets: string[] | undefined = first?.kms;
  const created = await createSfdcSynchronizationJob({ client, body: { organization_ids: ['00DB000000040bIMAQ'], synchronize_all: false } });
  if (created.error && created.response.status === 409) {
    const running: string | undefined = 'job_id' in created.error ? created.error.job_id : undefined;
    const requestId: string = created.error.request_id;
    if (running === requestId) return undefined;
  }
  const sap = await createSapSynchronizationJob({ client, body: { synchronize_all: true } });
  const sapJob: SapSynchronizationJob | undefined = sap.data;
  const groups: string[] | undefined = sapJob?.groups;
  if (groups && sap.data?.cloud !== 'sap') return undefined;
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

// A zod generator (openapi-zod-client, whose bundling and validation is swagger-parser's) reads
// the bundle too: swagger-parser validates it, and the zod schemas it writes accept every named
// example of the contract and refuse what the contract refuses. Tool bugs the contract is shaped
// around are in decisions/0121-zod-generator-and-swagger-parser.md.
describe('zod generator (openapi-zod-client) and swagger-parser', () => {
  type Parser = { safeParse(value: unknown): { success: boolean; error?: unknown } };
  type Json = Record<string, unknown>;
  let workDir: string;
  let bundled: Json;
  let schemas: Record<string, Parser>;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'cckm-zod-generator-'));
    bundled = (await bundleContract(specEntry)) as Json;
    await writeFile(join(workDir, 'openapi.yaml'), stringify(bundled, { lineWidth: 0 }));
    const template = join(repoRoot, 'node_modules/openapi-zod-client/src/templates/schemas-only.hbs');
    await promisify(execFile)(
      bin('openapi-zod-client'),
      ['openapi.yaml', '-o', 'schemas.ts', '--export-schemas', '--strict-objects', '-t', template],
      { cwd: workDir },
    );
    // The output is plain JavaScript importing "zod": point it at the generator's own zod.
    const zod = createRequire(createRequire(import.meta.url).resolve('openapi-zod-client')).resolve('zod');
    const source = await readFile(join(workDir, 'schemas.ts'), 'utf8');
    await writeFile(
      join(workDir, 'schemas.mjs'),
      source.replace(/from "zod"/, `from "${pathToFileURL(zod).href}"`),
    );
    ({ schemas } = (await import(pathToFileURL(join(workDir, 'schemas.mjs')).href)) as {
      schemas: Record<string, Parser>;
    });
  }, 120_000);
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  test('when swagger-parser validates the bundle, then it finds nothing', async () => {
    await expect(SwaggerParser.validate(join(workDir, 'openapi.yaml'))).resolves.toBeTruthy();
  });

  test('when every named example is parsed with the zod schema of its body, then each passes', () => {
    const components = bundled.components as { examples: Record<string, { value: unknown }> };
    const nameOf = (schema: unknown) =>
      /#\/components\/schemas\/(\w+)$/.exec(String((schema as Json)?.$ref))?.[1];
    const checked: string[] = [];
    for (const item of Object.values(bundled.paths as Record<string, Record<string, Json>>)) {
      for (const operation of Object.values(item)) {
        const bodies = [operation.requestBody, ...Object.values((operation.responses ?? {}) as Json)];
        for (const body of bodies) {
          for (const media of Object.values(((body as Json)?.content ?? {}) as Record<string, Json>)) {
            const name = nameOf(media.schema);
            if (!name) continue;
            for (const [key, example] of Object.entries((media.examples ?? {}) as Record<string, Json>)) {
              const value = example.$ref
                ? components.examples[String(example.$ref).split('/').pop() as string]?.value
                : example.value;
              const result = schemas[name]?.safeParse(value);
              expect(result?.success, `${name} ${key}: ${String(result?.error)}`).toBe(true);
              checked.push(key);
            }
          }
        }
      }
    }
    expect(checked.length).toBeGreaterThan(15);
  });

  test('when a body breaks the contract, then the zod schemas refuse it as the server does', () => {
    const sfdc = schemas.SfdcSynchronizationJobRequest as Parser;
    expect(sfdc.safeParse({ synchronize_all: true }).success).toBe(true);
    expect(sfdc.safeParse({ organization_ids: ['00DB000000040bIMAQ'], synchronize_all: true }).success).toBe(
      false,
    );
    expect(sfdc.safeParse({ synchronize_all: false }).success).toBe(false);
    expect(
      (schemas.SapSynchronizationJobRequest as Parser).safeParse({ synchronise_all: true }).success,
    ).toBe(false);
    expect(
      (schemas.UpdateOrganizationRequest as Parser).safeParse({ connection: 'c', conection: 'c' }).success,
    ).toBe(false);
    // Responses stay open (tolerant reader): an unknown field is kept, not refused.
    const job = schemas.SfdcSynchronizationJob as Parser;
    const started = (bundled.components as { examples: Record<string, { value: Json }> }).examples
      .SfdcSyncJobStarted?.value;
    expect(job.safeParse({ ...started, added_in_a_minor_release: 1 }).success).toBe(true);
    expect(job.safeParse({ ...started, cloud: 'sap' }).success).toBe(false);
  });
});
