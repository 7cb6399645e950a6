// Starts `fsm-history-explorer serve --db URL` as a real child process and
// waits for the address it prints; used by the API tests and the end-to-end
// test of the run browser on a PostgreSQL store.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/fsm-history-explorer.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface ServedDb {
  readonly child: ChildProcess;
  /** The address printed after "Open" (…/?db=%2F__db%2F). */
  readonly url: URL;
  readonly port: number;
  readonly stdout: () => string;
  /** Stops the server (SIGTERM) and waits until it has exited. */
  stop(): Promise<void>;
}

export function serveDb(args: readonly string[], env: Record<string, string> = {}): Promise<ServedDb> {
  const child = spawn(process.execPath, [BIN, 'serve', '--no-open', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^Open (http:\/\/127\.0\.0\.1:(\d+)\/\S*)$/m.exec(stdout);
      if (match?.[1])
        resolve({
          child,
          url: new URL(match[1]),
          port: Number(match[2]),
          stdout: () => stdout,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
  });
}

/** A GET with the Host header given (fetch would not let a test send another one). */
export function getWithHost(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
