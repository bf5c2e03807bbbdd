// The one setting that moves the app between the mock and a real server: base URL and token,
// saved in this browser. "Check" lists one job to prove both work.
import { type FormEvent, useState } from 'react';
import { attempt, callSignal, createClient, type Failure } from '../api.ts';
import { FailureView, FieldErrors } from '../components/failure-view.tsx';
import {
  baseUrlProblem,
  initialSettings,
  MOCK_BASE_URL,
  normaliseSettings,
  type Settings,
  type SettingsSource,
} from '../settings.ts';

interface Props {
  settings: Settings;
  source: SettingsSource;
  onSave: (settings: Settings) => void;
  onForget: () => void;
}

const SOURCES: Record<SettingsSource, string> = {
  saved: 'saved in this browser',
  environment: 'from VITE_CCKM_URL / VITE_CCKM_TOKEN',
  default: `the defaults (the mock of pnpm mock at ${MOCK_BASE_URL})`,
};

export function SettingsScreen({ settings, source, onSave, onForget }: Props) {
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl);
  const [token, setToken] = useState(settings.token);
  const [showToken, setShowToken] = useState(false);
  const [urlError, setUrlError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<{ total: number } | { failure: Failure }>();

  const edited = () => normaliseSettings({ baseUrl, token });
  const validate = () => {
    const problem = baseUrlProblem(edited().baseUrl);
    setUrlError(problem);
    return !problem;
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!validate()) return;
    onSave(edited());
    setSaved(true);
  };
  const runCheck = async () => {
    if (!validate()) return;
    setChecking(true);
    setCheck(undefined);
    const client = createClient(edited());
    const outcome = await attempt(() =>
      client.listSfdcSynchronizationJobs({ limit: 1 }, { signal: callSignal() }),
    );
    setChecking(false);
    setCheck(outcome.ok ? { total: outcome.data.total } : { failure: outcome.failure });
  };
  const forget = () => {
    onForget();
    const initial = initialSettings().settings;
    setBaseUrl(initial.baseUrl);
    setToken(initial.token);
    setSaved(false);
    setCheck(undefined);
  };

  return (
    <section className="screen" aria-labelledby="settings-heading">
      <header className="screen-header">
        <h2 id="settings-heading">Settings</h2>
      </header>
      <form className="card form" onSubmit={save} noValidate>
        <p className="help">
          In use: {SOURCES[source]}. Point the app at the mock (<code>pnpm mock</code>, any token) or at a
          server (<code>pnpm start</code>, the token it prints).
        </p>
        <label>
          API base URL
          <input
            name="baseUrl"
            type="url"
            required
            value={baseUrl}
            onChange={(event) => {
              setBaseUrl(event.currentTarget.value);
              setSaved(false);
            }}
            aria-invalid={urlError ? 'true' : undefined}
            aria-describedby="baseUrl-error"
          />
        </label>
        <FieldErrors id="baseUrl-error" messages={urlError ? [urlError] : undefined} />
        <label>
          Bearer token
          <span className="with-button">
            <input
              name="token"
              // Preact types `type` per input kind; the toggle switches between two of them.
              type={(showToken ? 'text' : 'password') as 'text'}
              autoComplete="off"
              value={token}
              onChange={(event) => {
                setToken(event.currentTarget.value);
                setSaved(false);
              }}
            />
            <button type="button" className="secondary" onClick={() => setShowToken(!showToken)}>
              {showToken ? 'Hide' : 'Show'}
            </button>
          </span>
        </label>
        <p className="help">
          The token is kept in this browser's localStorage: fine for development, not for production.
        </p>
        <div className="actions">
          <button type="submit">Save</button>
          <button type="button" className="secondary" disabled={checking} onClick={() => void runCheck()}>
            {checking ? 'Checking…' : 'Check connection'}
          </button>
          <button type="button" className="secondary" disabled={source !== 'saved'} onClick={forget}>
            Forget saved settings
          </button>
          {saved && (
            <span className="ok" role="status">
              Saved.
            </span>
          )}
        </div>
        {check && 'total' in check && (
          <p className="ok" role="status" data-testid="check-result">
            Connected: the server lists {check.total} synchronization {check.total === 1 ? 'job' : 'jobs'}.
          </p>
        )}
        {check && 'failure' in check && <FailureView failure={check.failure} />}
      </form>
    </section>
  );
}
