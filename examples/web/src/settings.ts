// Where the app sends its requests: one base URL and one bearer token. Saved settings (this
// browser's localStorage) win over the build's environment (VITE_CCKM_URL, VITE_CCKM_TOKEN),
// which wins over the defaults: the mock of `pnpm mock`, with a token it accepts.

export interface Settings {
  /** The API root, e.g. http://127.0.0.1:4010/api (the mock) or http://127.0.0.1:8080/api. */
  baseUrl: string;
  /** Bearer token; empty sends no Authorization header. */
  token: string;
}

export type SettingsSource = 'saved' | 'environment' | 'default';

export const MOCK_BASE_URL = 'http://127.0.0.1:4010/api';
/**
 * A token the mock accepts: it refuses what no server would (a token that is not a JWT, or expired)
 * but checks no signature. An admin of the demo domain until 2100, signed with a key nobody holds.
 */
export const MOCK_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJleGFtcGxlLXdlYiIsInByZWZlcnJlZF91c2VybmFtZSI6ImFkbWluIiwiY3VzdCI6eyJkb21haW5faWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiLCJncm91cHMiOlsiYWRtaW4iXX0sImlhdCI6MTc2NzIyNTYwMCwiZXhwIjo0MTAyNDQ0ODAwfQ._p3W07i-jS8SYNrjWz0cKZONgSuomEhQBbFXwqEPveM';

const STORAGE_KEY = 'cckm-example-web:settings';

/** The settings this build starts with, before anything is saved. */
export function initialSettings(env: ImportMetaEnv = import.meta.env): {
  settings: Settings;
  source: SettingsSource;
} {
  const baseUrl = env.VITE_CCKM_URL?.trim();
  const token = env.VITE_CCKM_TOKEN?.trim();
  if (baseUrl || token) {
    return { settings: { baseUrl: baseUrl || MOCK_BASE_URL, token: token ?? '' }, source: 'environment' };
  }
  return { settings: { baseUrl: MOCK_BASE_URL, token: MOCK_TOKEN }, source: 'default' };
}

export function loadSettings(storage: Storage = localStorage): {
  settings: Settings;
  source: SettingsSource;
} {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Partial<Settings> | null;
    if (saved && typeof saved.baseUrl === 'string' && typeof saved.token === 'string') {
      return { settings: { baseUrl: saved.baseUrl, token: saved.token }, source: 'saved' };
    }
  } catch {
    // Unreadable settings are ignored, as if none were saved.
  }
  return initialSettings();
}

export function saveSettings(settings: Settings, storage: Storage = localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(normaliseSettings(settings)));
}

export function forgetSettings(storage: Storage = localStorage): void {
  storage.removeItem(STORAGE_KEY);
}

export function normaliseSettings(settings: Settings): Settings {
  return { baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''), token: settings.token.trim() };
}

/** A reason the base URL cannot work, or undefined. */
export function baseUrlProblem(baseUrl: string): string | undefined {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
    return undefined;
  } catch {
    return 'must be an absolute URL, e.g. http://127.0.0.1:4010/api';
  }
}
