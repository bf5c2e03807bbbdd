// The app without any backend: opened with `?msw` (or built with VITE_CCKM_MSW=1), it starts
// MSW's service worker with the handlers of @cckm/msw before rendering, so every API call is
// answered in the browser by the in-memory model (jobs run on the system clock: a sync finishes
// organization by organization within a few seconds). The worker script is served at
// /mockServiceWorker.js by vite.config.ts. Loaded only when asked for: a normal build's chunk
// graph has msw in a lazy chunk that is never fetched.
export async function startMockWorkerIfAsked(): Promise<void> {
  const asked =
    new URLSearchParams(window.location.search).has('msw') || import.meta.env.VITE_CCKM_MSW === '1';
  if (!asked) return;
  const [{ setupWorker }, { createCckmHandlers, createCckmModel }] = await Promise.all([
    import('msw/browser'),
    import('@cckm/msw'),
  ]);
  const model = createCckmModel({ now: 'system', jobDurationMs: 4_000 });
  await setupWorker(...createCckmHandlers({ model })).start({
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  // For the browser test and for poking at it in the console.
  (window as unknown as { cckmModel: typeof model }).cckmModel = model;
}
