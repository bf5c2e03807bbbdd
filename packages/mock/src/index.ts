// @cckm/mock: the contract served by Prism at the real server's paths, behind the server's own
// request checks.
export { API_BASE_PATH, basePathOf, createMockDocument } from './mock-document.ts';
export { freePort, type PrismOptions, type RunningPrism, startPrism } from './prism.ts';
export { type MockTokenClaims, mockToken, readToken } from './tokens.ts';
