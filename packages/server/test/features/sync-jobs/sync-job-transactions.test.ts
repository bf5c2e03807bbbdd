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
    // The organization's new secrets are inserted, then flagging the ones Salesforce no longer
    // lists fails (for seed002 only): the insert must roll back with it.
    const plugin = {
      armed: true,
      transformQuery({ node }: PluginTransformQueryArgs) {
        const table = (node as { table?: { table?: { identifier?: { name?: string } } } }).table?.table
          ?.identifier?.name;
        if (
          plugin.armed &&
          node.kind === 'UpdateQueryNode' &&
          table === 'tenant_secrets' &&
          JSON.stringify(node).includes(seed002.id)
        ) {
          throw new Error('SQLITE_IOERR: disk I/O error (injected)');
        }
        return node;
      },
      transformResult: async ({ result }: PluginTransformResultArgs) => result,
    } satisfies KyselyPlugin & { armed: boolean };
    server = await startTestServer(
      {},
      { db: openDatabase({ kind: 'sqlite', filename: ':memory:' }).withPlugin(plugin) },
    );
    const organization = server.cloudState.salesforce.organizations.get(seed002.sfdcOrgId);
    const [template] = organization?.secrets ?? [];
    if (!organization || !template) throw new Error('the fake cloud lacks the seed organization');
    organization.secrets.push(
      { ...template, Id: '02G190000009TlXXAU', Status: 'ARCHIVED' },
      { ...template, Id: '02G190000009TlYYAU', Status: 'ARCHIVED' },
    );

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
