// Runs the end-to-end tests: serves the built app (dist/) on 127.0.0.1, then
// runs every test/e2e/*.e2e.ts file with Node's test runner (one file at a
// time) against it, passing the address in E2E_BASE_URL. Exits with the test
// runner's exit code. Arguments, if any, name the test files to run instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DIST, ROOT, startStaticServer } from './static-server.mjs';

const E2E_DIR = path.join(ROOT, 'test', 'e2e');

function testFiles() {
  const chosen = process.argv.slice(2);
  if (chosen.length > 0) return chosen.map((f) => path.resolve(f));
  return readdirSync(E2E_DIR)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort()
    .map((f) => path.join(E2E_DIR, f));
}

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.log(`run-e2e: ${path.relative(ROOT, DIST) || DIST}/index.html is missing; building with vite`);
  const outDir = process.env.E2E_DIST ? ['--outDir', DIST, '--emptyOutDir'] : [];
  const build = spawnSync('npx', ['vite', 'build', ...outDir], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const files = testFiles();
if (files.length === 0) {
  console.error('run-e2e: no *.e2e.ts files found');
  process.exit(1);
}

const server = await startStaticServer();
console.log(`run-e2e: serving ${path.relative(ROOT, DIST) || DIST} at ${server.url}`);

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: server.url },
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}

const code = await new Promise((resolve) => {
  child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(`run-e2e: could not start the test runner: ${err.message}`);
    resolve(1);
  });
});
await server.close();
process.exit(code);
