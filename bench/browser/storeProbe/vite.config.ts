// Builds the store benchmark's probe page (bench/buildPages.ts builds it into
// bench/out/store-probe): the app's own store and loader clients, no UI.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { target: 'es2022', emptyOutDir: true, chunkSizeWarningLimit: 2048 },
});
