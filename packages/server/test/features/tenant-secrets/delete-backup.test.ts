import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO } from '../../../src/index.ts';
import { startTestServer, type TestServer } from '../../helpers.ts';

const PATH = '/v1/cckm/sfdc/keys/{id}/delete-backup' as const;
let server: TestServer;

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const deleteBackup = (id: string) => server.admin.POST(PATH, { params: { path: { id } } });

describe('POST keys/{id}/delete-backup', () => {
  test("when seed 002's DESTROYED secret is named, then 200 answers the record as it was and it is gone", async () => {
    const { data, response } = await deleteBackup(DEMO.destroyedSecretId);
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      id: DEMO.destroyedSecretId,
      uri: `kylo:kylo:cckm:Tenant_Secret:${DEMO.destroyedSecretId}`,
      cloud_name: 'sfdc',
      name: '00DB000000012ABCDE-DeterministicData',
      organization_id: DEMO.organizations.seed002.id,
      sfdc_org_id: DEMO.organizations.seed002.sfdcOrgId,
      error_msg: '',
      auto_rotate: false,
      origin: 'native',
    });
    expect(data?.sfdc_params).toMatchObject({
      SalesforceID: '02G190000009TlEEAU',
      Status: 'DESTROYED',
      Version: 20,
      Type: 'DeterministicData',
      SecretValue:
        'CgMyMzISEO3N5nQt+DmGWZ6P5sYRM94aMCRsJDVJCLWeZApXY9E5hAE0unbb2IAEE2OMBxFjuIIVqO5ia9ypAZ9EtNHqbEVNnA==',
      CreatedDate: '2021-08-19T14:46:44.000+0000',
      RemoteKeyCertificate: '',
    });
    // The key material is gone; the record stays as a tombstone that remembers the deletion.
    const left = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select(['backup_value', 'backup_deleted_at'])
      .where('id', '=', DEMO.destroyedSecretId)
      .executeTakeFirstOrThrow();
    expect(left.backup_value).toBe('');
    expect(left.backup_deleted_at).not.toBeNull();
  });

  test('when a body is sent, then 400 names /body (requests are closed) and the backup is kept', async () => {
    const token = await server.token();
    const response = await fetch(
      `${server.baseUrl}/v1/cckm/sfdc/keys/${DEMO.destroyedSecretId}/delete-backup`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{"force":true}',
      },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
      errors: [{ path: '/body', message: 'must be absent: this operation takes no body' }],
    });
    const left = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select(['backup_deleted_at'])
      .where('id', '=', DEMO.destroyedSecretId)
      .executeTakeFirstOrThrow();
    expect(left.backup_deleted_at).toBeNull();
  });

  test('when the organization is synchronized after its backup was deleted, then the backup stays deleted', async () => {
    expect((await deleteBackup(DEMO.destroyedSecretId)).response.status).toBe(200);
    const { data } = await server.admin.POST('/v1/cckm/sfdc/keys/synchronization-jobs', {
      body: { organization_ids: [DEMO.organizations.seed002.id] },
    });
    expect((await server.waitForJob(data?.id as string)).overall_status).toBe('completed');

    const copies = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select(['id', 'backup_value', 'backup_deleted_at'])
      .where('salesforce_id', '=', '02G190000009TlEEAU')
      .execute();
    expect(copies).toEqual([
      { id: DEMO.destroyedSecretId, backup_value: '', backup_deleted_at: expect.any(String) },
    ]);
    expect((await deleteBackup(DEMO.destroyedSecretId)).response.status).toBe(404);
  });

  test('when the backup was already deleted, then a second call is 404', async () => {
    await deleteBackup(DEMO.destroyedSecretId);
    const { error, response } = await deleteBackup(DEMO.destroyedSecretId);
    expect(response.status).toBe(404);
    expect(error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:not-found',
      detail: `No tenant secret ${DEMO.destroyedSecretId}`,
    });
  });

  test('when the secret is ACTIVE, then 409 says so and the record stays', async () => {
    const { error, response } = await deleteBackup(DEMO.activeSecretId);
    expect(response.status).toBe(409);
    expect(error).toMatchObject({
      type: 'tag:cckm-contract.github.io,2026:problem:secret-not-destroyed',
      detail: `The backup of tenant secret ${DEMO.activeSecretId} can only be deleted once the secret is DESTROYED; its status is ACTIVE`,
    });
    const left = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select('id')
      .where('id', '=', DEMO.activeSecretId)
      .execute();
    expect(left).toHaveLength(1);
  });

  test('when the secret is ARCHIVED, then 409 as well', async () => {
    await server.runtime.db
      .updateTable('tenant_secrets')
      .set({ status: 'ARCHIVED' })
      .where('id', '=', DEMO.activeSecretId)
      .execute();
    const { error, response } = await deleteBackup(DEMO.activeSecretId);
    expect(response.status).toBe(409);
    expect(error?.detail).toContain('its status is ARCHIVED');
  });

  test('when the ID is unknown, then 404', async () => {
    const { response, error } = await deleteBackup('2cf88f46-441b-40e2-bc2c-1633f7e4ff4c');
    expect(response.status).toBe(404);
    expect(error?.status).toBe(404);
  });

  test('when the ID is not a UUID, then 400 points at it', async () => {
    const { response, error } = await deleteBackup('not-a-uuid');
    expect(response.status).toBe(400);
    expect(error?.errors).toEqual([{ path: '/path/id', message: 'must match format "uuid"' }]);
  });

  test('when a synchronized secret is DESTROYED in Salesforce, then its backup can be deleted after the sync', async () => {
    const { data } = await server.admin.POST('/v1/cckm/sfdc/keys/synchronization-jobs', {
      body: { organization_ids: [DEMO.organizations.thales.id] },
    });
    await server.waitForJob(data?.id as string);
    const destroyed = await server.runtime.db
      .selectFrom('tenant_secrets')
      .select('id')
      .where('status', '=', 'DESTROYED')
      .where('organization_id', '=', DEMO.organizations.thales.id)
      .executeTakeFirstOrThrow();
    const { response } = await deleteBackup(destroyed.id);
    expect(response.status).toBe(200);
  });
});
