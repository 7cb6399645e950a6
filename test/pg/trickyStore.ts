// A PostgreSQL store made to hold every case the run rules distinguish, in
// two tables (histories and steps split, as a deployment may): a history row
// named by its id (no execution_id), one whose execution id differs from its
// id, history_data as a JSON string, summary fields of the wrong type, step
// rows saved more than once (the last save decides), an execution still open,
// a step row without step_id, rows of neither kind, a step row without an
// execution id, SQL NULL created_at, and metadata of every shape (nested,
// arrays, booleans, numbers, a scalar, an array at the top).
import { history, step } from '../model/helpers.ts';
import type { PgRow } from './pgRows.ts';

const hist = (
  id: string,
  fields: Record<string, unknown>,
  metadata?: unknown,
  historyData?: unknown,
): PgRow => ({
  id,
  metadata,
  data: {
    id,
    execution_id: id,
    fsm_name: 'tricky',
    data_mode: 'copy',
    status: 'completed',
    start_time: 1758400000,
    end_time: 1758400010,
    total_steps: 1,
    failed_steps: 0,
    skipped_steps: 0,
    record_type: 'history',
    ...fields,
    history_data: historyData ?? history([[step(`${id}-s1`, 'start')]]),
  },
});

function stepRow(
  rowId: string,
  exec: unknown,
  stepId: string | null,
  status: string,
  ts: number,
  opts: { metadata?: unknown; createdAt?: string | null; stepData?: unknown; mode?: string } = {},
): PgRow {
  const open = status === 'in_progress' || status === 'pending';
  const stepData =
    opts.stepData ??
    step(stepId ?? 'no-id', `state-${ts}`, {
      ...(stepId === null ? { step_id: undefined } : {}),
      timestamp: ts,
      start_time: ts,
      end_time: open ? null : ts + 2,
      status,
      data_mode: opts.mode ?? 'copy',
    });
  return {
    id: rowId,
    metadata: opts.metadata,
    createdAt: opts.createdAt,
    data: {
      id: rowId,
      execution_id: exec,
      step_id: stepId,
      parent_id: null,
      state_name: `state-${ts}`,
      network_name: 'main',
      status,
      timestamp: ts,
      record_type: 'step',
      step_data: stepData,
    },
  };
}

/** The histories table's rows. */
export const TRICKY_HISTORIES: readonly PgRow[] = [
  hist('H-1', {}, { tenant_id: 'acme', user: { id: 'u-1', plan: 'pro' }, flags: [1, 2], on: true }),
  hist(
    'h-2',
    { failed_steps: 2, start_time: 1758400100, end_time: null, status: 'in_progress' },
    { tenant_id: 'globex', n: 1.5 },
  ),
  // No execution_id: the run is named by its row id.
  {
    ...hist('h-3', { fsm_name: 42, start_time: '1758400200', total_steps: 3.0 }, '"just a string"'),
    createdAt: null,
  },
  // Its execution id is not its id: the step rows of x-4 are its own, and step rows of `row-4` are another run.
  hist('row-4', { execution_id: 'x-4', start_time: 1758400300, end_time: 1758400301.5 }, [1, 2, 3]),
  // history_data kept as a JSON string.
  hist(
    'h-5',
    { start_time: 1758400300 },
    { tenant_id: 'acme', deep: { a: { b: 'c' } } },
    JSON.stringify(history([[step('h-5-s1', 'x')]])),
  ),
  {
    id: 'h-no-exec',
    data: { id: 'h-no-exec', fsm_name: 'tricky', history_data: history([[step('hne-1', 'y')]]) },
  },
  { id: 'neither-1', data: { foo: 1 } },
  { id: 'neither-2', data: [1, 2, 3] },
  { id: 'null-history', data: { history_data: null, step_data: null } },
];

/** The steps table's rows, in save order. */
export const TRICKY_STEPS: readonly PgRow[] = [
  stepRow('x4-a', 'x-4', 'x4-s1', 'completed', 1758400300),
  // s-1: a saved in_progress then completed; b failed; c skipped; first row's metadata is the run's.
  stepRow('s1-a1', 's-1', 's1-a', 'in_progress', 1758400400, {
    metadata: { worker_pool: 'w-eu-1', on: false },
  }),
  stepRow('s1-b', 's-1', 's1-b', 'failed', 1758400401, {
    metadata: { worker_pool: 'w-us-2' },
    mode: 'reference',
  }),
  stepRow('s1-c', 's-1', 's1-c', 'skipped', 1758400402),
  stepRow('s1-a2', 's-1', 's1-a', 'completed', 1758400400),
  // s-2: still open (its last save is in progress), its first row saved with created_at NULL.
  stepRow('s2-a', 'S-2', 's2-a', 'completed', 1758400500, {
    createdAt: null,
    metadata: { tenant_id: 'acme' },
  }),
  stepRow('s2-b', 'S-2', 's2-b', 'in_progress', 1758400501),
  // s-3: a step without step_id (a step of its own row), and step_data as a JSON string.
  stepRow('s3-a', 's-3', null, 'completed', 1758400600),
  stepRow('s3-b', 's-3', null, 'completed', 1758400601),
  stepRow('s3-c', 's-3', 's3-c', 'pending', 1758400602, { stepData: JSON.stringify(step('s3-c', 'z')) }),
  // Step rows of `row-4`: no history has that execution id (row-4's is x-4), so they are a run.
  stepRow('r4-a', 'row-4', 'r4-s1', 'completed', 1758400700),
  // Skipped by every backend: no execution id (missing, or not a string).
  stepRow('lost-1', null, 'lost-s1', 'completed', 1758400800),
  stepRow('lost-2', 17, 'lost-s2', 'completed', 1758400801),
];
