// @cckm/mock: the contract served by Prism at the real server's paths, behind the server's own
// request checks.
export { API_BASE_PATH, basePathOf, createMockDocument } from './mock-document.ts';
export { type MockTokenClaims, mockToken } from './mock-token.ts';
export { freePort, type PrismOptions, type RunningPrism, startPrism } from './prism.ts';
export { type RunningSandbox, type SandboxOptions, startSandbox } from './sandbox.ts';
export { SCENARIO_NAMES, SCENARIOS, type Scenario, scenarioTable } from './scenarios.ts';
export { readToken } from './tokens.ts';
