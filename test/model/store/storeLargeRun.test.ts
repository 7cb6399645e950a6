// A run of 100,000 steps inside a store (a history row of about 70 MB, as
// UnifiedDatabaseStorage writes it): listing it reads only the row's first
// bytes, and opening it goes through the streaming loader like a large JSON
// file (progress reported as it goes), with every step there.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../src/model/store/byteSource.ts';
import { SqliteStore } from '../../../src/model/store/sqliteStore.ts';
import type { LoadProgress } from '../../../src/model/types.ts';
import { makeStore, RECORDS_DDL } from './makeStore.ts';

const STEPS = 100_000;

function stepText(i: number): string {
  const t = 1758400000 + i / 10;
  return `{"step_id": "s${i}", "state_name": "state_${i % 13}", "network_name": "main", "timestamp": ${t}, "start_time": ${t}, "end_time": ${t + 0.05}, "duration": 0.05, "data_mode": "copy", "status": "${i === 4242 ? 'failed' : 'completed'}", "arc_taken": null, "error": ${i === 4242 ? '"boom"' : 'null'}, "metrics": {"n": ${i}}, "resource_usage": {}, "stream_progress": null, "chunks_processed": 0, "records_processed": 0}`;
}

function largeHistoryRow(): { id: string; data: string } {
  const steps: string[] = [];
  for (let i = 0; i < STEPS; i++) steps.push(stepText(i));
  const all = steps.join(', ');
  const end = 1758400000 + STEPS / 10;
  const summary = `{"fsm_name": "bulk_import", "execution_id": "bulk-1", "start_time": 1758400000, "end_time": ${end}, "duration": ${STEPS / 10}, "total_steps": ${STEPS}, "failed_steps": 1, "skipped_steps": 0, "completed_steps": ${STEPS - 1}, "data_mode": "copy", "tree_depth": ${STEPS}, "total_paths": 1, "resource_usage": {}, "stream_progress": {"total_chunks": 0, "total_records": 0, "streams_processed": 0}}`;
  const history = `{"summary": ${summary}, "paths": [[${all}]], "mode_storage": {"copy": [${all}], "reference": [], "direct": []}}`;
  return {
    id: 'bulk-1',
    data: `{"id": "bulk-1", "execution_id": "bulk-1", "fsm_name": "bulk_import", "data_mode": "copy", "status": "completed", "start_time": 1758400000, "end_time": ${end}, "total_steps": ${STEPS}, "failed_steps": 1, "skipped_steps": 0, "record_type": "history", "history_data": ${history}, "created_at": 1758400000.5, "updated_at": 1758400000.5}`,
  };
}

describe('a run of 100,000 steps in a store', () => {
  it('is listed from its summary fields and opens with every step, streamed', async () => {
    const row = largeHistoryRow();
    expect(row.data.length).toBeGreaterThan(60_000_000);
    const small = {
      id: 'small-1',
      data: '{"id": "small-1", "execution_id": "small-1", "fsm_name": "tiny", "status": "completed", "record_type": "history", "history_data": {"summary": {}, "paths": [], "mode_storage": {}}}',
    };
    const bytes = await makeStore([RECORDS_DDL('records')], [row, small]);
    const store = await SqliteStore.open(bytesSource(bytes), 'bulk.db');
    const listed = store.runs().find((r) => r.id === 'bulk-1');
    expect(listed).toMatchObject({ kind: 'history', fsmName: 'bulk_import', steps: STEPS, failed: 1 });
    expect(store.info.problems).toEqual([]);
    expect(store.runs().map((r) => r.id)).toEqual(['bulk-1', 'small-1']);

    const progress: LoadProgress[] = [];
    const loaded = await store.loadRun(listed!.key, { onProgress: (p) => progress.push(p) });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const run = loaded.runs[0]!;
    expect(run.steps).toHaveLength(STEPS);
    expect(run.counts.statusCounts.failed).toBe(1);
    expect(run.steps[4242]?.error).toBe('boom');
    expect(run.warnings.filter((w) => w.code !== 'non-finite-number')).toEqual([]);
    // Streamed: progress came in several reports, ending at the whole history_data.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)?.fileName).toBe('bulk.db › records › bulk-1');
    store.close();
  }, 120_000);
});
