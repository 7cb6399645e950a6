// bench/results.json: each benchmark writes its own keys and keeps the
// others' (the JSON benchmark writes date, machine, options and results; the
// store benchmark writes `stores`), and both record the machine they ran on.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export const RESULTS_PATH = 'bench/results.json';

export interface MachineFacts {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly node: string;
  readonly chromium: string;
  readonly platform: string;
}

export function machineFacts(chromium: string): MachineFacts {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    chromium,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Replaces the given top-level keys of results.json, keeping every other key as it is. */
export function writeResults(patch: Record<string, unknown>, path = RESULTS_PATH): void {
  let existing: Record<string, unknown> = {};
  if (existsSync(path)) {
    try {
      existing = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      existing = {};
    }
  }
  writeFileSync(path, `${JSON.stringify({ ...existing, ...patch }, null, 2)}\n`);
}
