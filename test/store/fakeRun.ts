// Test helper: a small hand-built Run (no loader involved) for store tests.
// Steps are given in pre-order with their parent index (-1 for a root);
// built by test/helpers/handRun.ts.
import type { Run } from '../../src/model/types.ts';
import { handRun } from '../helpers/handRun.ts';

export interface FakeStep {
  readonly stateName: string;
  readonly status?: string;
  readonly dataMode?: string;
  readonly networkName?: string;
  readonly parent?: number;
}

export function fakeRun(id: string, specs: readonly FakeStep[]): Run {
  return handRun(
    specs.map((s, i) => ({
      state: s.stateName,
      ...(s.parent !== undefined && s.parent >= 0 ? { parent: s.parent } : {}),
      ...(s.status !== undefined ? { status: s.status } : {}),
      ...(s.dataMode !== undefined ? { dataMode: s.dataMode } : {}),
      ...(s.networkName !== undefined ? { network: s.networkName } : {}),
      id: `${id}-step-${i}`,
      duration: 0.5,
    })),
    id,
    { fsmName: 'fake_fsm', executionId: `exec-${id}` },
  );
}
