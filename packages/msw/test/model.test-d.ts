// The handlers' model speaks the contract's types; scenario names are a closed list. Checked by
// tsc (vitest typecheck), never run.
import type { SfdcSynchronizationJob, SynchronizationJobList, TenantSecret } from '@cckm/api-types';
import type { HttpHandler } from 'msw';
import { describe, expectTypeOf, test } from 'vitest';
import { createCckmHandlers, createCckmModel, type ScenarioName } from '../src/index.ts';

describe('@cckm/msw types', () => {
  test('the model answers in the contract’s types', () => {
    const model = createCckmModel();
    expectTypeOf(createCckmHandlers({ model })).toEqualTypeOf<HttpHandler[]>();
    expectTypeOf(model.createSfdcJob({ synchronize_all: true })).toEqualTypeOf<SfdcSynchronizationJob>();
    expectTypeOf(model.listSfdcJobs({})).toEqualTypeOf<SynchronizationJobList>();
    expectTypeOf(model.deleteBackup('x')).toEqualTypeOf<TenantSecret>();
    expectTypeOf<'slow-jobs'>().toMatchTypeOf<ScenarioName>();
    // @ts-expect-error an unknown scenario
    model.useScenario('nope');
  });
});
