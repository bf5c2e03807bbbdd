// HTTP binding of the organization update.
import type { UpdateOrganizationRequest } from '@cckm/api-types';
import { Router } from 'express';
import { identityOf } from '../../http/auth.ts';
import { traceOf } from '../../http/request-context.ts';
import type { OrganizationService } from './organization-service.ts';

export function organizationRoutes(service: OrganizationService): Router {
  const router = Router();
  router.patch('/v1/cckm/sfdc/organizations/:id', async (req, res) => {
    const { connection } = req.body as UpdateOrganizationRequest;
    res.json(
      await service.updateConnection(identityOf(req), req.params.id as string, connection, {
        trace: traceOf(req),
      }),
    );
  });
  return router;
}
