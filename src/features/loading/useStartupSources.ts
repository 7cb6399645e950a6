// Loads what the page address asks for, once per mounted app: every
// `?url=<u>`, with `?sample` the built-in samples, with `?db=/__db/` the store
// the server offers. (A ref guards against React StrictMode running the
// effect twice; refs survive that re-run.)
import { useEffect, useRef } from 'react';
import { loadSamples, loadUrls } from './loadController.ts';
import { loadRemoteStore, remoteStorePath } from './remoteStore.ts';
import { readStartupSources } from './urlSources.ts';

export function useStartupSources(): void {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const { urls, sample, db } = readStartupSources(window.location.search);
    if (urls.length > 0) void loadUrls(urls);
    if (sample) void loadSamples();
    const store = remoteStorePath(db ?? null);
    if (store !== null) void loadRemoteStore(store);
  }, []);
}
