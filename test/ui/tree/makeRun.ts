// Test helper: builds a Run by hand from a short list of step specs (through
// test/helpers/handRun.ts), so the tree view and outline can be tested without
// the loader; also 10,000-deep chains.
import type { DurationSource, JsonObject, Run } from '../../../src/model/types.ts';
import { handRun } from '../../helpers/handRun.ts';

export interface StepSpec {
  readonly name: string;
  /** Index of the parent spec; -1 for a root; 'detached' for a step outside the tree. */
  readonly parent: number | 'detached';
  readonly status?: string;
  readonly mode?: string;
  readonly arc?: string | null;
  readonly duration?: number | null;
  readonly durationSource?: DurationSource;
  readonly resources?: JsonObject;
}

export function makeRun(specs: readonly StepSpec[], id = 'test.json#0'): Run {
  return handRun(
    specs.map((s) => ({
      state: s.name,
      ...(s.parent === 'detached'
        ? { parent: 'detached' as const }
        : s.parent >= 0
          ? { parent: s.parent }
          : {}),
      ...(s.status !== undefined ? { status: s.status } : {}),
      ...(s.mode !== undefined ? { dataMode: s.mode } : {}),
      ...(s.arc !== undefined ? { arc: s.arc } : {}),
      duration: s.duration === undefined ? 0.5 : s.duration,
      ...(s.durationSource !== undefined ? { durationSource: s.durationSource } : {}),
      ...(s.resources !== undefined ? { resources: s.resources } : {}),
    })),
    id,
  );
}

/** A chain of `n` steps, each the only child of the one before. */
export function chainRun(n: number): Run {
  const specs: StepSpec[] = [];
  for (let i = 0; i < n; i++) specs.push({ name: `s${i}`, parent: i - 1 });
  return makeRun(specs, `chain-${n}.json#0`);
}

/** One root with `fan` children, each with `fan` children (1 + fan + fan^2 steps). */
export function fanRun(fan: number): Run {
  const specs: StepSpec[] = [{ name: 'root', parent: -1 }];
  for (let a = 0; a < fan; a++) {
    const ai = specs.length;
    specs.push({ name: `branch_${a}`, parent: 0, arc: 'go' });
    for (let b = 0; b < fan; b++)
      specs.push({ name: `leaf_${a}_${b}`, parent: ai, status: b % 3 ? 'completed' : 'failed' });
  }
  return makeRun(specs, `fan-${fan}.json#0`);
}

/**
 * The shape of llm-branching.json: receive -> classify -> (retrieve -> rank ->
 * draft (failed) | draft -> policy -> (escalate skipped | respond)) | faq (skipped).
 */
export function branchingRun(): Run {
  return makeRun([
    { name: 'receive_message', parent: -1, arc: 'classify', mode: 'reference' },
    { name: 'classify_intent', parent: 0, arc: 'retrieve', mode: 'reference' },
    {
      name: 'retrieve_context',
      parent: 1,
      arc: 'rank',
      mode: 'reference',
      resources: { vector_store: { duration: 0.31 } },
    },
    {
      name: 'rank_passages',
      parent: 2,
      arc: 'draft',
      mode: 'reference',
      resources: { llm: { duration: 1 } },
    },
    {
      name: 'draft_answer',
      parent: 3,
      status: 'failed',
      mode: 'reference',
      resources: { llm: { duration: 2 } },
    },
    { name: 'draft_answer', parent: 3, arc: 'check', mode: 'reference', resources: { llm: { duration: 2 } } },
    { name: 'policy_check', parent: 5, arc: 'respond', mode: 'reference' },
    { name: 'escalate_to_human', parent: 6, status: 'skipped', mode: 'reference', duration: null },
    { name: 'respond', parent: 6, arc: 'done', mode: 'reference', durationSource: 'end-start' },
    { name: 'faq_lookup', parent: 1, status: 'skipped', mode: 'reference', duration: null },
  ]);
}
