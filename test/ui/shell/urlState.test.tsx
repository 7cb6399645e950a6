// @vitest-environment jsdom
// The page address: `?url=` loads files, the hash restores run, step and
// filters once the named run is there, and changes are written back with
// history.replaceState (no new history entries).
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uniqueRunId } from '../../../src/features/loading/uniqueRunId.ts';
import { fileNameForUrl, readStartupSources } from '../../../src/features/loading/urlSources.ts';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import { getRun } from '../../../src/store/runRegistry.ts';
import { findRuns, fixtureBytes, fixtureFile, openFiles, renderApp, resetAfterTest } from './helpers.tsx';

afterEach(() => {
  resetAfterTest();
  vi.unstubAllGlobals();
});

const FAILED_STEP = '6015bda4-4ee5-4197-a987-f4965908bed4';
const count = () => screen.getByText(/\d+ of [\d,]+ steps/);

describe('address helpers', () => {
  it('readStartupSources reads every ?url in order and ?sample', () => {
    expect(readStartupSources('?url=/a.json&url=&url=https%3A%2F%2Fx.org%2Fb.json&sample')).toEqual({
      urls: ['/a.json', 'https://x.org/b.json'],
      sample: true,
    });
    expect(readStartupSources('')).toEqual({ urls: [], sample: false });
  });

  it('fileNameForUrl prefers Content-Disposition, else the last path segment', () => {
    expect(fileNameForUrl('/__files/0', 'attachment; filename="run 1.json"')).toBe('run 1.json');
    expect(fileNameForUrl('/__files/0', "attachment; filename*=UTF-8''r%C3%BCn.json")).toBe('rün.json');
    expect(fileNameForUrl('https://h.org/dir/my%20run.json?x=1')).toBe('my run.json');
  });

  it('uniqueRunId suffixes taken ids with the first free number', () => {
    const taken = new Set(['a.json#0', 'a.json#0~2']);
    expect(uniqueRunId('b.json#0', (id) => taken.has(id))).toBe('b.json#0');
    expect(uniqueRunId('a.json#0', (id) => taken.has(id))).toBe('a.json#0~3');
  });
});

describe('?url=', () => {
  it('downloads each URL and loads it', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      return new Response(fixtureBytes(url.split('/').at(-1) ?? '') as Uint8Array<ArrayBuffer>);
    });
    renderApp('/?url=/data/llm-branching.json&url=/data/etl-linear.json');
    const items = await findRuns(2);
    expect(requested).toEqual(['/data/llm-branching.json', '/data/etl-linear.json']);
    expect(items[0]).toHaveTextContent('llm-branching.json');
    expect(items[1]).toHaveTextContent('customer_etl');
  });
});

describe('URL hash', () => {
  it('restores run, step and filters once the named run is loaded', async () => {
    const { user } = renderApp(`/#run=llm-branching.json%230&step=${FAILED_STEP}&status=failed&hide=1`);
    // another file first: the hash waits for its run
    await openFiles(user, [fixtureFile('etl-linear.json')]);
    await findRuns(1);
    expect(window.location.hash).toContain('run=llm-branching.json%230');
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(2);
    await waitFor(() => expect(useExplorerStore.getState().activeRunId).toBe('llm-branching.json#0'));
    const s = useExplorerStore.getState();
    expect(getRun(s.activeRunId)?.steps[s.selectedStep]?.stepId).toBe(FAILED_STEP);
    expect(count()).toHaveTextContent('1 of 10 steps');
    expect(screen.getByRole('checkbox', { name: 'Hide non-matching' })).toBeChecked();
  });

  it('writes changes back with replaceState, adding no history entries', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    await waitFor(() => expect(window.location.hash).toBe('#run=llm-branching.json%230'));
    const entries = window.history.length;
    await user.type(screen.getByRole('combobox', { name: 'Filter by state' }), 'draft');
    await user.click(screen.getByRole('button', { name: 'Failed only' }));
    useExplorerStore.getState().selectStep(1);
    const stepId = getRun('llm-branching.json#0')?.steps[1]?.stepId ?? '';
    await waitFor(() =>
      expect(window.location.hash).toBe(
        `#run=llm-branching.json%230&step=${encodeURIComponent(stepId)}&state=draft&status=failed`,
      ),
    );
    expect(window.history.length).toBe(entries);
  });

  it('a hand-edited hash is applied', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    window.location.hash = '#run=llm-branching.json%230&state=draft';
    await waitFor(() => expect(count()).toHaveTextContent('2 of 10 steps'));
    expect(screen.getByRole('combobox', { name: 'Filter by state' })).toHaveValue('draft');
  });
});
