// The top bar: product name, the ways to open files, the view switch (once a
// store is open), load progress and theme.
import { LoadProgressBar } from '../features/loading/LoadProgressBar.tsx';
import { OpenFilesButton } from '../features/loading/OpenFilesButton.tsx';
import { PasteJsonButton } from '../features/loading/PasteJson.tsx';
import { SampleButton } from '../features/loading/SampleButton.tsx';
import { ViewSwitch } from '../features/run-browser/ViewSwitch.tsx';
import { ThemeButton } from './ThemeButton.tsx';

export function Header({ hasRuns }: { hasRuns: boolean }) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand__name">FSM History Explorer</span>
      </div>
      <div className="app-header__actions">
        <OpenFilesButton className="btn btn--primary" />
        <PasteJsonButton className="btn" />
        {/* The empty state has its own sample button; one at a time keeps the name unique. */}
        {hasRuns && <SampleButton className="btn" />}
      </div>
      <ViewSwitch />
      <div className="app-header__status">
        <LoadProgressBar />
      </div>
      <ThemeButton />
    </header>
  );
}
