/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** API root the app talks to, e.g. http://127.0.0.1:8080/api. */
  readonly VITE_CCKM_URL?: string;
  /** Bearer token sent with every request. */
  readonly VITE_CCKM_TOKEN?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
