// Starts the built CCKM server as a process for the browser test, with its own fake clouds. Gives the
// API root and an admin token of the demo domain.
import { startDemoClouds } from '@cckm/fake-clouds';
import { type DemoServer, startDemoServer as startServer } from '@cckm/server';

/**
 * The built server as `pnpm start` runs it, as a process (@cckm/server's startDemoServer: dev profile,
 * demo data, in-memory SQLite) with its own fake Salesforce and SAP, logging at TEST_LOG_LEVEL
 * (default silent); `environment` adds or overrides settings.
 */
export const startDemoServer = (environment: Record<string, string> = {}): Promise<DemoServer> =>
  startServer({ startClouds: startDemoClouds, logLevel: process.env.TEST_LOG_LEVEL, environment });
