// Hand-made Run objects for the panel tests (see test/helpers/handRun.ts).
import type { Run } from '../../../src/model/types.ts';
import { handRun, type StepSpec } from '../../helpers/handRun.ts';

export type { StepSpec };

export function makeRun(specs: readonly StepSpec[], extra: Partial<Run> = {}): Run {
  return handRun(specs, 'test.json#0', extra);
}
