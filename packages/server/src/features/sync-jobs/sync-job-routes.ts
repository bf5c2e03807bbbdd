// HTTP bindings of the three synchronization-job operations. The validator has already checked
// the request against the contract, so the casts below only name what it guaranteed.
import type {
  ListSfdcSynchronizationJobsQuery,
  SapSynchronizationJobRequest,
  SfdcSynchronizationJobRequest,
} from '@cckm/api-types';
import { Router } from 'express';
import { identityOf } from '../../http/auth.ts';
import { sendListPage } from '../../http/list-page-response.ts';
import { traceOf } from '../../http/request-context.ts';
import type { SyncJobService } from './sync-job-service.ts';

export interface SyncJobRouteOptions {
  /** Responses are validated (the validator sees what goes through res.json). */
  validateResponses: boolean;
}

export function syncJobRoutes(service: SyncJobService, options: SyncJobRouteOptions): Router {
  const router = Router();
  router.post('/v1/cckm/sfdc/keys/synchronization-jobs', async (req, res) => {
    const job = await service.createSfdcJob(identityOf(req), req.body as SfdcSynchronizationJobRequest, {
      trace: traceOf(req),
    });
    // No get-by-ID among the operations: the job is read through the list, filtered by its ID.
    res.status(201).location(`${req.baseUrl}/v1/cckm/sfdc/keys/synchronization-jobs?id=${job.id}`).json(job);
  });
  router.get('/v1/cckm/sfdc/keys/synchronization-jobs', async (req, res) => {
    const queryStart = req.originalUrl.indexOf('?');
    const queryText = queryStart < 0 ? '' : req.originalUrl.slice(queryStart + 1);
    const page = await service.listSfdcJobsCached(
      identityOf(req),
      req.query as ListSfdcSynchronizationJobsQuery,
      queryText,
    );
    // Cached bytes are a page that was built (and, where responses are validated, validated)
    // before; a page built anew goes through res.json where responses are validated.
    sendListPage(req, res, page, page.built === true && options.validateResponses);
  });
  // No Location: the five operations cannot read an SAP job back (the contract says so).
  router.post('/v1/cckm/sap/synchronization-jobs', async (req, res) => {
    res.status(201).json(
      await service.createSapJob(identityOf(req), req.body as SapSynchronizationJobRequest, {
        trace: traceOf(req),
      }),
    );
  });
  return router;
}
