// `summary` on a history longer than any JavaScript string (V8's limit is
// 0x1fffffe8 characters, about 512 MiB): the CLI reads files with the
// streaming loader over a Blob on the disk, as the page does, so the file the
// browser's too-large message sends users to the CLI with does load there.
// The history is written in the producer's form (a chain of steps, each with
// a long LLM answer in its metrics, in paths and again in mode_storage).
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/cli/readHistory.ts';
import { runCli } from './runCli.ts';

const STEPS = 60_000;
const ANSWER = 'The invoice total matches the purchase order. '.repeat(96); // 4,416 characters

function stepText(i: number): string {
  const t = 1758400000 + i;
  return `{"step_id": "s${i}", "state_name": "answer_${i % 7}", "network_name": "main", "timestamp": ${t}.5, "start_time": ${t}.5, "end_time": ${t}.75, "duration": 0.25, "data_mode": "copy", "status": "completed", "arc_taken": ${i + 1 < STEPS ? `"next_${i % 7}"` : 'null'}, "error": null, "metrics": {"tokens": ${i % 900}, "answer": "${ANSWER}"}, "resource_usage": {}, "stream_progress": null, "chunks_processed": 0, "records_processed": 0}`;
}

async function writeLargeHistory(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(s)) resolve();
      else out.once('drain', resolve).once('error', reject);
    });
  await write(
    `{"summary": {"fsm_name": "invoice_review", "execution_id": "big-1", "start_time": 1758400000.5, "end_time": ${1758400000 + STEPS}.75, "duration": ${STEPS}.25, "total_steps": ${STEPS}, "failed_steps": 0, "skipped_steps": 0, "completed_steps": ${STEPS}, "data_mode": "copy", "tree_depth": ${STEPS}, "total_paths": 1, "resource_usage": {}, "stream_progress": {"total_chunks": 0, "total_records": 0, "streams_processed": 0}}, "paths": [[`,
  );
  for (const part of ['paths', 'mode_storage']) {
    for (let i = 0; i < STEPS; i++) await write((i > 0 ? ', ' : '') + stepText(i));
    await write(part === 'paths' ? ']], "mode_storage": {"copy": [' : '], "reference": [], "direct": []}}');
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

describe('summary on a history longer than a JavaScript string', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fsm-large-'));
    file = join(dir, 'invoice-review.json');
    await writeLargeHistory(file);
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is over the string limit, streams, and reports every step', async () => {
    expect((await stat(file)).size).toBeGreaterThan(0x1fffffe8);
    let via: string | null = null;
    const result = await readHistory(file, { onStats: (s) => (via = s.via) });
    if (!result.ok) throw new Error(result.error.message);
    expect(via).toBe('stream');
    const [run] = result.runs;
    expect(run?.steps).toHaveLength(STEPS);
    expect(run?.counts.uniqueSteps).toBe(STEPS);
    expect(run?.fsmName).toBe('invoice_review');
  }, 120_000);

  it('the command exits 0 with the run in --json', async () => {
    const out = await runCli(['summary', '--json', file]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as Record<
      string,
      Array<{ execution_id: string; unique_steps: number }>
    >;
    expect(doc['invoice-review.json']?.map((r) => [r.execution_id, r.unique_steps])).toEqual([
      ['big-1', STEPS],
    ]);
  }, 120_000);
});
