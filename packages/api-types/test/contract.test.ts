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
    codes: ['201', '400', '401', '403', '409', '415', '422', '500'],
  },
  {
    seed: '001',
    method: 'get',
    path: '/v1/cckm/sfdc/keys/synchronization-jobs',
    id: 'listSfdcSynchronizationJobs',
    codes: ['200', '304', '400', '401', '403', '500'],
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
    codes: ['201', '400', '401', '403', '409', '415', '422', '500'],
  },
  {
    seed: '004',
    method: 'patch',
    path: '/v1/cckm/sfdc/organizations/{id}',
    id: 'updateSfdcOrganization',
    codes: ['200', '400', '401', '403', '404', '415', '422', '500', '504'],
  },
] as const;

describe('the five operations', () => {
  test('when the paths are listed, then they are exactly the five seed operations under /api', () => {
    expect(document.servers).toEqual([
      // Only the deployment template: local URLs (pnpm start, pnpm mock) are in the READMEs.
      expect.objectContaining({ url: 'https://{host}/api', variables: { host: expect.anything() } }),
    ]);
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

describe('response headers', () => {
  test('when any response of any operation is read, then it declares a required X-Request-Id', () => {
    for (const op of OPERATIONS) {
      const responses = operation(op.path, op.method).responses as Record<string, unknown>;
      for (const [code, response] of Object.entries(responses)) {
        const headers = resolve(document, response).headers as Record<string, unknown> | undefined;
        expect(resolve(document, headers?.['X-Request-Id']), `${op.id} ${code}`).toMatchObject({
          required: true,
          schema: { $ref: '#/components/schemas/RequestId' },
        });
      }
    }
  });
});

describe('problem kinds', () => {
  test('when a kind schema is read, then it links to its own section of the reference', () => {
    const schemas = document.components.schemas as Record<string, Record<string, unknown>>;
    const kinds = Object.entries(schemas).filter(([name]) => /.Problem$/.test(name));
    expect(kinds.length).toBeGreaterThan(10);
    const description = String((document.info as { description: string }).description);
    for (const [name, kindSchema] of kinds) {
      const type = JSON.stringify(kindSchema).match(/problem:([a-z-]+)"/)?.[1];
      expect(kindSchema.externalDocs, name).toEqual({
        description: `The \`${type}\` problem kind in the reference`,
        url: `#section/problem-types/${type}`,
      });
      expect(description).toContain(`\n## ${type}\n`);
    }
  });

  test('when a validation problem has no errors, then it is refused', () => {
    const problem = {
      type: 'tag:cckm-contract.github.io,2026:problem:validation-failed',
      title: 'Request validation failed',
      status: 400,
      request_id: 'r-1',
    };
    expect(validate(schema('ValidationFailedProblem'), problem)).not.toEqual([]);
    expect(
      validate(schema('ValidationFailedProblem'), { ...problem, errors: [{ path: '/body', message: 'x' }] }),
    ).toEqual([]);
    expect(validate(schema('Problem'), { ...problem, type: 'not a uri' })).not.toEqual([]);
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
    // The seed's boolean: what many generated clients send beside a list.
    expect(sfdc({ organization_ids: [orgId], synchronize_all: false })).toEqual([]);
  });

  test.each([
    ['both', { organization_ids: [orgId], synchronize_all: true }],
    ['neither', {}],
    ['synchronize_all false alone', { synchronize_all: false }],
    ['an empty list', { organization_ids: [] }],
    ['a repeated id', { organization_ids: [orgId, orgId] }],
    ['a malformed id', { organization_ids: ['not-an-org'] }],
    ['an unknown field', { synchronize_all: true, dryRun: true }],
    ['a misspelt field', { synchronise_all: true }],
    ['synchronize_all as a string', { synchronize_all: 'true' }],
    ['organization_ids not a list', { organization_ids: orgId }],
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
    expect(sap({ groups: ['00RT000000060vKLOP'], synchronize_all: false })).toEqual([]);
    expect(sap({ synchronize_all: true })).toEqual([]);
  });

  test('when a job lacks the list of its cloud, or has an unknown cloud, then it is invalid', () => {
    const job = seedExampleResponse('000_14e19eb9c46699eb.txt') as Record<string, unknown>;
    const { kms, ...withoutKms } = job;
    expect(validate(schema('SynchronizationJob'), withoutKms)).not.toEqual([]);
    expect(validate(schema('SynchronizationJob'), { ...job, cloud: 'sap' })).not.toEqual([]);
    expect(validate(schema('SynchronizationJob'), { ...withoutKms, cloud: 'sap', groups: kms })).toEqual([]);
    expect(validate(schema('SynchronizationJob'), { ...job, cloud: 'azure' })).not.toEqual([]);
  });

  test('when a response carries a field this release does not know, then it still conforms (tolerant reader)', () => {
    const job = seedExampleResponse('000_14e19eb9c46699eb.txt') as Record<string, unknown>;
    expect(validate(schema('SynchronizationJob'), { ...job, priority: 'high' })).toEqual([]);
    const secret = (
      seedExampleResponse('002_403471eb38996e41.txt') as Record<string, Record<string, unknown>>
    )['application/json'] as Record<string, unknown>;
    const params = secret.sfdc_params as Record<string, unknown>;
    expect(
      validate(schema('TenantSecret'), {
        ...secret,
        sfdc_params: { ...params, Status: 'QUARANTINED', Type: 'Quantum', Source: 'PARTNER' },
      }),
    ).toEqual([]);
  });

  test('when a 201 of a Salesforce sync is read, then it names the job by the filtered list in Location', () => {
    const created = resolve(
      document,
      (operation('/v1/cckm/sfdc/keys/synchronization-jobs', 'post').responses as Record<string, unknown>)[
        '201'
      ],
    );
    const location = resolve(document, (created.headers as Record<string, unknown>).Location);
    expect(location.required).toBe(true);
    expect(
      validate(
        location.schema,
        '/api/v1/cckm/sfdc/keys/synchronization-jobs?id=c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      ),
    ).toEqual([]);
    expect(validate(location.schema, '/api/v1/cckm/sfdc/keys/synchronization-jobs')).not.toEqual([]);
    expect(String(operation('/v1/cckm/sfdc/keys/synchronization-jobs', 'post').description)).toContain(
      'no get-by-ID',
    );
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
      'tag:cckm-contract.github.io,2026:problem:connection-cannot-reach-organization',
      'tag:cckm-contract.github.io,2026:problem:connection-not-found',
      'tag:cckm-contract.github.io,2026:problem:connection-not-salesforce',
    ]);
  });
});

describe('list parameters of seed 001', () => {
  const parameters = (
    operation('/v1/cckm/sfdc/keys/synchronization-jobs', 'get').parameters as unknown[]
  ).map((p) => resolve(document, p));
  const param = (name: string) =>
    parameters.find((p) => p.name === name) as { schema: unknown; style?: string; explode?: boolean };

  test('when the list parameters are read, then they are the seed filters plus paging and sort, and If-None-Match', () => {
    const query = parameters.filter((p) => p.in === 'query');
    expect(query.map((p) => p.name).sort()).toEqual([
      'id',
      'limit',
      'organizations',
      'overall_status',
      'skip',
      'sort',
    ]);
    expect(parameters.every((p) => p.required === false)).toBe(true);
    // The conditional GET's header (decision 0135), the only one outside the query.
    expect(parameters.filter((p) => p.in !== 'query')).toEqual([
      expect.objectContaining({ name: 'If-None-Match', in: 'header' }),
    ]);
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
    // The query value is a comma-separated list (form, explode: false) of enumerated keys.
    expect(param('sort')).toMatchObject({ style: 'form', explode: false });
    expect(validate(param('sort').schema, value.split(',')).length === 0).toBe(valid);
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

describe('problems', () => {
  const catalogue = resolve(document, schema('ProblemType'))['x-extensible-enum'] as string[];

  test('when the catalogue is read, then every type is an absolute tag: URI of a distinct kind', () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(15);
    for (const type of catalogue) {
      expect(type).toMatch(/^tag:cckm-contract\.github\.io,2026:problem:[a-z]+(-[a-z]+)*$/);
      expect(() => new URL(type)).not.toThrow();
    }
    expect(new Set(catalogue).size).toBe(catalogue.length);
    expect(String(resolve(document, schema('ProblemType')).description)).toContain(catalogue[0]);
  });

  test('when every error response is read, then its schema narrows type to catalogue kinds and its examples use them', () => {
    for (const op of OPERATIONS) {
      const responses = operation(op.path, op.method).responses as Record<string, unknown>;
      for (const [status, reference] of Object.entries(responses)) {
        if (!/^[45]/.test(status)) continue;
        const media = (resolve(document, reference).content as Record<string, Record<string, unknown>>)[
          'application/problem+json'
        ] as { schema: unknown; examples: Record<string, unknown> };
        const allowed = catalogue.filter(
          (type) => validate(media.schema, problemOf(type, Number(status))).length === 0,
        );
        expect(allowed.length, `${op.id} ${status}`).toBeGreaterThan(0);
        expect(allowed.length, `${op.id} ${status}`).toBeLessThan(4);
        for (const example of Object.values(media.examples)) {
          expect(allowed).toContain((resolve(document, example).value as { type: string }).type);
        }
      }
    }
  });

  test('when a problem carries an extension member, a request_id and (409) a job_id, then it conforms', () => {
    const running = {
      ...problemOf('tag:cckm-contract.github.io,2026:problem:sync-job-running', 409),
      job_id: 'c8d2f27b-fb4f-4557-b63c-00d4a1439c4a',
      retry_after_job: true,
    };
    expect(validate(schema('SyncJobRunningProblem'), running)).toEqual([]);
    const { request_id: _id, ...anonymous } = running;
    expect(validate(schema('SyncJobRunningProblem'), anonymous)).not.toEqual([]);
    expect(validate(schema('SyncJobRunningProblem'), { ...running, job_id: 'job-1' })).not.toEqual([]);
  });
});

function problemOf(type: string, status: number) {
  return {
    type,
    title: 'Title',
    status,
    detail: 'detail',
    instance: '/api/x',
    request_id: 'req-1',
    // A validation-failed problem always lists where (ValidationFailedProblem requires errors).
    ...(type.endsWith(':validation-failed') ? { errors: [{ path: '/body', message: 'is wrong' }] } : {}),
  };
}
