import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { startMockWorkerIfAsked } from './mock-worker.ts';
import './styles.css';

await startMockWorkerIfAsked();
createRoot(document.getElementById('app') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
