// The shell: a header naming the server in use, one tab per screen (hash routes, so any static
// host serves the build), and one client, made again whenever the settings change.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createClient } from './api.ts';
import { BackupScreen } from './screens/backup-screen.tsx';
import { ConnectionScreen } from './screens/connection-screen.tsx';
import { JobsScreen } from './screens/jobs-screen.tsx';
import { SettingsScreen } from './screens/settings-screen.tsx';
import { SyncScreen } from './screens/sync-screen.tsx';
import { forgetSettings, loadSettings, type Settings, saveSettings } from './settings.ts';

const ROUTES = {
  jobs: 'Jobs',
  sync: 'Start sync',
  backup: 'Delete backup',
  connection: 'Switch connection',
  settings: 'Settings',
} as const;
type Route = keyof typeof ROUTES;

function currentRoute(): Route {
  const name = window.location.hash.replace(/^#\/?/, '');
  return name in ROUTES ? (name as Route) : 'jobs';
}

export function App() {
  const [route, setRoute] = useState<Route>(currentRoute);
  const [{ settings, source }, setLoaded] = useState(() => loadSettings());
  const client = useMemo(() => createClient(settings), [settings]);

  useEffect(() => {
    const onHash = () => setRoute(currentRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const save = (next: Settings) => {
    saveSettings(next);
    setLoaded(loadSettings());
  };
  const forget = () => {
    forgetSettings();
    setLoaded(loadSettings());
  };

  return (
    <>
      <header class="top">
        <div class="brand">
          <svg class="logo" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="8" cy="12" r="4.5" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M12.5 12H21v3M18 12v2.5" fill="none" stroke="currentColor" stroke-width="2" />
          </svg>
          <div>
            <h1>CCKM</h1>
            <p class="brand-sub">Salesforce key synchronization</p>
          </div>
        </div>
        <a class="target" href="#/settings" data-testid="target" title="Change in Settings">
          {settings.baseUrl}
        </a>
      </header>
      <nav class="tabs" aria-label="Screens">
        {Object.entries(ROUTES).map(([name, label]) => (
          <a key={name} href={`#/${name}`} aria-current={route === name ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <main>
        {route === 'jobs' && <JobsScreen client={client} />}
        {route === 'sync' && <SyncScreen client={client} />}
        {route === 'backup' && <BackupScreen client={client} />}
        {route === 'connection' && <ConnectionScreen client={client} />}
        {route === 'settings' && (
          <SettingsScreen settings={settings} source={source} onSave={save} onForget={forget} />
        )}
      </main>
    </>
  );
}
