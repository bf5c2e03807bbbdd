// The seed pages, fact by fact, against the contract: operations, parameters, rules, codes.
import { describe, expect, test } from 'vitest';
import { openapiDocument } from '../src/index.ts';
import { createSchemaValidator, type Document, resolve, seedExampleResponse } from './helpers.ts';

const document = openapiDocument as unknown as Document;
const validate = createSchemaValidator(document);
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const operation = (path: string, method: string) =>
  (document.paths[path] as Record<string, Record<string, unknown>>)[method] as Record<string, unknown>;

const OPERATIONS = [
  {
    seed: '000',
    method: 'post',
    path: '/v1/cckm/sfdc/keys/synchronization-jobs',
    id: 'createSfdcSynchronizationJob',
    codes: ['201', '400', '401', '403', '409', '422', '500'],
  },
  {
    seed: '001',
    method: 'get',
    path: '/v1/cckm/sfdc/keys/synchronization-jobs',
    id: 'listSfdcSynchronizationJobs',
    codes: ['200', '400', '401', '403', '500'],
  },
  {
    seed: '002',
    method: 'post',
    path: '/v1/cckm/sfdc/keys/{id}/delete-backup',
    id: 'deleteSfdcTenantSecretBackup',
    codes: ['200', '400', '401', '403', '404', '409', '500'],
  },
  {
    seed: '003',
    method: 'post',
    path: '/v1/cckm/sap/synchronization-jobs',
    id: 'createSapSynchronizationJob',
    codes: ['201', '400', '401', '403', '409', '422', '500'],
  },
  {
    seed: '004',
    method: 'patch',
    path: '/v1/cckm/sfdc/organizations/{id}',
    id: 'updateSfdcOrganization',
    codes: ['200', '400', '401', '403', '404', '422', '500'],
  },
] as const;

describe('the five operations', () => {
  test('when the paths are listed, then they are exactly the five seed operations under /api', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/api' })]);
    const declared = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );
    expect(declared.sort()).toEqual(OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
  });

  test.each(OPERATIONS)(
    'when seed $seed is looked up, then $id has its codes, a tag and bearer auth',
    (op) => {
      const found = operation(op.path, op.method);
      expect(found.operationId).toBe(op.id);
      expect(Object.keys(found.responses as object).sort()).toEqual([...op.codes].sort());
      expect(found.tags).toHaveLength(1);
      expect(String(found.summary).length).toBeGreaterThan(10);
      expect(String(found.description).length).toBeGreaterThan(100);
      expect(found.security ?? document.security).toEqual([{ bearerAuth: [] }]);
    },
  );

  test('when the security scheme is read, then it is an HTTP bearer JWT', () => {
    expect(
      resolve(document, (document.components.securitySchemes as Record<string, unknown>).bearerAuth),
    ).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  test('when any 401 is read, then it carries a required WWW-Authenticate header', () => {
    for (const op of OPERATIONS) {
      const unauthorized = resolve(
        document,
        (operation(op.path, op.method).responses as Record<string, unknown>)['401'],
      );
      expect(
        (unauthorized.headers as Record<string, { required: boolean }>)['WWW-Authenticate']?.required,
      ).toBe(true);
    }
  });
});

describe('seed example responses', () => {
  test('when seed 000, 001 and 004 responses are validated, then they conform as printed', () => {
    expect(validate(schema('SynchronizationJob'), seedExampleResponse('000_14e19eb9c46699eb.txt'))).toEqual(
      [],
    );
    expect(
      validate(schema('SynchronizationJobList'), seedExampleResponse('001_b3c947de07d48c98.txt')),
    ).toEqual([]);
    expect(
      validate(schema('SalesforceOrganization'), seedExampleResponse('004_3fcaf329439c50b7.txt')),
    ).toEqual([]);
  });

  test('when seed 002 is unwrapped from its "application/json" key, then it is a TenantSecret', () => {
    const wrapped = seedExampleResponse('002_403471eb38996e41.txt') as Record<string, unknown>;
    expect(validate(schema('TenantSecret'), wrapped).length).toBeGreaterThan(0);
    expect(validate(schema('TenantSecret'), wrapped['application/json'])).toEqual([]);
  });

  test('when seed 003 is validated, then its "in progress" erratum is refused and in_progress accepted', () => {
    const seed = seedExampleResponse('003_444143c6653416d4.txt') as Record<string, unknown>;
    expect(validate(schema('SynchronizationJob'), seed)).toContain(
      '/overall_status must be equal to one of the allowed values',
    );
    expect(validate(schema('SynchronizationJob'), { ...seed, overall_status: 'in_progress' })).toEqual([]);
  });
});

describe('rules of the seeds, enforced by the schemas', () => {
  const sfdc = (body: unknown) => validate(schema('SfdcSynchronizationJobRequest'), body);
  const sap = (body: unknown) => validate(schema('SapSynchronizationJobRequest'), body);
  const orgId = '2473e846-31a8-4ee6-8299-17025548b4e2';

  test('when a Salesforce sync names organizations xor synchronize_all: true, then it is valid', () => {
    expect(sfdc({ synchronize_all: true })).toEqual([]);
    expect(sfdc({ organization_ids: [orgId, '00DB000000040bIMAQ'] })).toEqual([]);
  });

  test.each([
    ['both', { organization_ids: [orgId], synchronize_all: true }],
    ['neither', {}],
    ['synchronize_all false alone', { synchronize_all: false }],
    ['an empty list', { organization_ids: [] }],
    ['a repeated id', { organization_ids: [orgId, orgId] }],
    ['a malformed id', { organization_ids: ['not-an-org'] }],
    ['an unknown field', { synchronize_all: true, dryRun: true }],
  ])('when a Salesforce sync body has %s, then it is invalid', (_case, body) => {
    expect(sfdc(body)).not.toEqual([]);
  });

  test.each([
    ['both', { groups: ['00RT000000060vKLOP'], synchronize_all: true }],
    ['neither', {}],
    ['synchronize_all false alone', { synchronize_all: false }],
    ['an empty list', { groups: [] }],
    ['a repeated group', { groups: ['a1', 'a1'] }],
  ])('when an SAP sync body has %s, then it is invalid', (_case, body) => {
    expect(sap(body)).not.toEqual([]);
  });

  test('when an SAP sync names groups by resource ID or SAP group ID, then it is valid', () => {
    expect(sap({ groups: ['3e732d57-5ea1-491f-b238-9f4a39a9566f', '00RT000000060vKLOP'] })).toEqual([]);
    expect(sap({ synchronize_all: true })).toEqual([]);
  });

  test('when a job has both kms and groups, or the list of the other cloud, then it is invalid', () => {
    const job = seedExampleResponse('000_14e19eb9c46699eb.txt') as Record<string, unknown>;
    expect(validate(schema('SynchronizationJob'), { ...job, groups: ['g1'] })).not.toEqual([]);
    expect(validate(schema('SynchronizationJob'), { ...job, cloud: 'sap' })).not.toEqual([]);
  });

  test('when the organization update has no connection or another field, then it is invalid', () => {
    const update = (body: unknown) => validate(schema('UpdateOrganizationRequest'), body);
    expect(update({ connection: 'new-sfdc-connection' })).toEqual([]);
    expect(update({})).not.toEqual([]);
    expect(update({ connection: '' })).not.toEqual([]);
    expect(update({ connection: 'x', name: 'y' })).not.toEqual([]);
  });

  test('when delete-backup is read, then only DESTROYED secrets lose their backup (409 otherwise, 404 after)', () => {
    const op = operation('/v1/cckm/sfdc/keys/{id}/delete-backup', 'post');
    expect(op.requestBody).toBeUndefined();
    expect(String(op.description)).toContain('`DESTROYED`');
    const responses = op.responses as Record<string, { description: string }>;
    expect(responses['409']?.description).toContain('not `DESTROYED`');
    expect(responses['404']?.description).toContain('already deleted');
  });

  test('when the organization update is read, then each failed connection check has its own 422 example', () => {
    const responses = operation('/v1/cckm/sfdc/organizations/{id}', 'patch').responses as Record<
      string,
      Record<string, unknown>
    >;
    const content = (responses['422']?.content ?? {}) as Record<
      string,
      { examples?: Record<string, unknown> }
    >;
    const examples = content['application/problem+json']?.examples ?? {};
    const types = Object.values(examples).map(
      (example) => (resolve(document, example).value as { type: string }).type,
    );
    expect(types.sort()).toEqual([
      'urn:cckm:problem:connection-cannot-reach-organization',
      'urn:cckm:problem:connection-not-found',
      'urn:cckm:problem:connection-not-salesforce',
    ]);
  });
});

describe('list parameters of seed 001', () => {
  const parameters = (
    operation('/v1/cckm/sfdc/keys/synchronization-jobs', 'get').parameters as unknown[]
  ).map((p) => resolve(document, p));
  const param = (name: string) =>
    parameters.find((p) => p.name === name) as { schema: unknown; style?: string; explode?: boolean };

  test('when the list parameters are read, then they are the seed filters plus paging and sort', () => {
    expect(parameters.map((p) => p.name).sort()).toEqual([
      'id',
      'limit',
      'organizations',
      'overall_status',
      'skip',
      'sort',
    ]);
    expect(parameters.every((p) => p.in === 'query' && p.required === false)).toBe(true);
  });

  test('when skip and limit are read, then they have the decided bounds and defaults', () => {
    expect(resolve(document, param('skip').schema)).toMatchObject({
      type: 'integer',
      minimum: 0,
      default: 0,
    });
    expect(resolve(document, param('limit').schema)).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: 10,
    });
  });

  test.each([
    ['-createdAt', true],
    ['overall_status,createdAt', true],
    ['-updatedAt,-completed_at', true],
    ['name', false],
    ['createdAt,', false],
    ['+createdAt', false],
    ['createdAt;drop', false],
  ])('when sort is %s, then validity is %s', (value, valid) => {
    expect(validate(param('sort').schema, value).length === 0).toBe(valid);
  });

  test('when organizations is read, then it is a comma-separated list of resource or Salesforce ids', () => {
    const organizations = param('organizations');
    expect(organizations).toMatchObject({ style: 'form', explode: false });
    expect(
      validate(organizations.schema, ['2473e846-31a8-4ee6-8299-17025548b4e2', '00DB000000040bIMAQ']),
    ).toEqual([]);
    expect(validate(organizations.schema, ['Thales'])).not.toEqual([]);
  });

  test('when overall_status is read, then it is the three-value enum', () => {
    expect(resolve(document, param('overall_status').schema).enum).toEqual([
      'in_progress',
      'completed',
      'failed',
    ]);
  });
});
