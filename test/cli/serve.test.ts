// The `open` command run as a real child process against a small temporary app
// folder (--dist): serves the page and the user's files on 127.0.0.1 and
// refuses paths that leave the app folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, REPO, runCli } from './runCli.ts';

const fixturePath = (name: string): string => join(FIXTURES, name);

const INDEX = '<!doctype html><title>test app</title><script type="module" src="./assets/app.js"></script>';
const SCRIPT = 'console.log("app");';

/** A raw GET whose path is sent exactly as written (fetch would normalise `..`). */
function rawGet(
  port: number,
  path: string,
  host = `127.0.0.1:${port}`,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Start the CLI and wait for the line that gives the page address. */
function startCli(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: URL; stdout: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^Open (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(stdout);
      if (match?.[1]) resolve({ child, url: new URL(match[1]), stdout: () => stdout });
    });
    child.on('exit', (code) => reject(new Error(`the CLI exited early (${code}): ${stderr}`)));
  });
}

describe('open: serving the app and the files', () => {
  let dist: string;
  let server: { child: ChildProcess; url: URL; stdout: () => string };
  const fixture = join(FIXTURES, 'orphan-step.json');
  const second = join(FIXTURES, 'etl-linear.json');

  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), 'fsm-serve-'));
    dist = join(base, 'dist');
    await mkdir(join(dist, 'assets'), { recursive: true });
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'app.js'), SCRIPT);
    await writeFile(join(base, 'secret.txt'), 'not for the browser');
    server = await startCli(['open', fixture, second, '--no-open', '--port', '0', '--dist', dist]);
  });

  afterAll(async () => {
    server?.child.kill();
    await rm(join(dist, '..'), { recursive: true, force: true });
  });

  it('prints a 127.0.0.1 address that loads every file through ?url=', () => {
    expect(server.url.hostname).toBe('127.0.0.1');
    expect(server.url.searchParams.getAll('url')).toEqual(['/__files/0', '/__files/1']);
    expect(server.stdout()).toContain(`/__files/0  ${fixture}`);
  });

  it('serves index.html and assets with their MIME types', async () => {
    const page = await fetch(new URL('/', server.url));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe(INDEX);
    const script = await fetch(new URL('/assets/app.js', server.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(SCRIPT);
    expect((await fetch(new URL('/assets/missing.js', server.url))).status).toBe(404);
  });

  it('streams each file byte for byte with its name in a header', async () => {
    const res = await fetch(new URL('/__files/0', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-file-name')).toBe('orphan-step.json');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''orphan-step.json");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes).equals(await readFile(fixture))).toBe(true);
    const res1 = await fetch(new URL('/__files/1', server.url));
    expect(Buffer.from(await res1.arrayBuffer()).equals(await readFile(second))).toBe(true);
    expect((await fetch(new URL('/__files/2', server.url))).status).toBe(404);
  });

  it('refuses paths that leave the app folder', async () => {
    const port = Number(server.url.port);
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
    ]) {
      const res = await rawGet(port, path);
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain('not for the browser');
    }
    const encoded = await rawGet(port, '/..%5csecret.txt');
    expect(encoded.status).toBe(403);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const res = await rawGet(Number(server.url.port), '/', 'evil.example:80');
    expect(res.status).toBe(403);
  });
});

describe('open: errors', () => {
  it('names files that do not exist and exits 2', async () => {
    const missing = join(tmpdir(), 'fsm-no-such-file.json');
    const result = await runCli(['open', missing, '--no-open']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${missing}: no such file`);
  });

  it('says when --dist is not a built app', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'fsm-nodist-'));
    const result = await runCli(['--no-open', '--dist', empty]);
    await rm(empty, { recursive: true, force: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no index.html');
  });

  it('opens the samples when no file is given, and stops cleanly on Ctrl-C', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'fsm-dist-'));
    await writeFile(join(dist, 'index.html'), INDEX);
    const server = await startCli(['--no-open', '--dist', dist]);
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve));
    server.child.kill('SIGINT');
    expect(await exited).toBe(0);
    await rm(dist, { recursive: true, force: true });
    expect(server.url.search).toBe('?sample');
  });
});

describe('open: launching the browser', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsm-open-'));
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'index.html'), INDEX);
    await mkdir(join(dir, 'bin'));
    await mkdir(join(dir, 'nobin'));
    // A stand-in xdg-open that records the address it was asked to open.
    await writeFile(join(dir, 'bin', 'xdg-open'), `#!/bin/sh\necho "$1" > "${join(dir, 'opened.txt')}"\n`, {
      mode: 0o755,
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(process.platform !== 'linux')('runs xdg-open with the page address', async () => {
    const env = { PATH: join(dir, 'bin') };
    const server = await startCli(['open', fixturePath('etl-linear.json'), '--dist', join(dir, 'dist')], env);
    let opened = '';
    while (opened === '') {
      opened = await readFile(join(dir, 'opened.txt'), 'utf8').catch(() => '');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    server.child.kill();
    expect(opened.trim()).toBe(server.url.href);
    expect(server.url.search).toBe('?url=/__files/0');
  });

  it('keeps serving and says so when no browser opener exists', async () => {
    const env = { PATH: join(dir, 'nobin') };
    const server = await startCli(['--dist', join(dir, 'dist')], env);
    const page = await fetch(server.url);
    while (!server.stdout().includes('No way to open a browser')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    server.child.kill();
    expect(page.status).toBe(200);
    expect(server.stdout()).toContain(
      'No way to open a browser was found here: open the address above yourself.',
    );
  });
});

describe('startServer with a mounted folder (as the end-to-end tests use it)', () => {
  it('serves the folder under its prefix, and nothing outside it', async () => {
    const { startServer } = await import('../../src/cli/server.ts');
    const base = await mkdtemp(join(tmpdir(), 'fsm-mount-'));
    const app = join(base, 'app');
    const extra = join(base, 'extra');
    await mkdir(app, { recursive: true });
    await mkdir(extra, { recursive: true });
    await writeFile(join(app, 'index.html'), INDEX);
    await writeFile(join(extra, 'run.json'), '{"paths": []}');
    await writeFile(join(base, 'secret.txt'), 'not for the browser');
    const server = await startServer({
      root: app,
      files: [],
      port: 0,
      mounts: [{ prefix: '/__x/', dir: extra }],
    });
    try {
      const res = await fetch(new URL('/__x/run.json', server.origin));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(await res.text()).toBe('{"paths": []}');
      expect((await fetch(new URL('/__x/missing.json', server.origin))).status).toBe(404);
      // The app is still at '/'.
      expect(await (await fetch(server.origin)).text()).toBe(INDEX);
      for (const path of ['/__x/../secret.txt', '/__x/..%2fsecret.txt', '/__x/%2e%2e/secret.txt']) {
        const raw = await rawGet(server.port, path);
        expect(raw.status, path).toBe(403);
        expect(raw.body).not.toContain('not for the browser');
      }
      await expect(
        startServer({ root: app, files: [], port: 0, mounts: [{ prefix: '/', dir: extra }] }),
      ).rejects.toThrow(/mount prefix/);
    } finally {
      await server.close();
      await rm(base, { recursive: true, force: true });
    }
  });
});
