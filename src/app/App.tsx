// The shell: composes the features. Placeholder layout until the shell lands.

import { StepOutline } from '../features/outline/StepOutline.tsx';
import { ResourcePanel } from '../features/resources/ResourcePanel.tsx';
import { RunSummaryPanel } from '../features/run-summary/RunSummaryPanel.tsx';
import { StatesPanel } from '../features/states/StatesPanel.tsx';
import { StepDetailsPanel } from '../features/step-details/StepDetailsPanel.tsx';
import { StepTablePanel } from '../features/step-table/StepTablePanel.tsx';
import { StreamPanel } from '../features/streams/StreamPanel.tsx';
import { TreeView } from '../features/tree-view/TreeView.tsx';

export function App() {
  return (
    <main>
      <h1>FSM History Explorer</h1>
      <StepOutline />
      <TreeView />
      <RunSummaryPanel />
      <StepDetailsPanel />
      <ResourcePanel />
      <StreamPanel />
      <StepTablePanel />
      <StatesPanel />
    </main>
  );
}
