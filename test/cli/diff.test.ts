// `diff A B` as a real child process: a good run and a failing one written in
// the producer's form, the FileStorage fixture's runs chosen with --run-a/-b,
// and every exit code (0 no new failures, 1 new failures in B, 2 a file or a
// run that cannot be had, or a wrong command line).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { history, type Raw, step } from '../model/helpers.ts';
import { FIXTURES, runCli } from './runCli.ts';

let dir: string;
const file = (name: string) => join(dir, name);

function agentRun(exec: string, validate: Raw): string {
  const start = step(`${exec}-1`, 'start', { arc_taken: 'call_llm' });
  const call = step(`${exec}-2`, 'call_llm', {
    resource_usage: { llm: { duration: 0.8 } },
    arc_taken: 'validate',
  });
  const check = step(`${exec}-3`, 'validate', validate);
  const h = history([[start, call, check]], { summary: { fsm_name: 'agent', execution_id: exec } });
  return JSON.stringify(h).replaceAll('":', '": ').replaceAll(',"', ', "');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fsm-diff-'));
  await writeFile(file('good.json'), agentRun('good-1', { duration: 1.0 }));
  await writeFile(
    file('bad.json'),
    agentRun('bad-1', { status: 'failed', error: 'schema mismatch\nat field total', duration: 3.0 }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('diff', () => {
  it('a failing run against a good one: exit 1, the new failure and its error first', async () => {
    const r = await runCli(['diff', file('good.json'), file('bad.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('3 steps matched, 0 only in A, 0 only in B; 2 differences');
    expect(r.stdout).toContain('New failures in B (1):\n  start › call_llm › validate: schema mismatch\n');
    const diffs = r.stdout.split('Differences, most important first:\n')[1]!.split('\n');
    expect(diffs[0]).toBe('  status     start › call_llm › validate: completed -> failed (schema mismatch)');
    expect(diffs[1]).toBe('  duration   start › call_llm › validate: 1.000 s -> 3.000 s, +2.000 s (+200%)');
    expect(r.stdout).toContain('Result: B has failures that A does not (exit 1).');
  });

  it('--json: the whole comparison, with step ids of both runs', async () => {
    const r = await runCli(['diff', '--json', file('good.json'), file('bad.json')]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.a).toMatchObject({ fsm_name: 'agent', execution_id: 'good-1', steps: 3, failed_steps: 0 });
    expect(doc.b).toMatchObject({ execution_id: 'bad-1', failed_steps: 1 });
    expect(doc.new_failures).toEqual([
      {
        path: 'start › call_llm › validate',
        state_name: 'validate',
        step_id: 'bad-1-3',
        error: 'schema mismatch\nat field total',
      },
    ]);
    expect(doc.differences[0]).toEqual({
      kind: 'status',
      path: 'start › call_llm › validate',
      state_name: 'validate',
      a_step_id: 'good-1-3',
      b_step_id: 'bad-1-3',
      from: 'completed',
      to: 'failed',
      delta_seconds: null,
      ratio: null,
    });
    expect(doc.resources).toEqual([{ type: 'llm', calls_a: 1, calls_b: 1, seconds_a: 0.8, seconds_b: 0.8 }]);
  });

  it('the other way round, and a run against itself: exit 0', async () => {
    const back = await runCli(['diff', file('bad.json'), file('good.json')]);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('status     start › call_llm › validate: failed -> completed');
    const same = await runCli(['diff', file('good.json'), file('good.json')]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 differences');
    expect(same.stdout).toContain('Result: no new failures in B (exit 0).');
  });

  it('a file of several runs needs --run-a/--run-b; with them, its runs compare', async () => {
    const db = join(FIXTURES, 'file-storage-db.json');
    const unchosen = await runCli(['diff', db, file('good.json')]);
    expect(unchosen.code).toBe(2);
    expect(unchosen.stderr).toMatch(
      /file-storage-db\.json: holds 3 runs \(etl-2025-09-20-001, conv-7f3a, ingest-0042\); choose one with --run-a ID/,
    );
    const chosen = await runCli(['diff', db, db, '--run-a', 'conv-7f3a', '--run-b', 'conv-7f3a']);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('10 steps matched, 0 only in A, 0 only in B; 0 differences');
    const missing = await runCli(['diff', db, db, '--run-a', 'nope', '--run-b', 'conv-7f3a']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--run-a nope: no run with this execution id');
  });

  it('exit 2 for a file that cannot be read and for a wrong command line', async () => {
    const gone = await runCli(['diff', file('good.json'), file('missing.json')]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('missing.json: no such file');
    const one = await runCli(['diff', file('good.json')]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('diff needs two files, A and B (got 1)');
  });

  it('parses its options and keeps them to itself', () => {
    expect(parseArgs(['diff', 'a.json', 'b.json', '--json', '--run-b=x'])).toEqual({
      kind: 'diff',
      a: 'a.json',
      b: 'b.json',
      json: true,
      runA: null,
      runB: 'x',
    });
    expect(parseArgs(['diff', 'a.json', 'b.json', '--port', '1'])).toMatchObject({
      kind: 'usage-error',
      command: 'diff',
    });
    expect(parseArgs(['summary', 'a.json', '--run-a', 'x'])).toEqual({
      kind: 'usage-error',
      message: 'option --run-a is only for the diff command',
    });
  });
});
