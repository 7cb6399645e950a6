// Facts about every fixture, worked out independently of the model (by reading
// the JSON with Python: unique step_ids over paths + mode_storage, links from
// paths, sums over the unique steps). Shared by the CLI and worker tests.
export interface ExpectedRun {
  readonly execution_id: string;
  readonly fsm_name: string;
  readonly unique_steps: number;
  readonly tree_steps: number;
  readonly detached_steps: number;
  readonly leaves: number;
  readonly max_depth: number;
  readonly status_counts: Readonly<Record<string, number>>;
  readonly resource_calls: Readonly<Record<string, number>>;
  readonly chunks: number;
  readonly records: number;
}

const support: ExpectedRun = {
  execution_id: 'conv-7f3a',
  fsm_name: 'support_agent',
  unique_steps: 10,
  tree_steps: 10,
  detached_steps: 0,
  leaves: 4,
  max_depth: 7,
  status_counts: { completed: 7, failed: 1, skipped: 2 },
  resource_calls: { llm: 4, vector_store: 1 },
  chunks: 0,
  records: 0,
};
const etl: ExpectedRun = {
  execution_id: 'etl-2025-09-20-001',
  fsm_name: 'customer_etl',
  unique_steps: 6,
  tree_steps: 6,
  detached_steps: 0,
  leaves: 1,
  max_depth: 6,
  status_counts: { completed: 6 },
  resource_calls: { database: 2 },
  chunks: 0,
  records: 0,
};
const ingest: ExpectedRun = {
  execution_id: 'ingest-0042',
  fsm_name: 'log_ingest',
  unique_steps: 15,
  tree_steps: 15,
  detached_steps: 0,
  leaves: 1,
  max_depth: 15,
  status_counts: { completed: 15 },
  resource_calls: { filesystem: 1, database: 1 },
  chunks: 12,
  records: 56873,
};

/** File name -> its runs in file order. */
export const EXPECTED: Readonly<Record<string, readonly ExpectedRun[]>> = {
  'advanced-open-run.json': [
    {
      execution_id: 'b1e2c3d4-0000-4000-8000-000000000001',
      fsm_name: 'order_workflow',
      unique_steps: 5,
      tree_steps: 5,
      detached_steps: 0,
      leaves: 1,
      max_depth: 5,
      status_counts: { completed: 4, in_progress: 1 },
      resource_calls: {},
      chunks: 0,
      records: 0,
    },
  ],
  'compressed-wrapper.json': [support],
  'direct-pruned.json': [
    {
      execution_id: 'loop-9',
      fsm_name: 'sensor_loop',
      unique_steps: 9,
      tree_steps: 5,
      detached_steps: 4,
      leaves: 1,
      max_depth: 5,
      status_counts: { completed: 9 },
      resource_calls: {},
      chunks: 0,
      records: 0,
    },
  ],
  'empty.json': [
    {
      execution_id: 'empty-1',
      fsm_name: 'noop',
      unique_steps: 0,
      tree_steps: 0,
      detached_steps: 0,
      leaves: 0,
      max_depth: 0,
      status_counts: {},
      resource_calls: {},
      chunks: 0,
      records: 0,
    },
  ],
  'etl-linear.json': [etl],
  'fanout-2k.json': [
    {
      execution_id: 'pipe-2k',
      fsm_name: 'enrichment_pipeline',
      unique_steps: 1809,
      tree_steps: 1809,
      detached_steps: 0,
      leaves: 620,
      max_depth: 5,
      status_counts: { completed: 1745, failed: 32, skipped: 32 },
      resource_calls: { http: 600, llm: 568, database: 568 },
      chunks: 568,
      records: 14091,
    },
  ],
  'file-storage-db.json': [etl, support, ingest],
  'llm-branching-roundtrip.json': [support],
  'llm-branching.json': [support],
  'orphan-step.json': [
    {
      execution_id: 'batch-17',
      fsm_name: 'batch_runner',
      unique_steps: 5,
      tree_steps: 4,
      detached_steps: 1,
      leaves: 3,
      max_depth: 2,
      status_counts: { completed: 4, in_progress: 1 },
      resource_calls: {},
      chunks: 0,
      records: 0,
    },
  ],
  'python-nan-metrics.json': [etl],
  'stream-direct.json': [ingest],
};
