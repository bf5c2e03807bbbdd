import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../src/db/database.ts';
import { DEMO } from '../../../src/index.ts';
import { SYNC_PATH, startTestServer, type TestServer } from '../../helpers.ts';

const { thales, seed002 } = DEMO.organizations;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Fails every INSERT into `table` while armed, like a full disk would. */
function failingInsertsInto(table: string) {
  const plugin = {
    armed: false as boolean,
    transformQuery({ node }: PluginTransformQueryArgs) {
      const into = (node as { into?: { table?: { identifier?: { name?: string } } } }).into;
      if (plugin.armed && node.kind === 'InsertQueryNode' && into?.table?.identifier?.name === table) {
        throw new Error('SQLITE_IOERR: disk I/O error (injected)');
      }
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs) => result,
  } satisfies KyselyPlugin & { armed: boolean };
  return plugin;
}

describe('transactions', () => {
  test('when writing a job target fails, then 500 without internals and no half-written job', async () => {
    const plugin = failingInsertsInto('sync_job_targets');
    const db = openDatabase({ kind: 'sqlite', filename: ':memory:' }).withPlugin(plugin);
    server = await startTestServer({}, { db });
    plugin.armed = true;

    const { error, response } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });

    expect(response.status).toBe(500);
    expect(error).toMatchObject({ type: 'tag:cckm-contract.github.io,2026:problem:internal', status: 500 });
    expect(JSON.stringify(error)).not.toMatch(/SQLITE|disk|insert|stack/i);
    plugin.armed = false;
    expect(await server.runtime.db.selectFrom('sync_jobs').select('id').execute()).toEqual([]);
    const retry = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    expect(retry.response.status).toBe(201);
    await server.waitForJob(retry.data?.id as string);
  });

  test("when storing an organization's secrets fails midway, then none of them are kept and the job says so", async () => {
    server = await startTestServer();
    const secrets = server.sandbox.state.tenantSecrets.get(seed002.sfdcOrgId) ?? [];
    // The second record breaks a NOT NULL column after the first was written.
    server.sandbox.state.tenantSecrets.set(seed002.sfdcOrgId, [
      { ...(secrets[1] as (typeof secrets)[number]), Id: '02G190000009TlXXAU' },
      { ...(secrets[1] as (typeof secrets)[number]), Id: '02G190000009TlYYAU', Status: null as never },
    ]);

    const { data } = await server.admin.POST(SYNC_PATH, { body: { synchronize_all: true } });
    const job = await server.waitForJob(data?.id as string);

    expect(job.overall_status).toBe('completed');
    expect(job.detailed_status).toEqual({
      [thales.sfdcOrgId]: 'synchronized 4 tenant secrets',
      [seed002.sfdcOrgId]: 'Internal error while synchronizing; see the server log',
    });
    const written = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select('salesforce_id')
      .where('salesforce_id', 'in', ['02G190000009TlXXAU', '02G190000009TlYYAU'])
      .execute();
    expect(written).toEqual([]);
  });
});
