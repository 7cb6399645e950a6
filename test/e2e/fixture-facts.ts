// What a user must see for each real producer file in test/fixtures/: the runs
// it holds (state machine name, execution id, number of distinct steps), read
// off the files by hand. The end-to-end tests check the app against these.

export interface ExpectedRun {
  readonly fsmName: string;
  readonly executionId: string;
  /** Distinct steps (tree + detached), as the user should read it, e.g. "1,809". */
  readonly steps: string;
}

export const FIXTURE_RUNS: Readonly<Record<string, readonly ExpectedRun[]>> = {
  'advanced-open-run.json': [
    { fsmName: 'order_workflow', executionId: 'b1e2c3d4-0000-4000-8000-000000000001', steps: '5' },
  ],
  'compressed-wrapper.json': [{ fsmName: 'support_agent', executionId: 'conv-7f3a', steps: '10' }],
  // 5 steps in the pruned tree + 4 kept only in mode_storage.
  'direct-pruned.json': [{ fsmName: 'sensor_loop', executionId: 'loop-9', steps: '9' }],
  'empty.json': [{ fsmName: 'noop', executionId: 'empty-1', steps: '0' }],
  'etl-linear.json': [{ fsmName: 'customer_etl', executionId: 'etl-2025-09-20-001', steps: '6' }],
  // 620 paths repeat shared prefixes; 1,809 distinct step ids.
  'fanout-2k.json': [{ fsmName: 'enrichment_pipeline', executionId: 'pipe-2k', steps: '1,809' }],
  'file-storage-db.json': [
    { fsmName: 'customer_etl', executionId: 'etl-2025-09-20-001', steps: '6' },
    { fsmName: 'support_agent', executionId: 'conv-7f3a', steps: '10' },
    { fsmName: 'log_ingest', executionId: 'ingest-0042', steps: '15' },
  ],
  // mode_storage lists shared steps once per path (22 entries); still 10 distinct steps.
  'llm-branching-roundtrip.json': [{ fsmName: 'support_agent', executionId: 'conv-7f3a', steps: '10' }],
  'llm-branching.json': [{ fsmName: 'support_agent', executionId: 'conv-7f3a', steps: '10' }],
  // 4 steps in the tree + 1 added under an unknown parent.
  'orphan-step.json': [{ fsmName: 'batch_runner', executionId: 'batch-17', steps: '5' }],
  'python-nan-metrics.json': [{ fsmName: 'customer_etl', executionId: 'etl-2025-09-20-001', steps: '6' }],
  'stream-direct.json': [{ fsmName: 'log_ingest', executionId: 'ingest-0042', steps: '15' }],
};

/** Matches "<n> steps" (or "1 step") not preceded by another digit or comma. */
export function stepsPattern(steps: string): RegExp {
  return new RegExp(`(?<![\\d,])${steps} ${steps === '1' ? 'step' : 'steps'}\\b`);
}

/** llm-branching.json: a support agent whose first draft_answer timed out and was retried. */
export const LLM = {
  file: 'llm-branching.json',
  failedStepId: '6015bda4-4ee5-4197-a987-f4965908bed4',
  retryStepId: '1d121ee7-6d4b-440e-a4ba-5d3a5a51ebe0',
  error: 'LLM call timed out after 3.0s (provider=openai, attempt 1/3)',
  /** Outline items in pre-order (children in first-seen order), all expanded. */
  preorder: [
    'receive_message completed 10 ms',
    'classify_intent completed 700 ms',
    'retrieve_context completed 400 ms',
    'rank_passages completed 200 ms',
    'draft_answer failed 3.10 s',
    'draft_answer completed 2.20 s',
    'policy_check completed 500 ms',
    'escalate_to_human skipped 0 ms',
    'respond completed 50 ms',
    'faq_lookup skipped 80 ms',
  ],
} as const;
