// HTTP binding of delete-backup.
import { Router } from 'express';
import { identityOf } from '../../http/auth.ts';
import type { TenantSecretService } from './tenant-secret-service.ts';

export function tenantSecretRoutes(service: TenantSecretService): Router {
  const router = Router();
  router.post('/v1/cckm/sfdc/keys/:id/delete-backup', async (req, res) => {
    res.json(await service.deleteBackup(identityOf(req), req.params.id as string));
  });
  return router;
}
