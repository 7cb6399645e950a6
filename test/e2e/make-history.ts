// Builds small history files in the producer's plain form
// (ExecutionHistory.to_dict(): summary, paths, mode_storage) for cases no real
// fixture covers: markup in state names, mixed data modes.

export interface StepSpec {
  readonly id: string;
  readonly state: string;
  /** step_id of the parent; omitted for the root. */
  readonly parent?: string;
  readonly status?: 'pending' | 'in_progress' | 'completed' | 'failed' | 'skipped';
  readonly mode?: 'copy' | 'reference' | 'direct';
  readonly network?: string;
  readonly error?: string | null;
}

export interface HistorySpec {
  readonly fsmName: string;
  readonly executionId: string;
  readonly dataMode?: 'copy' | 'reference' | 'direct';
  /** Parents before children. */
  readonly steps: readonly StepSpec[];
}

/** The plain producer form of the run described by `spec`, as JSON text. */
export function makeHistory(spec: HistorySpec): string {
  const t0 = 1758400000;
  const steps = spec.steps.map((s, i) => ({
    step_id: s.id,
    state_name: s.state,
    network_name: s.network ?? 'main',
    timestamp: t0 + i,
    start_time: t0 + i + 0.001,
    end_time: t0 + i + 0.5,
    duration: 0.499,
    data_mode: s.mode ?? spec.dataMode ?? 'copy',
    status: s.status ?? 'completed',
    arc_taken: null,
    error: s.error ?? null,
    metrics: {},
    resource_usage: {},
    stream_progress: null,
    chunks_processed: 0,
    records_processed: 0,
  }));
  const byId = new Map(steps.map((s) => [s.step_id, s]));
  const parentOf = new Map(spec.steps.map((s) => [s.id, s.parent]));
  const hasChild = new Set(spec.steps.map((s) => s.parent).filter((p) => p !== undefined));
  // One path per leaf, root first (walked with a loop, leaf to root).
  const paths = spec.steps
    .filter((s) => !hasChild.has(s.id))
    .map((leaf) => {
      const chain = [];
      let id: string | undefined = leaf.id;
      while (id !== undefined) {
        chain.unshift(byId.get(id));
        id = parentOf.get(id);
      }
      return chain;
    });
  const modeStorage: Record<string, unknown[]> = { copy: [], reference: [], direct: [] };
  for (const s of steps) modeStorage[s.data_mode]?.push(s);
  const failed = steps.filter((s) => s.status === 'failed').length;
  const skipped = steps.filter((s) => s.status === 'skipped').length;
  return JSON.stringify({
    summary: {
      fsm_name: spec.fsmName,
      execution_id: spec.executionId,
      start_time: t0,
      end_time: t0 + steps.length,
      duration: steps.length,
      total_steps: steps.length,
      failed_steps: failed,
      skipped_steps: skipped,
      completed_steps: steps.length - failed - skipped,
      data_mode: spec.dataMode ?? 'copy',
      tree_depth: Math.max(0, ...paths.map((p) => p.length)),
      total_paths: paths.length,
      resource_usage: {},
      stream_progress: { total_chunks: 0, total_records: 0, streams_processed: 0 },
    },
    paths,
    mode_storage: modeStorage,
  });
}
