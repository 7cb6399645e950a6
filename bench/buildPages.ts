// The pages the benchmarks measure, built as users get them: the app
// (`vite build`, into bench/out/app) and the store benchmark's probe page
// (bench/browser/storeProbe, into bench/out/store-probe).
import { spawnSync } from 'node:child_process';

function vite(args: string[]): void {
  const b = spawnSync('npx', ['vite', 'build', ...args], { stdio: 'inherit' });
  if (b.status !== 0) throw new Error(`vite build ${args.join(' ')} failed (exit ${b.status})`);
}

/** Builds the app into `outDir`; `unminified` keeps readable function names for CPU profiles. */
export function buildApp(outDir: string, unminified = false): void {
  const args = ['--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  if (unminified) args.push('--minify', 'false');
  console.log(`bench: building the app into ${outDir}`);
  vite(args);
}

/** Builds the store probe page into `outDir`. */
export function buildStoreProbe(outDir: string, unminified = false): void {
  const args = ['--config', 'bench/browser/storeProbe/vite.config.ts', '--outDir', outDir];
  if (unminified) args.push('--minify', 'false');
  console.log(`bench: building the store probe page into ${outDir}`);
  vite(args);
}
