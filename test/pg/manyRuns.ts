// A generated store of many runs in the backend's exact row form: history
// rows (summary fields, then a small to_dict() history_data), some of them
// with step rows, every 20th execution kept only as step rows, metadata
// cycling over tenants, fsm names and failures spread so filters have
// something to find, and one history of 1,000 steps (the benchmark's seeded
// producer-form generator). Deterministic.
import { generateToString } from '../../bench/generate.ts';
import { history, step } from '../model/helpers.ts';
import type { PgRow } from './pgRows.ts';

const FSMS = ['support_agent', 'customer_etl', 'invoice_approval', 'log_ingest', 'order_workflow'];
const TENANTS = ['acme', 'globex', 'initech', 'umbrella'];

export const BIG_RUN = 'many-big-1000';

export function manyRuns(count: number): PgRow[] {
  const rows: PgRow[] = [];
  for (let i = 0; i < count; i++) {
    const exec = `many-${String(i).padStart(6, '0')}`;
    const start = 1758400000 + i * 37.25;
    const failed = i % 7 === 0 ? 1 : 0;
    const metadata = {
      tenant_id: TENANTS[i % TENANTS.length],
      shard: i % 3,
      user: { plan: i % 2 ? 'pro' : 'free' },
    };
    if (i % 20 === 19) {
      for (let s = 0; s < 3; s++) {
        const id = `${exec}-row-${s}`;
        const status = s === 2 && failed ? 'failed' : 'completed';
        rows.push({
          id,
          metadata,
          data: {
            id,
            execution_id: exec,
            step_id: `${exec}-s${s}`,
            parent_id: s === 0 ? null : `${exec}-s0`,
            state_name: `state_${s}`,
            network_name: 'main',
            status,
            timestamp: start + s,
            record_type: 'step',
            step_data: step(`${exec}-s${s}`, `state_${s}`, {
              timestamp: start + s,
              end_time: start + s + 0.5,
              status,
            }),
          },
        });
      }
      continue;
    }
    const steps = [
      step(`${exec}-s0`, 'receive'),
      step(`${exec}-s1`, 'answer', failed ? { status: 'failed' } : {}),
    ];
    const big = i === Math.floor(count / 2);
    const id = big ? BIG_RUN : exec;
    const historyData = big
      ? generateToString({ steps: 1000, shape: 'fanout', seed: 7, indent: null })
      : JSON.stringify(history([steps], { summary: { execution_id: exec, failed_steps: failed } }));
    rows.push({
      id,
      metadata,
      data: `{"id": ${JSON.stringify(id)}, "execution_id": ${JSON.stringify(id)}, "fsm_name": "${FSMS[i % FSMS.length]}", "data_mode": "copy", "status": "${i % 11 === 0 ? 'in_progress' : 'completed'}", "start_time": ${start}, "end_time": ${i % 11 === 0 ? 'null' : start + 5 + (i % 13)}, "total_steps": ${big ? 1000 : 2}, "failed_steps": ${failed}, "skipped_steps": 0, "record_type": "history", "history_data": ${historyData}, "created_at": ${start}, "updated_at": ${start}}`,
    });
    if (i % 5 === 0 && !big) {
      steps.forEach((s, n) => {
        const rowId = `${exec}-step-${n}`;
        rows.push({
          id: rowId,
          data: {
            id: rowId,
            execution_id: exec,
            step_id: s.step_id,
            parent_id: null,
            status: s.status,
            record_type: 'step',
            step_data: s,
          },
        });
      });
    }
  }
  return rows;
}
