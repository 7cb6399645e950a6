// The packed form runs take from the load worker to the page (runTransfer.ts):
// a run packed, copied with its buffers transferred (as postMessage does) and
// unpacked is deep-equal to the run as loaded, for every fixture and for
// values JSON text cannot carry exactly (NaN, Infinity, -0, deep nesting).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FileLoadResult, Run } from '../../src/model/types.ts';
import { loadOne } from '../../src/worker/loadOne.ts';
import { packRun, unpackRun } from '../../src/worker/runTransfer.ts';
import { fixtureBytes } from './fixtures.ts';

const FIXTURES = readdirSync(fileURLToPath(new URL('../fixtures/', import.meta.url))).filter((f) =>
  f.endsWith('.json'),
);

function runsOf(result: FileLoadResult): readonly Run[] {
  return result.ok ? result.runs : [];
}

/** What the page gets: pack, structured-clone with the buffers transferred, unpack. */
function throughTransfer(run: Run): Run {
  const { packed, transfer } = packRun(run);
  return unpackRun(structuredClone(packed, { transfer }));
}

async function loadBoth(name: string, data: Uint8Array): Promise<[readonly Run[], readonly Run[]]> {
  // Two loads: transferring detaches the packed run's buffers.
  const expected = runsOf(await loadOne({ name, data }));
  const sent = runsOf(await loadOne({ name, data }));
  return [expected, sent];
}

describe('runs sent through the transfer encoding', () => {
  it.each(FIXTURES)('%s arrives deep-equal to the loaded run', async (name) => {
    const [expected, sent] = await loadBoth(name, fixtureBytes(name));
    expect(sent).toHaveLength(expected.length);
    for (let i = 0; i < sent.length; i++) {
      const arrived = throughTransfer(sent[i] as Run);
      expect(arrived).toEqual(expected[i]);
      expect(arrived.steps.length).toBe(expected[i]?.steps.length);
    }
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
    const arrived = throughTransfer(sent[0] as Run);
    expect(arrived).toEqual(expected[0]);
    const steps = arrived.steps;
    const metricsOf = (i: number) => steps[i]?.metrics as { x?: number; z?: number } | undefined;
    expect(Number.isNaN(metricsOf(0)?.x)).toBe(true);
    expect(Object.is(metricsOf(1)?.z, -0)).toBe(true);
    expect(Object.is(steps[1]?.endTime, -0)).toBe(true);
    expect(steps[3]?.error).toBe('boom');
    expect(steps[2]?.startTime).toBeNull();
  });
});
