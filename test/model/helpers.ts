// Builders for hand-made producer files used by the model tests: a full
// producer step, a plain history, and loading from a JS value or raw text.
import { loadHistoryFile } from '../../src/model/loadFile.ts';
import type { FileLoadResult, LoadErrorInfo, Run } from '../../src/model/types.ts';

export type Raw = Record<string, unknown>;

let clock = 1758400000;

/** A step as ExecutionStep.to_dict() writes it; `extra` overrides fields. */
export function step(id: string, state: string, extra: Raw = {}): Raw {
  clock += 1;
  return {
    step_id: id,
    state_name: state,
    network_name: 'main',
    timestamp: clock,
    start_time: clock + 0.001,
    end_time: clock + 0.5,
    duration: 0.499,
    data_mode: 'copy',
    status: 'completed',
    arc_taken: null,
    error: null,
    metrics: {},
    resource_usage: {},
    stream_progress: null,
    chunks_processed: 0,
    records_processed: 0,
    ...extra,
  };
}

/** A plain to_dict() history with consistent summary counters unless overridden. */
export function history(
  paths: Raw[][],
  opts: { modeStorage?: Record<string, Raw[]>; summary?: Raw } = {},
): Raw {
  const unique = new Map<string, Raw>();
  for (const p of paths)
    for (const s of p) if (!unique.has(s.step_id as string)) unique.set(s.step_id as string, s);
  const storage = opts.modeStorage ?? { copy: [...unique.values()], reference: [], direct: [] };
  return {
    summary: {
      fsm_name: 'test_fsm',
      execution_id: 'exec-1',
      start_time: 1758400000,
      end_time: 1758409999,
      duration: 9999,
      total_steps: unique.size,
      failed_steps: 0,
      skipped_steps: 0,
      completed_steps: unique.size,
      data_mode: 'copy',
      tree_depth: Math.max(0, ...paths.map((p) => p.length)),
      total_paths: paths.length,
      resource_usage: {},
      stream_progress: { total_chunks: 0, total_records: 0, streams_processed: 0 },
      ...opts.summary,
    },
    paths,
    mode_storage: storage,
  };
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export async function loadText(text: string, name = 'run.json'): Promise<FileLoadResult> {
  return loadHistoryFile(encode(text), name);
}

export async function loadValue(value: unknown, name = 'run.json'): Promise<FileLoadResult> {
  return loadText(JSON.stringify(value), name);
}

export function okRuns(r: FileLoadResult): readonly Run[] {
  if (!r.ok) throw new Error(`expected the file to load, got: ${r.error.message}`);
  return r.runs;
}

export function failure(r: FileLoadResult): LoadErrorInfo {
  if (r.ok) throw new Error(`expected the file to fail, it loaded ${r.runs.length} run(s)`);
  return r.error;
}

export async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function zlibBase64(text: string): Promise<string> {
  const stream = new Blob([encode(text) as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return Buffer.from(await new Response(stream).arrayBuffer()).toString('base64');
}
