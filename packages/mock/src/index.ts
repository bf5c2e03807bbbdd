// @cckm/mock: the contract served by Prism at the real server's paths.
export { API_BASE_PATH, basePathOf, createMockDocument } from './mock-document.ts';
export { freePort, type PrismOptions, type RunningPrism, startPrism } from './prism.ts';
export { guardedOperations, unknownQuery } from './query-guard.ts';
