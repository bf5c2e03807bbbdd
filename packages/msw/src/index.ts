// @cckm/msw: MSW handlers for the CCKM contract's five operations, answering from an in-memory
// model that behaves like the server, for unit and component tests in Node (msw/node) and in the
// browser (msw/browser). `msw` is a peer dependency: the app's own copy intercepts.
export {
  type CheckResult,
  type ContractChecks,
  createContractChecks,
  PROBLEM_TYPE_PREFIX,
  type ProblemSpec,
  problemCatalogue,
} from './contract-checks.ts';
export { type CckmHandlersOptions, createCckmHandlers, problemResponse } from './handlers.ts';
export {
  type CckmModel,
  type CckmModelOptions,
  createCckmModel,
  DEMO,
  type ModelClock,
  ModelProblem,
  SCENARIO_NAMES,
  type ScenarioName,
} from './model.ts';
