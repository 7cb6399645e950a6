// The run-browser queries every store backend is held to on the real
// fixture's runs (SQLite, PostgreSQL and the in-memory list must give the
// same runs in the same order): each filter, combinations, and every sort
// both ways.
import { type RunQuery, SORT_COLUMNS } from '../../../src/model/store/storeTypes.ts';

export const EVERY_SORT: RunQuery[] = SORT_COLUMNS.flatMap((sort) => [
  { sort, desc: true },
  { sort, desc: false },
]);

export const FIXTURE_QUERIES: readonly RunQuery[] = [
  { sort: 'start_time', desc: true },
  { sort: 'start_time', desc: false, failures: 'with' },
  { sort: 'start_time', desc: false, failures: 'without' },
  { sort: 'fsm_name', desc: false, status: 'completed' },
  { sort: 'duration', desc: true, status: 'in_progress' },
  { sort: 'steps', desc: true, metadata: [{ key: 'tenant_id', value: 'acme' }] },
  { sort: 'steps', desc: true, metadata: [{ key: 'user.plan', value: 'pro' }] },
  { sort: 'steps', desc: true, metadata: [{ key: 'run_no', value: '1' }] },
  { sort: 'execution_id', desc: false, text: '-00' },
  { sort: 'execution_id', desc: false, text: 'CONV' },
  { sort: 'start_time', desc: true, since: 1758400500, until: 1758402000 },
  { sort: 'kind', desc: false, fsm: 'support_agent' },
  {
    sort: 'failed',
    desc: true,
    metadata: [
      { key: 'tenant_id', value: 'acme' },
      { key: 'channel', value: 'web' },
    ],
  },
  ...EVERY_SORT,
];
