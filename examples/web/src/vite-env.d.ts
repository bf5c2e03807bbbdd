/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** API root the app talks to, e.g. http://127.0.0.1:8080/api. */
  readonly VITE_CCKM_URL?: string;
  /** Bearer token sent with every request. */
  readonly VITE_CCKM_TOKEN?: string;
  /** `1`: answer every API call in the browser with the MSW handlers of @cckm/msw (as `?msw`). */
  readonly VITE_CCKM_MSW?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
