// Browser entry: mounts the app into #root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { prewarmLoadWorker } from './worker/loadClient.ts';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // Start the load worker (and its file reader) while the page is idle, so the first file opens at once.
  const idle = (cb: () => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(cb, { timeout: 2000 });
    else setTimeout(cb, 200);
  };
  idle(prewarmLoadWorker);
}
