// Vite config for the benchmark's second build of the app: the project's own
// config, with the worker's loadOne module replaced by the streaming version
// (bench/browser/loadOneStreaming.ts). Nothing else changes.
import path from 'node:path';
import { mergeConfig, type Plugin } from 'vite';
import base from '../vite.config.ts';

const LOAD_ONE = path.resolve(import.meta.dirname, '..', 'src', 'worker', 'loadOne.ts');
const STREAMING = path.resolve(import.meta.dirname, 'browser', 'loadOneStreaming.ts');

const useStreamingLoader: Plugin = {
  name: 'bench-use-streaming-loader',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!importer || importer === STREAMING || !source.endsWith('loadOne.ts')) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && path.resolve(resolved.id) === LOAD_ONE ? STREAMING : null;
  },
};

// Worker bundles get their own plugin list.
export default mergeConfig(base, {
  plugins: [useStreamingLoader],
  worker: { plugins: () => [useStreamingLoader] },
});
