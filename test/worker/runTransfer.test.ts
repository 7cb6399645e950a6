// The packed form runs take from the load worker to the page (runTransfer.ts):
// runs packed in step parts, copied with their buffers transferred (as
// postMessage does) and put together again are deep-equal to the runs as
// loaded, for every fixture, through the worker handler's messages (a
// streamed run's steps sent before its tree is built), and for values JSON
// text cannot carry exactly (NaN, Infinity, -0, deep nesting).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadHistoryFile } from '../../src/model/loadFile.ts';
import type { FileLoadResult, Run } from '../../src/model/types.ts';
import { loadOne } from '../../src/worker/loadOne.ts';
import type { WorkerResponse } from '../../src/worker/messages.ts';
import { packRunHeader, packSteps, partBuffers, RunAssembler } from '../../src/worker/runTransfer.ts';
import { StepView } from '../../src/worker/stepViews.ts';
import { handleLoadRequest } from '../../src/worker/workerHandler.ts';
import { fixtureBytes } from './fixtures.ts';
import { plainRuns } from './plainRuns.ts';

const FIXTURES = readdirSync(fileURLToPath(new URL('../fixtures/', import.meta.url))).filter((f) =>
  f.endsWith('.json'),
);

function runsOf(result: FileLoadResult): readonly Run[] {
  return result.ok ? result.runs : [];
}

/** What the page gets: pack in parts, structured-clone each with its buffers transferred, put together. */
function throughTransfer(runs: readonly Run[], stepsPerPart: number): Run[] {
  const assembler = new RunAssembler();
  runs.forEach((run, k) => {
    for (let from = 0; from < run.steps.length; from += stepsPerPart) {
      const part = packSteps(run.steps, from, Math.min(run.steps.length, from + stepsPerPart));
      assembler.add(k, structuredClone(part, { transfer: partBuffers(part) }));
    }
  });
  const headers = runs.map((run) => {
    const { header, transfer } = packRunHeader(run);
    return structuredClone(header, { transfer });
  });
  return assembler.finish(headers);
}

/** The plain loader's runs: what every run that reaches the page must equal. */
async function plainLoaderRuns(name: string, data: Uint8Array): Promise<readonly Run[]> {
  return runsOf(await loadHistoryFile(data, name));
}

async function loadBoth(name: string, data: Uint8Array): Promise<[readonly Run[], readonly Run[]]> {
  const expected = await plainLoaderRuns(name, data);
  const sent = runsOf(await loadOne({ name, data }));
  return [expected, sent];
}

describe('runs sent through the transfer encoding', () => {
  it.each(FIXTURES)('%s arrives deep-equal to the loaded runs', async (name) => {
    const [expected, sent] = await loadBoth(name, fixtureBytes(name));
    const arrived = throughTransfer(sent, 7);
    expect(plainRuns(arrived)).toEqual(expected);
    expect(arrived.map((r) => r.steps.length)).toEqual(expected.map((r) => r.steps.length));
  });

  /** The messages the worker handler posts for one load, each structured-cloned with its buffers transferred. */
  async function throughHandler(
    name: string,
    data: Uint8Array,
    stepsPerPart: number,
  ): Promise<WorkerResponse[]> {
    const messages: WorkerResponse[] = [];
    await handleLoadRequest(
      { type: 'load', id: 4, name, data },
      (m, transfer) => {
        messages.push(structuredClone(m, { transfer: (transfer ?? []) as Transferable[] }));
      },
      { stepsPerPart },
    );
    return messages;
  }

  /** What loadClient does, 'steps-reset' included. */
  function assembleWithReset(messages: readonly WorkerResponse[]): Run[] {
    const last = messages.map((m) => m.type).lastIndexOf('steps-reset');
    return assemble(messages.slice(last + 1));
  }

  function assemble(messages: readonly WorkerResponse[]): Run[] {
    const assembler = new RunAssembler();
    let runs: Run[] = [];
    for (const m of messages) {
      if (m.type === 'steps') assembler.add(m.run, m.part);
      if (m.type === 'packed-result') runs = assembler.finish(m.result.runs);
    }
    return runs;
  }

  it.each(FIXTURES)(
    '%s arrives deep-equal through the worker handler, in parts before the result',
    async (name) => {
      const data = fixtureBytes(name);
      const expected = await plainLoaderRuns(name, data);
      const messages = await throughHandler(name, data, 2);
      const types = messages.map((m) => m.type).filter((t) => t !== 'progress');
      expect(types.at(-1)).toBe('packed-result');
      expect(expected.length).toBeGreaterThan(0);
      expect(types.filter((t) => t === 'steps').length).toBe(
        expected.reduce((n, r) => n + Math.ceil(r.steps.length / 2), 0),
      );
      expect(plainRuns(assemble(messages))).toEqual(expected);
    },
  );

  it("sends a streamed run's steps while the file is read, in whole parts, the rest after", async () => {
    const name = 'fanout-2k.json';
    const data = fixtureBytes(name);
    const expected = await plainLoaderRuns(name, data);
    const messages = await throughHandler(name, data, 100);
    const types = messages.map((m) => m.type);
    // Parts came between progress reports, not only after the last one.
    expect(types.indexOf('steps')).toBeLessThan(types.lastIndexOf('progress'));
    const sizes = messages.flatMap((m) => (m.type === 'steps' ? [m.part.count] : []));
    expect(sizes.slice(0, -1).every((n) => n === 100)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1809);
    expect(plainRuns(assemble(messages))).toEqual(expected);
  });

  it('drops the parts sent when the plain loader takes the file over after them', async () => {
    // A top-level key the streaming loader does not know, after all the steps: it hands the
    // file to the plain loader, whose run the page must get, not the parts streamed before.
    const text = new TextDecoder().decode(fixtureBytes('fanout-2k.json')).trimEnd();
    const name = 'extra-key.json';
    const data = new TextEncoder().encode(`${text.slice(0, -1)}, "extra": {"note": "x"}}`);
    const expected = await plainLoaderRuns(name, data);
    expect(expected).toHaveLength(1);
    const messages = await throughHandler(name, data, 100);
    const types = messages.map((m) => m.type);
    const reset = types.indexOf('steps-reset');
    expect(reset).toBeGreaterThan(types.indexOf('steps'));
    expect(types.lastIndexOf('steps')).toBeGreaterThan(reset);
    const afterReset = messages.slice(reset).flatMap((m) => (m.type === 'steps' ? [m.part.count] : []));
    expect(afterReset.reduce((a, b) => a + b, 0)).toBe(expected[0]!.steps.length);
    expect(plainRuns(assembleWithReset(messages))).toEqual(expected);
  });

  it("sends a streamed run's steps before its tree is built, and the page marks the detached ones", async () => {
    const name = 'direct-pruned.json';
    const data = fixtureBytes(name);
    const expected = await plainLoaderRuns(name, data);
    const detached = expected[0]?.tree.detached ?? [];
    expect(detached.length).toBeGreaterThan(0);
    const messages = await throughHandler(name, data, 3);
    // Packed before the tree was built: no part knows yet which steps are detached.
    const flagged = messages.flatMap((m) =>
      m.type === 'steps' ? [...m.part.flags].filter((f) => (f & (1 << 5)) !== 0) : [],
    );
    expect(flagged).toEqual([]);
    const runs = assemble(messages);
    expect(plainRuns(runs)).toEqual(expected);
    expect(detached.every((i) => runs[0]?.steps[i]?.detached === true)).toBe(true);
  });

  it('refuses to put a run together when a part is missing', async () => {
    const [, sent] = await loadBoth('etl-linear.json', fixtureBytes('etl-linear.json'));
    const run = sent[0] as Run;
    const assembler = new RunAssembler();
    assembler.add(0, packSteps(run.steps, 0, 2));
    expect(() => assembler.finish([packRunHeader(run).header])).toThrow(/2 of \d+ steps arrived/);
  });

  it('keeps NaN, Infinity, -0 and deeply nested metrics exactly', async () => {
    let deep = '0';
    for (let i = 0; i < 400; i++) deep = `{"d": ${deep}}`;
    const step = (id: string, metrics: string, extra = '') =>
      `{"step_id": "${id}", "state_name": "s${id}", "status": "completed", "data_mode": "copy", ` +
      `"timestamp": 1.5, "start_time": null, "end_time": -0.0, "metrics": ${metrics}${extra}}`;
    const text =
      '{"summary": {"fsm_name": "f", "execution_id": "e", "total_steps": 4}, "paths": [[' +
      [
        step('a', '{"x": NaN, "y": [Infinity, -Infinity]}'),
        step('b', '{"z": -0.0}', ', "resource_usage": {"llm": {"duration": -0.0}}'),
        step('c', deep),
        step('d', '{"plain": [1, "two", true, null]}', ', "stream_progress": {"chunks": 3}, "error": "boom"'),
      ].join(', ') +
      ']]}';
    const data = new TextEncoder().encode(text);
    const [expected, sent] = await loadBoth('odd.json', data);
    expect(expected).toHaveLength(1);
    const arrived = throughTransfer(sent, 3);
    expect(plainRuns(arrived)).toEqual(expected);
    const steps = arrived[0]?.steps ?? [];
    const metricsOf = (i: number) => steps[i]?.metrics as { x?: number; z?: number } | undefined;
    expect(Number.isNaN(metricsOf(0)?.x)).toBe(true);
    expect(Object.is(metricsOf(1)?.z, -0)).toBe(true);
    expect(Object.is(steps[1]?.endTime, -0)).toBe(true);
    expect(steps[3]?.error).toBe('boom');
    expect(steps[2]?.startTime).toBeNull();
  });

  it('carries JSON fields of every kind as the file wrote them (steps the scanner read)', async () => {
    const values = ['"text"', '"esc\\"aped\\n"', '5', '-0.0', 'true', 'null', '[1, {"a": "\u00e9"}]', '{}'];
    const steps = values.map(
      (v, k) =>
        `{"step_id": "s${k}", "state_name": "st", "status": "completed", "metrics": ${v}, "stream_progress": ${v}}`,
    );
    steps.push('{"step_id": "bare", "state_name": "st", "status": "completed"}');
    const text = `{"summary": {"fsm_name": "f", "execution_id": "e"}, "paths": [[${steps.join(', ')}]]}`;
    const data = new TextEncoder().encode(text);
    const [expected, sent] = await loadBoth('kinds.json', data);
    expect(expected).toHaveLength(1);
    const arrived = throughTransfer(sent, 4);
    expect(plainRuns(arrived)).toEqual(expected);
    expect(arrived[0]?.steps.map((s) => s.streamProgress)).toEqual(
      expected[0]?.steps.map((s) => s.streamProgress),
    );
    expect(Object.is(arrived[0]?.steps[3]?.metrics, -0)).toBe(true);
  });

  it("keeps a part's columns on the page and parses its JSON fields once, when first asked for", async () => {
    const [expected, sent] = await loadBoth('llm-branching.json', fixtureBytes('llm-branching.json'));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const arrived = throughTransfer(sent, 4);
      const steps = arrived[0]?.steps ?? [];
      const want = expected[0]?.steps ?? [];
      expect(steps.length).toBe(want.length);
      expect(steps.every((s) => s instanceof StepView)).toBe(true);
      // Names, numbers and ids read from the columns: no JSON parsed yet.
      expect(steps.map((s) => [s.stepId, s.stateName, s.status, s.duration, s.source])).toEqual(
        want.map((s) => [s.stepId, s.stateName, s.status, s.duration, s.source]),
      );
      expect(parse).not.toHaveBeenCalled();
      // The first JSON field asked for parses its part's text (4 steps); the rest of the part reuse it.
      expect(steps[5]?.metrics).toEqual(want[5]?.metrics);
      expect(parse).toHaveBeenCalledTimes(1);
      expect(steps[4]?.resourceUsage).toEqual(want[4]?.resourceUsage);
      expect(steps[7]?.streamProgress).toEqual(want[7]?.streamProgress);
      expect(steps[5]?.metrics).toBe(steps[5]?.metrics);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('gives a step view as a plain object to JSON.stringify', async () => {
    const [expected, sent] = await loadBoth('stream-direct.json', fixtureBytes('stream-direct.json'));
    const arrived = throughTransfer(sent, 5);
    const steps = arrived[0]?.steps ?? [];
    expect(steps.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(steps))).toEqual(JSON.parse(JSON.stringify(expected[0]?.steps)));
  });
});
