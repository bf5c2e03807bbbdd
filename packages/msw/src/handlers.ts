// The five operations as MSW request handlers (openapi-msw over the contract's generated `paths`,
// so a path, a parameter or a response body that the contract does not have does not compile).
// Each request passes the contract's checks first (contract-checks.ts: the server's problems for
// a bad request), then the model (model.ts) answers it, as the server's services would. A
// `Prefer: scenario=<name>` header picks a scenario for one request, as on the sandbox.
import {
  contractOperations,
  type OperationId,
  openapiDocument,
  type Problem,
  type paths,
} from '@cckm/api-types';
import { type HttpHandler, HttpResponse } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import {
  type ContractChecks,
  createContractChecks,
  PROBLEM_TYPE_PREFIX,
  type ProblemSpec,
  problemCatalogue,
} from './contract-checks.ts';
import { type CckmModel, createCckmModel, ModelProblem, SCENARIO_NAMES, type ScenarioName } from './model.ts';

export interface CckmHandlersOptions {
  /**
   * Where the API is, as MSW matches it: `*\/api` (the default: any origin, the server's base
   * path), `http://127.0.0.1:4010/api`, or `/api` in a browser for the page's own origin.
   */
  baseUrl?: string;
  /** The model the handlers answer from (default: a new one); keep it to move its clock. */
  model?: CckmModel;
  /** Compiled checks to share between handler sets (default: compiled once per process). */
  checks?: ContractChecks;
}

let sharedChecks: ContractChecks | undefined;
const catalogue = problemCatalogue();
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Whether the contract's list operation takes `If-None-Match`: then every page carries an `ETag`
 * (a digest of its bytes) and an unchanged page asked for with it is a 304, as on the server.
 */
const LIST_IS_CONDITIONAL = JSON.stringify(
  openapiDocument.paths['/v1/cckm/sfdc/keys/synchronization-jobs']?.get?.parameters ?? [],
).includes('IfNoneMatch');

/** A strong entity tag of a body: 16 bytes of its SHA-256, base64url (22 characters), quoted. */
async function entityTag(text: string): Promise<string> {
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)),
  );
  let binary = '';
  for (const byte of digest.subarray(0, 16)) binary += String.fromCharCode(byte);
  return `"${btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}"`;
}

/** Whether an If-None-Match value names the tag (weak comparison; `*` names any). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** The methods of each path, as the server's `Allow` lists them (HEAD wherever GET). */
const ALLOWED: Record<string, string> = {};
for (const { path, method } of contractOperations(openapiDocument)) {
  const methods = method === 'get' ? ['HEAD', 'GET'] : [method.toUpperCase()];
  ALLOWED[path] = [...(ALLOWED[path]?.split(', ') ?? []), ...methods].join(', ');
}

/** An RFC 9457 problem response, as the server sends it. */
export function problemResponse(
  spec: ProblemSpec,
  request: Request,
  requestId: string,
): HttpResponse<Problem> {
  const known = catalogue.get(spec.kind);
  if (!known) throw new Error(`the contract has no example of a ${spec.kind} problem`);
  const body: Problem & { job_id?: string } = {
    type: `${PROBLEM_TYPE_PREFIX}${spec.kind}`,
    title: known.title,
    status: known.status,
    detail: spec.detail,
    instance: `${new URL(request.url).pathname}${new URL(request.url).search}`,
    request_id: requestId,
    ...(spec.jobId ? { job_id: spec.jobId } : {}),
    ...(spec.errors ? { errors: spec.errors } : {}),
  };
  return HttpResponse.json(body, {
    status: known.status,
    headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': requestId, ...spec.headers },
  });
}

/** The scenario a request asks for with `Prefer: scenario=<name>`, or a problem for an unknown one. */
function scenarioOf(request: Request, model: CckmModel): ScenarioName | undefined | ProblemSpec {
  const prefer = request.headers.get('prefer') ?? '';
  const asked = /(?:^|[,;\s])scenario=([A-Za-z0-9-]+)/.exec(prefer)?.[1];
  if (asked === undefined) return model.scenario;
  if ((SCENARIO_NAMES as readonly string[]).includes(asked)) return asked as ScenarioName;
  return {
    kind: 'validation-failed',
    detail: `Unknown scenario ${asked}: the scenarios are ${SCENARIO_NAMES.join(', ')}`,
    errors: [{ path: '/headers/prefer', message: `must name one of ${SCENARIO_NAMES.join(', ')}` }],
  };
}

/** Typed handlers for the five operations, answering from `options.model`. */
export function createCckmHandlers(options: CckmHandlersOptions = {}): HttpHandler[] {
  const model = options.model ?? createCckmModel();
  sharedChecks ??= options.checks ?? createContractChecks();
  const checks = options.checks ?? sharedChecks;
  const http = createOpenApiHttp<paths>({ baseUrl: options.baseUrl ?? '*/api' });

  /** Checks the request, then runs the operation; problems (the checks' and the model's) become responses. */
  async function answer(
    operationId: OperationId,
    request: Request,
    params: Record<string, string | readonly string[] | undefined>,
    run: (input: {
      query: Record<string, unknown>;
      body: unknown;
      scenario: ScenarioName | undefined;
    }) => Response | Promise<Response>,
  ): Promise<Response> {
    const given = request.headers.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : globalThis.crypto.randomUUID();
    const text = request.body ? await request.text() : undefined;
    const checked = checks.check({
      operationId,
      params,
      url: new URL(request.url),
      headers: request.headers,
      body: text,
    });
    if (!checked.ok) return problemResponse(checked.problem, request, requestId);
    const scenario = scenarioOf(request, model);
    if (typeof scenario === 'object') return problemResponse(scenario, request, requestId);
    try {
      const response = await run({ query: checked.query, body: checked.body, scenario });
      response.headers.set('X-Request-Id', requestId);
      return response;
    } catch (error) {
      if (error instanceof ModelProblem) return problemResponse(error.problem, request, requestId);
      throw error;
    }
  }

  /** A method the path does not have: the server's 405 with `Allow` (HEAD wherever GET; OPTIONS pass). */
  const methodNotAllowed = Object.entries(ALLOWED).map(([path, allowed]) =>
    http.untyped.all(
      `${options.baseUrl ?? '*/api'}${path.replace(/\{(\w+)\}/g, ':$1')}`,
      async ({ request }) => {
        if (request.method === 'OPTIONS') return undefined;
        // HEAD wherever GET: the GET handler's answer without its body.
        if (request.method === 'HEAD' && allowed.includes('GET')) {
          const got = await fetch(new Request(request.url, { method: 'GET', headers: request.headers }));
          return new HttpResponse(null, { status: got.status, headers: got.headers });
        }
        const given = request.headers.get('x-request-id');
        const requestId = given && REQUEST_ID.test(given) ? given : globalThis.crypto.randomUUID();
        return problemResponse(
          {
            kind: 'method-not-allowed',
            detail: `${request.method} method not allowed`,
            headers: { Allow: allowed },
          },
          request,
          requestId,
        );
      },
    ),
  );

  return [
    http.get('/v1/cckm/sfdc/keys/synchronization-jobs', ({ request, params, response }) =>
      answer('listSfdcSynchronizationJobs', request, params, async ({ query, scenario }) => {
        const page = model.listSfdcJobs(query, scenario);
        if (!LIST_IS_CONDITIONAL) return response(200).json(page);
        const etag = await entityTag(JSON.stringify(page));
        const headers = { ETag: etag, 'Cache-Control': 'private, no-cache' };
        if (matches(request.headers.get('if-none-match'), etag)) {
          return response.untyped(new HttpResponse(null, { status: 304, headers }));
        }
        return response(200).json(page, { headers });
      }),
    ),
    http.post('/v1/cckm/sfdc/keys/synchronization-jobs', ({ request, params, response }) =>
      answer('createSfdcSynchronizationJob', request, params, ({ body, scenario }) => {
        const job = model.createSfdcJob(
          body as { organization_ids?: string[]; synchronize_all?: boolean },
          scenario,
        );
        return response(201).json(job, {
          headers: { Location: `/api/v1/cckm/sfdc/keys/synchronization-jobs?id=${job.id}` },
        });
      }),
    ),
    http.post('/v1/cckm/sfdc/keys/{id}/delete-backup', ({ request, params, response }) =>
      answer('deleteSfdcTenantSecretBackup', request, params, ({ scenario }) =>
        response(200).json(model.deleteBackup(params.id, scenario)),
      ),
    ),
    http.post('/v1/cckm/sap/synchronization-jobs', ({ request, params, response }) =>
      answer('createSapSynchronizationJob', request, params, ({ body, scenario }) =>
        response(201).json(
          model.createSapJob(body as { groups?: string[]; synchronize_all?: boolean }, scenario),
        ),
      ),
    ),
    http.patch('/v1/cckm/sfdc/organizations/{id}', ({ request, params, response }) =>
      answer('updateSfdcOrganization', request, params, ({ body, scenario }) =>
        response(200).json(model.updateOrganization(params.id, body as { connection: string }, scenario)),
      ),
    ),
    ...methodNotAllowed,
  ];
}
