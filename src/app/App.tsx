// The shell: composes the features into one screen. Header on top; below it a
// workspace one window tall: runs and the outline on the left; filters over
// the tree in the centre; run summary and step details on the right (the side
// columns resizable with splitters). The step table, then states, resources
// and streams, follow below it, reached by scrolling the page. With nothing
// loaded it shows a welcome instead. With a store open, the header switches
// between this and the run browser (a view of its own). Page-level behaviour (drop anywhere,
// paste, ?url/?sample, hash sync, preferences) is wired here.
import { type CSSProperties, useEffect } from 'react';
import { CompareView } from '../features/compare/CompareView.tsx';
import { FilterBar } from '../features/filters/FilterBar.tsx';
import { DropOverlay } from '../features/loading/DropOverlay.tsx';
import { LoadMessages } from '../features/loading/LoadMessages.tsx';
import { usePasteToLoad } from '../features/loading/PasteJson.tsx';
import { useStartupSources } from '../features/loading/useStartupSources.ts';
import { StepOutline } from '../features/outline/StepOutline.tsx';
import { ResourcePanel } from '../features/resources/ResourcePanel.tsx';
import { RunBrowser } from '../features/run-browser/RunBrowser.tsx';
import { RunList } from '../features/run-list/RunList.tsx';
import { RunSummaryPanel } from '../features/run-summary/RunSummaryPanel.tsx';
import { StatesPanel } from '../features/states/StatesPanel.tsx';
import { StepDetailsPanel } from '../features/step-details/StepDetailsPanel.tsx';
import { StepTablePanel } from '../features/step-table/StepTablePanel.tsx';
import { StreamPanel } from '../features/streams/StreamPanel.tsx';
import { DrawingSwitch } from '../features/timeline/DrawingSwitch.tsx';
import { TimelineView } from '../features/timeline/TimelineView.tsx';
import { TreeView } from '../features/tree-view/TreeView.tsx';
import { useBrowserStore } from '../store/browserStore.ts';
import { useExplorerStore } from '../store/explorerStore.ts';
import { ColumnSplitter } from './ColumnSplitter.tsx';
import { EmptyState } from './EmptyState.tsx';
import { Header } from './Header.tsx';
import { useColumnWidths } from './useColumnWidths.ts';
import { useHashSync } from './useHashSync.ts';
import { usePreferenceEffects } from './usePreferenceEffects.ts';
import './app.css';

export function App() {
  usePreferenceEffects();
  useHashSync();
  useStartupSources();
  usePasteToLoad();
  const hasRuns = useExplorerStore((s) => s.runIds.length > 0);
  const browsing = useBrowserStore((s) => s.view === 'browser' && s.shownStoreId !== null);
  const comparing = useBrowserStore((s) => s.view === 'compare');

  return (
    <div className="app">
      <Header hasRuns={hasRuns} />
      <LoadMessages />
      {browsing ? (
        <RunBrowser />
      ) : comparing && hasRuns ? (
        <CompareView />
      ) : hasRuns ? (
        <Workspace />
      ) : (
        <EmptyState />
      )}
      <DropOverlay />
    </div>
  );
}

/** The centre's drawing: the step tree or the timeline (DrawingSwitch). */
function Drawing() {
  const drawing = useExplorerStore((s) => s.drawing);
  return drawing === 'timeline' ? <TimelineView /> : <TreeView />;
}

function Workspace() {
  const { widths, limits, set } = useColumnWidths();
  useFocusOnArrival();
  const style = {
    '--left-w': `${widths.left}px`,
    '--right-w': `${widths.right}px`,
  } as CSSProperties;
  return (
    <main className="workspace" aria-label="Explorer" style={style}>
      <h1 className="visually-hidden">Explorer</h1>
      <div className="workspace__top">
        <div className="col col--left">
          <RunList />
          <div className="slot slot--outline">
            <StepOutline />
          </div>
        </div>
        <ColumnSplitter
          label="Width of the runs and outline column"
          value={widths.left}
          min={limits.left.min}
          max={limits.left.max}
          side="left"
          onChange={(w) => set('left', w)}
        />
        <div className="col col--centre">
          <FilterBar />
          <div className="drawing-bar">
            <DrawingSwitch />
          </div>
          <div className="slot slot--tree">
            <Drawing />
          </div>
        </div>
        <ColumnSplitter
          label="Width of the run summary and step details column"
          value={widths.right}
          min={limits.right.min}
          max={limits.right.max}
          side="right"
          onChange={(w) => set('right', w)}
        />
        <div className="col col--right">
          <div className="slot slot--summary">
            <RunSummaryPanel />
          </div>
          <div className="slot slot--details">
            <StepDetailsPanel />
          </div>
        </div>
      </div>
      <div className="bottom">
        <div className="slot slot--steps">
          <StepTablePanel />
        </div>
        <div className="slot slot--states">
          <StatesPanel />
        </div>
        <div className="slot slot--resources">
          <ResourcePanel />
        </div>
        <div className="slot slot--streams">
          <StreamPanel />
        </div>
      </div>
    </main>
  );
}

/**
 * When the workspace first shows, focus that was lost (on the welcome's
 * "Open a sample", gone with the welcome, or nowhere yet) goes to the step
 * tree's current item, not to the page's body. Focus the user put somewhere
 * (e.g. on "Open history files") stays there.
 */
function useFocusOnArrival(): void {
  useEffect(() => {
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    document.querySelector<HTMLElement>('[role="tree"][aria-label="Step tree"] [tabindex="0"]')?.focus();
  }, []);
}
