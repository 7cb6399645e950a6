// The generated run's tree and step contents: a seeded enrichment pipeline
// with fan-out (paths 5 to 8 steps deep) or a plain chain. Nodes are created in
// execution order (pre-order), which is also mode_storage order; each step is
// serialised once (Python's json.dumps form) and reused for every path it is in.
import { Prng } from './prng.ts';
import { PyFloat, type PyValue, pyDumps } from './pyjson.ts';

export type RunShape = 'fanout' | 'chain';

export interface ShapeOptions {
  readonly steps: number;
  readonly seed: number;
  readonly shape: RunShape;
  /** json.dumps indent (2 for indent=2), or null for the default one-line form. */
  readonly indent: number | null;
}

export interface ResourceTotals {
  calls: number;
  duration: number;
  readonly steps: string[];
}

/** A generated run: tree links, serialised steps, and the producer's counters. */
export interface GeneratedTree {
  readonly ids: string[];
  readonly parent: Int32Array;
  readonly isLeaf: Uint8Array;
  /** Each step serialised at the nesting level it has in paths and mode_storage (3). */
  readonly text: string[];
  readonly summary: { [key: string]: PyValue };
}

const BASE_TIME = 1758400000.0;

const FETCH_ERRORS = [
  '503 Service Unavailable from enrichment API',
  '429 Too Many Requests: retry after 30s',
  "HTTPSConnectionPool(host='records.internal', port=443): Read timed out. (read timeout=10)",
  '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
];
const ENRICH_ERRORS = [
  'Traceback (most recent call last):\n  File "pipeline/enrich.py", line 88, in run\n    score = float(payload["score"])\nValueError: could not convert string to float: \'N/A\'',
  'LLM response was not valid JSON: "Sure! Here is the summary: {\\"title\\": ..." (truncated)',
  'Address "Z\u00fcrich Hauptbahnhof" could not be geocoded \u2014 provider returned 0 results',
];
const EMBED_ERRORS = [
  'vector dimension mismatch: expected 768, got 1536',
  'chunk too large: 9214 tokens > 8192',
];

interface StepDraft {
  state: string;
  network: string;
  status: 'completed' | 'failed' | 'skipped';
  work: number;
  error: string | null;
  metrics: { [key: string]: PyValue };
  resources: { [key: string]: { [key: string]: PyValue } };
  streamProgress: PyValue;
  chunks: number;
  records: number;
}

function draft(state: string, network: string, work: number): StepDraft {
  return {
    state,
    network,
    status: 'completed',
    work,
    error: null,
    metrics: {},
    resources: {},
    streamProgress: null,
    chunks: 0,
    records: 0,
  };
}

/** Builds the whole tree in memory (compact: ids, links and step texts) for `opts.steps` steps. */
export function buildTree(opts: ShapeOptions): GeneratedTree {
  const rng = new Prng(opts.seed);
  const n = opts.steps;
  const ids: string[] = [];
  const text: string[] = [];
  const parent = new Int32Array(n).fill(-1);
  const isLeaf = new Uint8Array(n).fill(1);
  const stateOf: string[] = [];
  const resourceTotals = new Map<string, ResourceTotals>();
  let failed = 0;
  let skipped = 0;
  let totalChunks = 0;
  let totalRecords = 0;
  let streams = 0;
  let clock = BASE_TIME + rng.int(0, 86400) + rng.next();
  const startTime = clock;
  const depth = new Int32Array(n);
  let maxDepth = 0;

  const full = (): boolean => ids.length >= n;
  const add = (p: number, d: StepDraft): number => {
    const index = ids.length;
    const id = rng.uuid();
    ids.push(id);
    stateOf.push(d.state);
    parent[index] = p;
    if (p >= 0) {
      isLeaf[p] = 0;
      depth[index] = depth[p]! + 1;
    } else {
      depth[index] = 1;
    }
    if (depth[index]! > maxDepth) maxDepth = depth[index]!;
    if (d.status === 'failed') failed++;
    if (d.status === 'skipped') skipped++;
    totalChunks += d.chunks;
    totalRecords += d.records;
    if (d.streamProgress !== null) streams++;
    for (const [type, usage] of Object.entries(d.resources)) {
      let t = resourceTotals.get(type);
      if (t === undefined) {
        t = { calls: 0, duration: 0, steps: [] };
        resourceTotals.set(type, t);
      }
      t.calls++;
      const dur = usage.duration;
      if (dur instanceof PyFloat) t.duration += dur.value;
      t.steps.push(id);
    }
    const timestamp = clock;
    const start = timestamp + 0.001;
    const end = d.status === 'skipped' ? start : start + d.work;
    clock = end;
    const step: { [key: string]: PyValue } = {
      step_id: id,
      state_name: d.state,
      network_name: d.network,
      timestamp: new PyFloat(timestamp),
      start_time: new PyFloat(start),
      end_time: new PyFloat(end),
      duration: new PyFloat(end - start),
      data_mode: 'copy',
      status: d.status,
      arc_taken: null,
      error: d.error,
      metrics: d.metrics,
      resource_usage: d.resources,
      stream_progress: d.streamProgress,
      chunks_processed: d.chunks,
      records_processed: d.records,
    };
    text.push(pyDumps(step, opts.indent, 3));
    return index;
  };
  // arc_taken names the state the run moved to next; patched in once the first child exists.
  const arcs = new Map<number, string>();
  const child = (p: number, d: StepDraft): number => {
    if (p >= 0 && !arcs.has(p)) arcs.set(p, d.state);
    return add(p, d);
  };

  const usage = (lo: number, hi: number): PyFloat => new PyFloat(lo + rng.next() * (hi - lo));

  if (opts.shape === 'chain') {
    const cycle = ['read_chunk', 'parse_records', 'validate', 'write_batch'];
    let p = -1;
    for (let i = 0; i < n; i++) {
      const state = cycle[i % cycle.length]!;
      const d = draft(state, 'main', 0.002 + rng.next() * 0.01);
      d.metrics = { chunk: Math.floor(i / cycle.length) };
      if (state === 'read_chunk') {
        d.streamProgress = { position: (i / cycle.length) * 65536 };
        d.chunks = 1;
        d.records = rng.int(50, 500);
        d.resources = { filesystem: { duration: usage(0.001, 0.005), bytes: 65536 } };
      } else if (state === 'write_batch') {
        d.resources = { database: { duration: usage(0.001, 0.008), rows: rng.int(50, 500) } };
      }
      p = child(p, d);
    }
  } else {
    const root = child(-1, {
      ...draft('receive_job', 'main', 0.01),
      metrics: { job_id: `job-${opts.seed}` },
    });
    const planDraft = draft('plan', 'main', 0.8);
    planDraft.resources = {
      llm: {
        duration: usage(0.4, 1.2),
        prompt_tokens: rng.int(900, 2000),
        completion_tokens: rng.int(80, 300),
      },
    };
    planDraft.metrics = { estimated_records: n, strategy: 'fan-out' };
    const plan = full() ? -1 : child(root, planDraft);
    for (let batch = 0; !full(); batch++) {
      const bd = draft('dispatch_batch', 'main', 0.004);
      bd.metrics = { batch, priority: rng.pick(['low', 'normal', 'high']) };
      const b = child(plan, bd);
      const records = rng.int(20, 40);
      for (let r = 0; r < records && !full(); r++) {
        const fd = draft('fetch_record', 'worker', 0);
        const fetchFails = rng.chance(0.03);
        fd.resources = {
          http: { duration: usage(0.03, 0.4), status: fetchFails ? rng.pick([503, 500, 429]) : 200 },
        };
        fd.work = (fd.resources.http!.duration as PyFloat).value + 0.002;
        if (fetchFails) {
          fd.status = 'failed';
          fd.error = rng.pick(FETCH_ERRORS);
        }
        const f = child(b, fd);
        if (fetchFails) {
          if (full()) break;
          const sd = draft('skip_record', 'worker', 0);
          sd.status = 'skipped';
          sd.metrics = { skip_reason: 'upstream failure', reason: 'upstream failure' };
          child(f, sd);
          continue;
        }
        if (full()) break;
        const ed = draft('enrich', 'worker', 0);
        const enrichFails = rng.chance(0.015);
        const prompt = rng.int(300, 1800);
        ed.resources = {
          llm: {
            duration: usage(0.2, 2.5),
            prompt_tokens: prompt,
            completion_tokens: rng.int(20, 400),
            model: rng.pick(['gpt-4o-mini', 'claude-3-haiku', 'llama-3-8b']),
          },
        };
        ed.work = (ed.resources.llm!.duration as PyFloat).value + 0.003;
        ed.metrics = { tokens: prompt, cache: { hit: rng.chance(0.3), key: `r${batch}-${r}` } };
        if (enrichFails) {
          ed.status = 'failed';
          ed.error = rng.pick(ENRICH_ERRORS);
        }
        const e = child(f, ed);
        if (enrichFails || full()) continue;
        let before = e;
        if (rng.chance(0.5)) {
          const vd = draft('validate', 'worker', 0.002 + rng.next() * 0.01);
          vd.metrics = {
            checks: rng.int(3, 12),
            schema: { fields: rng.int(8, 30), missing: rng.chance(0.2) ? ['postcode'] : [] },
            warnings: rng.chance(0.1) ? ['score out of range, clamped to 1.0'] : [],
          };
          before = child(e, vd);
          if (full()) continue;
        }
        const chunks = rng.int(6, 20);
        const recs = rng.int(100, 5000);
        const sd = draft('split_chunks', 'embedding', 0);
        sd.resources = {
          filesystem: {
            duration: usage(0.005, 0.05),
            path: `s3://corpus/batch-${batch}/record-${r}.jsonl`,
            bytes: recs * rng.int(200, 900),
          },
        };
        sd.work = (sd.resources.filesystem!.duration as PyFloat).value + 0.001;
        sd.streamProgress = { position: recs };
        sd.chunks = chunks;
        sd.records = recs;
        const s = child(before, sd);
        for (let c = 0; c < chunks && !full(); c++) {
          const cd = draft('embed_chunk', 'embedding', 0);
          const embedFails = rng.chance(0.01);
          cd.resources = { vector_store: { duration: usage(0.01, 0.2), vectors: rng.int(8, 64) } };
          cd.work = (cd.resources.vector_store!.duration as PyFloat).value + 0.001;
          cd.metrics = { chunk: c, dims: 768 };
          cd.chunks = 1;
          cd.records = Math.max(1, Math.floor(recs / chunks));
          if (embedFails) {
            cd.status = 'failed';
            cd.error = rng.pick(EMBED_ERRORS);
          }
          child(s, cd);
        }
      }
      if (full()) break;
      const dd = draft('batch_done', 'main', 0.002);
      dd.metrics = { batch, records };
      const done = child(b, dd);
      if (full()) break;
      const rd = draft('batch_report', 'main', 0.005);
      rd.resources = { database: { duration: usage(0.005, 0.05), rows: records } };
      child(done, rd);
    }
  }

  // Patch arc_taken into the texts of steps that have children.
  const arcKey = '"arc_taken": null';
  for (const [index, arc] of arcs) {
    text[index] = text[index]!.replace(arcKey, `"arc_taken": ${JSON.stringify(arc)}`);
  }

  const endTime = clock;
  const resourceUsage: { [key: string]: PyValue } = {};
  for (const [type, t] of resourceTotals) {
    resourceUsage[type] = { total_calls: t.calls, total_duration: new PyFloat(t.duration), steps: t.steps };
  }
  let leaves = 0;
  for (let i = 0; i < ids.length; i++) leaves += isLeaf[i]!;
  const summary: { [key: string]: PyValue } = {
    fsm_name: opts.shape === 'chain' ? 'log_replay' : 'enrichment_pipeline',
    execution_id: `bench-${opts.shape}-${opts.steps}-${opts.seed}`,
    start_time: new PyFloat(startTime),
    end_time: new PyFloat(endTime),
    duration: new PyFloat(endTime - startTime),
    total_steps: ids.length,
    failed_steps: failed,
    skipped_steps: skipped,
    completed_steps: ids.length - failed - skipped,
    data_mode: 'copy',
    tree_depth: maxDepth,
    total_paths: leaves,
    resource_usage: resourceUsage,
    stream_progress: { total_chunks: totalChunks, total_records: totalRecords, streams_processed: streams },
  };
  return { ids, parent, isLeaf, text, summary };
}
