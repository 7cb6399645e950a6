// Loads what the page address asks for, once per page: every `?url=<u>` and,
// with `?sample`, the built-in samples. (Guarded so React's StrictMode double
// effect does not load twice.)
import { useEffect } from 'react';
import { loadSamples, loadUrls } from './loadController.ts';
import { readStartupSources } from './urlSources.ts';

let started = false;

export function useStartupSources(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    const { urls, sample } = readStartupSources(window.location.search);
    if (urls.length > 0) void loadUrls(urls);
    if (sample) void loadSamples();
  }, []);
}
