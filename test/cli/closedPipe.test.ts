// `summary ... | head`: the reader closes the pipe after the first lines. The
// command stops quietly with exit 0 (as cat or git do), not with an
// unhandled EPIPE stack trace on stderr.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, REPO } from './runCli.ts';

describe('summary into a pipe closed early', () => {
  it('exits 0 with nothing on stderr', async () => {
    const files = Array.from({ length: 40 }, () => `${FIXTURES}fanout-2k.json`);
    const child = spawn(process.execPath, [BIN, 'summary', ...files], { cwd: REPO, stdio: 'pipe' });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    // Read the first chunk, then close our end, as head does.
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d: Buffer) => resolve(String(d))),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(first).toContain('fanout-2k.json: 1 run');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
