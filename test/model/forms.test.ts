// Shapes of input files: what is fatal (the file cannot be used) and what is
// a warning (a field or step is skipped, the run is still shown). Every
// message names the file and the place.
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/model/types.ts';
import { failure, history, loadText, loadValue, okRuns, type Raw, step, zlibBase64 } from './helpers.ts';

const codes = (run: Run) => run.warnings.map((w) => w.code);
const messages = (run: Run) => run.warnings.map((w) => w.message);

describe('files that are not a history (fatal)', () => {
  it('a top-level array', async () => {
    const e = failure(await loadValue([history([[step('a', 'x')]])]));
    expect(e.kind).toBe('not-a-history');
    expect(e.message).toMatch(
      /^run\.json: top level is an array; expected a history object \{"summary", "paths", "mode_storage"\}/,
    );
  });

  it('a top-level scalar', async () => {
    for (const [v, type] of [
      [42, 'number'],
      ['text', 'string'],
      [null, 'null'],
      [true, 'boolean'],
    ] as const) {
      const e = failure(await loadValue(v));
      expect(e.kind).toBe('not-a-history');
      expect(e.message).toMatch(new RegExp(`^run\\.json: top level is ${type}; expected a history object`));
    }
  });

  it('a JSON object that is some other document', async () => {
    const e = failure(
      await loadValue({ name: 'my-package', version: '1.0.0', dependencies: {} }, 'package.json'),
    );
    expect(e.kind).toBe('not-a-history');
    expect(e.message).toMatch(
      /^package\.json: not an FSM execution history \(found keys "name", "version", "dependencies"\); expected a history object/,
    );
  });

  it('an empty object', async () => {
    const e = failure(await loadValue({}));
    expect(e.message).toMatch(/^run\.json: not an FSM execution history \(the object is empty\)/);
  });

  it('paths that is not an array', async () => {
    const h = history([[step('a', 'x')]]);
    h.paths = { a: 1 };
    const e = failure(await loadValue(h));
    expect(e.kind).toBe('invalid');
    expect(e.where).toBe('paths');
    expect(e.message).toBe('run.json: paths: expected an array of paths (arrays of steps), got object');
  });

  it('a compressed wrapper whose data is not base64 zlib', async () => {
    const e = failure(await loadValue({ compressed: true, data: 'bm90IHpsaWI=' }));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/^run\.json: data: could not decompress the compressed history/);
    const e2 = failure(await loadValue({ compressed: true, data: 12 }));
    expect(e2.message).toBe('run.json: data: expected a base64 string of zlib-compressed JSON, got number');
    const e3 = failure(await loadValue({ compressed: true, data: 'a*b' }));
    expect(e3.message).toBe(
      'run.json: data: could not decompress the compressed history (invalid base64 at character 2)',
    );
  });

  it('a compressed wrapper holding broken JSON names the place inside it', async () => {
    const e = failure(await loadValue({ compressed: true, data: await zlibBase64('{\n"summary": {,\n}') }));
    expect(e.kind).toBe('json-syntax');
    expect(e.message).toBe(
      "run.json: data (decompressed): line 2, column 13: expected a property name in double quotes, found ','",
    );
  });
});

describe('wrong field types (warnings; the run still loads)', () => {
  it('summary fields of the wrong type are named and ignored', async () => {
    const h = history([[step('a', 'x')]], { summary: { total_steps: '12', tree_depth: 1.5, fsm_name: 7 } });
    const [run] = okRuns(await loadValue(h));
    expect(messages(run!)).toEqual([
      'run.json: summary.fsm_name: expected a string, got number',
      'run.json: summary.total_steps: expected a number, got string',
      'run.json: summary.tree_depth: expected a whole number, got number',
    ]);
    expect(codes(run!)).toEqual(['wrong-type', 'wrong-type', 'wrong-type']);
    expect(run!.producer!.totalSteps).toBeNull();
    expect(run!.fsmName).toBe('(unknown)');
    expect(run!.counts.uniqueSteps).toBe(1);
  });

  it('a summary that is not an object', async () => {
    const h = history([[step('a', 'x')]]);
    h.summary = 'done';
    const [run] = okRuns(await loadValue(h));
    expect(run!.producer).toBeNull();
    expect(messages(run!)).toEqual([
      "run.json: summary: expected an object, got string; the producer's counters are unknown",
    ]);
  });

  it('step fields of the wrong type fall back and are named', async () => {
    const s = step('b', 'x', {
      timestamp: 'yesterday',
      resource_usage: ['llm'],
      chunks_processed: '3',
      state_name: 5,
      error: { message: 'boom' },
    });
    const [run] = okRuns(await loadValue(history([[step('a', 'start'), s]])));
    expect(messages(run!)).toEqual([
      'run.json: paths[0][1].state_name: expected a string, got number',
      'run.json: paths[0][1].timestamp: expected a number, got string',
      'run.json: paths[0][1].resource_usage: expected an object, got array',
      'run.json: paths[0][1].error: expected a string or null, got object',
      'run.json: paths[0][1].chunks_processed: expected a number, got string',
    ]);
    const b = run!.steps[1]!;
    expect([b.stateName, b.timestamp, b.resourceUsage, b.chunksProcessed, b.error]).toEqual([
      '(missing)',
      null,
      {},
      0,
      null,
    ]);
    expect(run!.counts.maxDepth).toBe(2);
  });

  it('a path that is not an array is skipped with a warning', async () => {
    const h = history([[step('a', 'x')], [step('b', 'y')]]);
    (h.paths as unknown[])[1] = 'oops';
    const [run] = okRuns(await loadValue(h));
    expect(run!.tree.roots.map((i) => run!.steps[i]!.stepId)).toEqual(['a']);
    expect(run!.tree.detached.map((i) => run!.steps[i]!.stepId)).toEqual(['b']);
    expect(messages(run!)[0]).toBe(
      'run.json: paths[1]: expected an array of steps, got string; the path was skipped',
    );
  });

  it('mode_storage of the wrong type is a warning', async () => {
    const h = history([[step('a', 'x')]]);
    h.mode_storage = [1, 2];
    const [run] = okRuns(await loadValue(h));
    expect(messages(run!)).toEqual(['run.json: mode_storage: expected an object of step lists, got array']);
  });
});

describe('steps', () => {
  it('a step without step_id is skipped; its child is linked to the step before it', async () => {
    const bad = step('x', 'broken');
    delete bad.step_id;
    const [run] = okRuns(
      await loadValue(history([[step('a', 'start'), step('b', 'mid'), bad, step('d', 'end')]])),
    );
    expect(messages(run!)[0]).toBe(
      'run.json: paths[0][2]: step has no step_id; the step was skipped (the next step in this path is linked to the one before it)',
    );
    expect(codes(run!)).toContain('invalid-step');
    expect(run!.counts.uniqueSteps).toBe(3);
    const d = run!.steps.find((s) => s.stepId === 'd')!;
    expect(run!.steps[run!.tree.parent[d.index]!]!.stepId).toBe('b');
  });

  it('a step that is not an object, or has a numeric step_id, is skipped', async () => {
    const h = history([[step('a', 'x')]]);
    (h.paths as unknown[][])[0]!.push(7, { ...step('n', 'y'), step_id: 12 });
    const [run] = okRuns(await loadValue(h));
    expect(messages(run!).slice(0, 2)).toEqual([
      'run.json: paths[0][1]: expected a step object, got number; the step was skipped (the next step in this path is linked to the one before it)',
      'run.json: paths[0][2]: step_id: expected a string, got number; the step was skipped (the next step in this path is linked to the one before it)',
    ]);
    expect(run!.counts.uniqueSteps).toBe(1);
  });

  it('conflicting duplicates: same step_id, different content => warning, first copy kept', async () => {
    const a = step('a', 'start');
    const b1 = step('b', 'work', { status: 'failed', error: 'boom' });
    const b2 = { ...b1, status: 'completed', error: null };
    const h = history(
      [
        [a, b1],
        [a, b2, step('c', 'after')],
      ],
      {
        modeStorage: { copy: [a, b1, step('c', 'after')], reference: [], direct: [] },
      },
    );
    const [run] = okRuns(await loadValue(h));
    expect(messages(run!)).toContain(
      "run.json: paths[1][1]: step 'b' (work) differs from its first copy at paths[0][1]; kept the first",
    );
    const b = run!.steps.find((s) => s.stepId === 'b')!;
    expect([b.status, b.error]).toEqual(['failed', 'boom']);
    // c in mode_storage was built by a second call to step(), so it has another timestamp.
    expect(messages(run!)).toContain(
      "run.json: mode_storage.copy[2]: step 'c' (after) differs from its first copy at paths[1][2]; kept the first",
    );
    expect(codes(run!).filter((c) => c === 'conflicting-duplicate')).toHaveLength(2);
  });

  it('identical duplicates (including NaN) are silent', async () => {
    const a = step('a', 'start', { metrics: { r: 0.5 } });
    const text = JSON.stringify(
      history([
        [a, step('b', 'x')],
        [a, step('c', 'y')],
      ]),
    ).replaceAll('"r":0.5', '"r":NaN');
    const [run] = okRuns(await loadText(text));
    expect(codes(run!)).toEqual(['non-finite-number']);
    expect(run!.counts.uniqueSteps).toBe(3);
  });

  it('a later path giving a step another parent => parent-conflict, first parent kept', async () => {
    const a = step('a', 'start');
    const c = step('c', 'other');
    const b = step('b', 'shared');
    const [run] = okRuns(
      await loadValue(
        history([
          [a, b],
          [c, b],
        ]),
      ),
    );
    expect(codes(run!)).toEqual(['parent-conflict']);
    expect(messages(run!)[0]).toBe(
      "run.json: paths[1][1]: step 'b' (shared) follows 'c' (other) here but 'a' (start) in its first path; kept the first",
    );
    const bi = run!.steps.find((s) => s.stepId === 'b')!.index;
    expect(run!.steps[run!.tree.parent[bi]!]!.stepId).toBe('a');
    // Two roots, a and c; c is a leaf.
    expect(run!.tree.roots.map((i) => run!.steps[i]!.stepId)).toEqual(['a', 'c']);
    expect(run!.counts.leaves).toBe(2);
  });

  it('several roots are allowed and keep their first-seen order', async () => {
    const [run] = okRuns(await loadValue(history([[step('r1', 'a'), step('x', 'b')], [step('r2', 'a')]])));
    expect(run!.counts.roots).toBe(2);
    expect(run!.tree.roots.map((i) => run!.steps[i]!.stepId)).toEqual(['r1', 'r2']);
    expect([...run!.tree.preorder].map((i) => run!.steps[i]!.stepId)).toEqual(['r1', 'x', 'r2']);
    expect(codes(run!)).toEqual([]);
  });

  it('unknown status and data_mode values are reported and kept as written', async () => {
    const h = history([
      [step('a', 'x', { status: 'done' }), step('b', 'y', { status: 'done', data_mode: 'shared' })],
    ]);
    const [run] = okRuns(await loadValue(h));
    expect(run!.steps.map((s) => [s.status, s.dataMode])).toEqual([
      ['done', 'copy'],
      ['done', 'shared'],
    ]);
    expect(run!.counts.statusCounts).toEqual({ done: 2 });
    expect(messages(run!)).toEqual([
      "run.json: paths[0][0].status: unknown status 'done' on 2 steps (expected pending, in_progress, completed, failed or skipped); kept as written",
      "run.json: paths[0][1].data_mode: unknown data mode 'shared' on 1 step (expected copy, reference or direct); kept as written",
    ]);
  });

  it('durations: recorded, else end - start, else end - timestamp, else none', async () => {
    const h = history([
      [
        step('r', 'recorded'),
        step('s', 'end-start', { timestamp: 100, start_time: 101, end_time: 104, duration: null }),
        step('t', 'end-timestamp', { timestamp: 100, start_time: null, end_time: 102.5, duration: null }),
        step('n', 'none', {
          timestamp: 100,
          start_time: 100,
          end_time: null,
          duration: null,
          status: 'in_progress',
        }),
      ],
    ]);
    const [run] = okRuns(await loadValue(h));
    expect(run!.steps.map((s) => [s.durationSource, s.duration])).toEqual([
      ['recorded', 0.499],
      ['end-start', 3],
      ['end-timestamp', 2.5],
      ['none', null],
    ]);
    expect(messages(run!)).toEqual([
      'run.json: paths[0][1]: 2 steps have no recorded duration; their durations are approximate (end_time - start_time, or end_time - timestamp when start_time is null)',
    ]);
  });
});

describe('run-level checks', () => {
  it('an open run (end_time null) is flagged', async () => {
    const [run] = okRuns(
      await loadValue(history([[step('a', 'x')]], { summary: { end_time: null, duration: null } })),
    );
    expect(run!.open).toBe(true);
    expect(run!.endTime).toBeNull();
    expect(messages(run!)).toEqual([
      'run.json: summary.end_time: the run is still open (no end_time): its last steps may be unfinished and its totals may still grow',
    ]);
  });

  it("counter mismatches show the producer's number and ours", async () => {
    const h = history([[step('a', 'x'), step('b', 'y', { status: 'failed' })]], {
      summary: {
        total_steps: 3,
        failed_steps: 0,
        completed_steps: 3,
        tree_depth: 4,
        total_paths: 2,
        resource_usage: { llm: { total_calls: 1, total_duration: 2, steps: ['a'] } },
        stream_progress: { total_chunks: 5, total_records: 0, streams_processed: 1 },
      },
    });
    const [run] = okRuns(await loadValue(h));
    expect(codes(run!).every((c) => c === 'counter-mismatch')).toBe(true);
    expect(messages(run!)).toEqual([
      'run.json: summary.total_steps: the producer says 3, the distinct steps in the file number 2',
      "run.json: summary.failed_steps: the producer says 0, steps with status 'failed' number 1",
      'run.json: summary.completed_steps: the producer says 3, distinct steps minus failed and skipped give 1',
      'run.json: summary.tree_depth: the producer says 4, the deepest path in the tree has 2',
      'run.json: summary.total_paths: the producer says 2, the leaves of the tree number 1',
      "run.json: summary.resource_usage.llm.total_calls: the producer says 1, the steps in the tree use 'llm' 0 times",
      'run.json: summary.stream_progress.total_chunks: the producer says 5, the steps in the tree add up to 0 chunks',
    ]);
  });

  it('mode_storage-only steps in a direct-mode run mean a pruned tree', async () => {
    const old = step('old', 'poll', { data_mode: 'direct' });
    const a = step('a', 'poll', { data_mode: 'direct' });
    const h = history([[a]], {
      modeStorage: { copy: [], reference: [], direct: [old, a] },
      summary: { data_mode: 'direct', total_steps: 2, completed_steps: 2 },
    });
    const [run] = okRuns(await loadValue(h));
    expect(run!.pruned).toBe(true);
    expect(run!.steps.find((s) => s.stepId === 'old')!.detached).toBe(true);
    expect(codes(run!)).toEqual(['pruned-tree']);
  });
});

describe('storage forms', () => {
  const plain = () => history([[step('a', 'start'), step('b', 'end')]]);

  it('a history record with history_data as an object, a JSON string, or compressed', async () => {
    const record = (data: unknown): Raw => ({
      id: 'exec-9',
      execution_id: 'exec-9',
      fsm_name: 'from_record',
      record_type: 'history',
      history_data: data,
    });
    for (const data of [
      plain(),
      JSON.stringify(plain()),
      { compressed: true, data: await zlibBase64(JSON.stringify(plain())) },
    ]) {
      const [run] = okRuns(await loadValue(record(data), 'rec.json'));
      expect(run!.form).toBe('history-record');
      expect(run!.id).toBe('rec.json#0');
      expect(run!.counts.uniqueSteps).toBe(2);
      expect(run!.fsmName).toBe('test_fsm');
      expect(codes(run!)).toEqual([]);
    }
  });

  it('a history record whose history_data string is broken names line and column inside it', async () => {
    const e = failure(await loadValue({ record_type: 'history', history_data: '{"summary":\n  {"a": }' }));
    expect(e.kind).toBe('json-syntax');
    expect(e.message).toBe(
      "run.json: history_data (a JSON string): line 2, column 9: unexpected '}'; expected a JSON value",
    );
  });

  const field = (name: string, value: unknown) => ({ name, value, type: typeof value, metadata: {} });
  const dbRecord = (id: string, cols: Raw): Raw => ({
    fields: Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, field(k, v)])),
    id,
    metadata: {},
  });
  const stepRecord = (id: string, exec: string, data: Raw, parent: string | null): Raw =>
    dbRecord(id, {
      id,
      execution_id: exec,
      step_id: data.step_id,
      parent_id: parent,
      record_type: 'step',
      step_data: data,
    });

  it('step records are grouped by execution_id and linked by parent_id', async () => {
    const s1 = step('s1', 'start');
    const s2 = step('s2', 'work');
    const s3 = step('s3', 'work');
    const s4 = step('s4', 'done');
    const t1 = step('t1', 'lonely');
    const db = {
      r4: stepRecord('r4', 'run-A', s4, 's2'),
      r1: stepRecord('r1', 'run-A', s1, null),
      rt: stepRecord('rt', 'run-B', t1, 'nowhere'),
      r2: stepRecord('r2', 'run-A', s2, 's1'),
      // r3 carries its step_data as a JSON string.
      r3: stepRecord('r3', 'run-A', JSON.stringify(s3) as unknown as Raw, 's1'),
      h: dbRecord('h', {
        id: 'run-A',
        execution_id: 'run-A',
        fsm_name: 'step_fsm',
        record_type: 'history',
        history_data: plain(),
      }),
    };
    const runs = okRuns(await loadValue(db, 'db.json'));
    expect(runs.map((r) => [r.id, r.form, r.executionId, r.counts.uniqueSteps])).toEqual([
      ['db.json#0', 'file-storage', 'run-A', 4],
      ['db.json#1', 'file-storage', 'run-B', 1],
      ['db.json#2', 'file-storage', 'exec-1', 2],
    ]);
    const a = runs[0]!;
    expect(a.fsmName).toBe('step_fsm');
    expect(a.producer).toBeNull();
    expect([...a.tree.preorder].map((i) => a.steps[i]!.stepId)).toEqual(['s1', 's2', 's4', 's3']);
    expect(a.counts.maxDepth).toBe(3);
    expect(a.counts.leaves).toBe(2);
    expect(a.counts.paths).toBe(0);
    expect(a.steps[a.currentStep]!.stepId).toBe('s3');
    expect(codes(a)).toEqual([]);
    expect(a.open).toBe(false);
    const b = runs[1]!;
    expect(b.tree.detached).toEqual([0]);
    expect(b.fsmName).toBe('(unknown)');
    expect(messages(b)).toEqual([
      "db.json: [\"rt\"].fields.step_data.value: step 't1' (lonely) names parent 'nowhere', which is not in this run; shown as detached",
    ]);
  });

  it('a parent_id cycle among step records leaves those steps detached', async () => {
    const db = {
      a: stepRecord('a', 'X', step('sa', 'a'), 'sb'),
      b: stepRecord('b', 'X', step('sb', 'b'), 'sa'),
      c: stepRecord('c', 'X', step('sc', 'c'), null),
    };
    const [run] = okRuns(await loadValue(db));
    expect(run!.tree.roots.map((i) => run!.steps[i]!.stepId)).toEqual(['sc']);
    expect(run!.tree.detached.map((i) => run!.steps[i]!.stepId)).toEqual(['sa', 'sb']);
    expect(codes(run!)).toEqual(['unknown-parent', 'unknown-parent']);
    expect(messages(run!)[0]).toContain('is part of a parent_id cycle; shown as detached');
  });

  it('a bad record is skipped with a warning; the other runs load', async () => {
    const db = {
      good: dbRecord('good', { execution_id: 'e1', record_type: 'history', history_data: plain() }),
      bad: dbRecord('bad', { execution_id: 'e2', record_type: 'history', history_data: '{"summary": ' }),
      odd: dbRecord('odd', { record_type: 'audit' }),
      junk: 5,
    };
    const r = await loadValue(db, 'db.json');
    const runs = okRuns(r);
    expect(runs).toHaveLength(1);
    expect(r.ok && r.warnings?.map((w) => w.message)).toEqual([
      "db.json: [\"odd\"].fields.record_type: record_type 'audit', expected 'history' or 'step'; skipped",
      'db.json: ["junk"]: not a FileStorage record (no "fields" object); skipped',
      'db.json: ["bad"].fields.history_data.value (a JSON string): line 1, column 13: unexpected end of input (truncated JSON?); the record was skipped',
    ]);
    expect(codes(runs[0]!)).toEqual(['skipped-record', 'skipped-record', 'skipped-record']);
  });

  it('a FileStorage database without any usable record is fatal', async () => {
    const e = failure(await loadValue({ x: dbRecord('x', { record_type: 'audit' }) }, 'db.json'));
    expect(e.kind).toBe('not-a-history');
    expect(e.message).toBe(
      "db.json: no usable history or step records in this FileStorage database (1 record); first problem: [\"x\"].fields.record_type: record_type 'audit', expected 'history' or 'step'; skipped",
    );
  });
});
