// "Step details": everything about the selected step (store.selectedStep of the
// active run): its fields, error, metrics and resource usage as JSON trees, and
// navigation to its ancestors and sibling branches.

import { useExplorerStore } from '../../store/explorerStore.ts';
import { useActiveRun } from '../../store/selectors.ts';
import { JsonTree } from '../shared-ui/JsonTree.tsx';
import { EmptyState, Panel } from '../shared-ui/Panel.tsx';
import { StepError } from './StepError.tsx';
import { StepFields } from './StepFields.tsx';
import { StepNavigation } from './StepNavigation.tsx';

const LABEL = 'Step details';

export function StepDetailsPanel() {
  const run = useActiveRun();
  const selected = useExplorerStore((s) => s.selectedStep);
  const selectStep = useExplorerStore((s) => s.selectStep);

  if (!run) {
    return (
      <Panel label={LABEL}>
        <EmptyState>No run loaded yet. Open a history file (or a sample) to see its steps here.</EmptyState>
      </Panel>
    );
  }
  const step = run.steps[selected];
  if (!step) {
    return (
      <Panel label={LABEL}>
        <EmptyState>
          {run.steps.length === 0
            ? 'This run has no steps.'
            : 'No step selected. Choose a step in the tree, the outline or the Steps table to see its details.'}
        </EmptyState>
      </Panel>
    );
  }
  const treeKey = `${run.id}:${step.index}`;
  return (
    <Panel label={LABEL}>
      <h3 className="details-section">
        {step.stateName} <span className={`status-${step.status}`}>({step.status})</span>
      </h3>
      <StepNavigation run={run} index={step.index} onSelect={selectStep} />
      {step.error != null && <StepError error={step.error} />}
      <StepFields run={run} step={step} />
      <h3 className="details-section">Metrics</h3>
      <JsonTree
        key={`${treeKey}:metrics`}
        value={step.metrics}
        label="Metrics"
        emptyText="No metrics recorded."
      />
      <h3 className="details-section">Resources used</h3>
      <JsonTree
        key={`${treeKey}:resources`}
        value={step.resourceUsage}
        label="Resources used"
        emptyText="No resource usage recorded."
      />
    </Panel>
  );
}
