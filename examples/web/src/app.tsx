// The shell: a header naming the server in use, one tab per screen (hash routes, so any static
// host serves the build), and one client with its query bindings and query cache, made again
// whenever the settings change.
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { createQueries } from './api.ts';
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
  const { cckm, queryClient } = useMemo(() => createQueries(settings), [settings]);

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
    <QueryClientProvider client={queryClient}>
      <header className="top">
        <div className="brand">
          <svg className="logo" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="8" cy="12" r="4.5" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M12.5 12H21v3M18 12v2.5" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
          <div>
            <h1>CCKM</h1>
            <p className="brand-sub">Salesforce key synchronization</p>
          </div>
        </div>
        <a className="target" href="#/settings" data-testid="target" title="Change in Settings">
          {settings.baseUrl}
        </a>
      </header>
      <nav className="tabs" aria-label="Screens">
        {Object.entries(ROUTES).map(([name, label]) => (
          <a key={name} href={`#/${name}`} aria-current={route === name ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <main>
        {route === 'jobs' && <JobsScreen cckm={cckm} />}
        {route === 'sync' && <SyncScreen cckm={cckm} />}
        {route === 'backup' && <BackupScreen cckm={cckm} />}
        {route === 'connection' && <ConnectionScreen cckm={cckm} />}
        {route === 'settings' && (
          <SettingsScreen settings={settings} source={source} onSave={save} onForget={forget} />
        )}
      </main>
    </QueryClientProvider>
  );
}
