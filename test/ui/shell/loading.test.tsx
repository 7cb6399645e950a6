// @vitest-environment jsdom
// Opening files: the empty state, the "Open history files" input, a bad file
// among good ones, the same file twice, pasted JSON and the built-in samples.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useExplorerStore } from '../../../src/store/explorerStore.ts';
import {
  fileInput,
  findRuns,
  fixtureBytes,
  fixtureFile,
  openFiles,
  renderApp,
  resetAfterTest,
  runsRegion,
  textFile,
} from './helpers.tsx';

afterEach(() => {
  resetAfterTest();
  vi.unstubAllGlobals();
});

describe('first visit', () => {
  it('welcomes with what to drop and one "Open a sample" button', () => {
    renderApp();
    expect(
      screen.getByRole('heading', { name: /see what your state machines actually did/i }),
    ).toBeInTheDocument();
    expect(screen.getByText(/drop/i, { selector: 'p' })).toHaveTextContent('execution-history files');
    expect(screen.getAllByRole('button', { name: 'Open a sample' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Open history files' })).toBeInTheDocument();
    // The file input behind the button is out of the tab order and the accessibility
    // tree: the button is the one control of that name.
    const input = screen.getByLabelText('Open history files');
    expect(input).toHaveAttribute('type', 'file');
    expect(input).toHaveAttribute('aria-hidden', 'true');
    expect(input).toHaveAttribute('tabindex', '-1');
    expect(screen.queryByRole('region', { name: 'Loaded runs' })).toBeNull();
  });
});

describe('Open history files', () => {
  it('lists each run with FSM name, execution id, file, steps and failed count', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json'), fixtureFile('stream-direct.json')]);
    const items = await findRuns(2);
    expect(items).toHaveLength(2);
    const [llm, stream] = items;
    expect(llm).toHaveTextContent('support_agent');
    expect(llm).toHaveTextContent('conv-7f3a');
    expect(llm).toHaveTextContent('llm-branching.json');
    expect(llm).toHaveTextContent('10 steps');
    expect(llm).toHaveTextContent('1 failed');
    expect(stream).toHaveTextContent('log_ingest');
    expect(stream).toHaveTextContent('15 steps');
    expect(stream).toHaveTextContent('0 failed');
    // the first run opened becomes the active one
    expect(within(llm!).getAllByRole('button')[0]).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent('support_agent');
  });

  it('a bad file among good ones gives an alert naming it; the good runs stay', async () => {
    const { user } = renderApp();
    await openFiles(user, [
      fixtureFile('llm-branching.json'),
      textFile('broken.json', '{\n  "summary": {\n    "fsm_name": "x"\n    "oops": 1\n  }\n}\n'),
      fixtureFile('etl-linear.json'),
    ]);
    const alert = await screen.findByRole('alert', {}, { timeout: 15000 });
    expect(alert).toHaveTextContent('broken.json');
    expect(alert).toHaveTextContent(/line 4/i);
    const items = await findRuns(2);
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('support_agent'),
      expect.stringContaining('customer_etl'),
    ]);

    // A later failure does not remove what is loaded either.
    await openFiles(user, [textFile('empty-file.json', '')]);
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    expect(within(runsRegion()).getAllByRole('listitem')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Dismiss error for broken.json' }));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveTextContent('empty-file.json');
  });

  it('the same file twice gives two runs: the second is tagged "2nd copy" apart from its id, the first is kept', async () => {
    const { user } = renderApp();
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await findRuns(1);
    await openFiles(user, [fixtureFile('llm-branching.json')]);
    await waitFor(() => expect(within(runsRegion()).getAllByRole('listitem')).toHaveLength(2));
    const ids = useExplorerStore.getState().runIds;
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids[1]).toBe(`${ids[0]}~2`);
    expect(screen.getByRole('button', { name: 'Close run conv-7f3a' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close run conv-7f3a (2nd copy)' })).toBeInTheDocument();
    // The id is shown as it is in the file; the copy is a tag of its own, on the name line.
    const [first, second] = within(runsRegion()).getAllByRole('listitem');
    expect(within(first!).getByText('conv-7f3a')).toHaveClass('run-item__id');
    expect(within(first!).queryByText(/copy/)).toBeNull();
    expect(within(second!).getByText('conv-7f3a')).toHaveClass('run-item__id');
    const tag = within(second!).getByText('2nd copy');
    expect(tag).toHaveClass('run-item__copy');
    expect(tag).toHaveAttribute(
      'title',
      'conv-7f3a is open already: this is its 2nd copy, from llm-branching.json',
    );
    expect(within(second!).queryByText(/\(2\)/)).toBeNull();
    // a later load shows what was just opened
    expect(useExplorerStore.getState().activeRunId).toBe(ids[1]);
  });
});

describe('Paste JSON', () => {
  it('loads the pasted text as "pasted.json"', async () => {
    const { user } = renderApp();
    const opener = screen.getByRole('button', { name: 'Paste JSON' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Paste JSON' });
    const area = within(dialog).getByRole('textbox', { name: 'History JSON' });
    expect(area).toHaveFocus();
    await user.click(area);
    await user.paste(new TextDecoder().decode(fixtureBytes('etl-linear.json')));
    await user.click(within(dialog).getByRole('button', { name: 'Load' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    const [item] = await findRuns(1);
    expect(item).toHaveTextContent('customer_etl');
    expect(item).toHaveTextContent('pasted.json');
  });

  it('Escape closes the dialog and gives focus back to its button', async () => {
    const { user } = renderApp();
    const opener = screen.getByRole('button', { name: 'Paste JSON' });
    await user.click(opener);
    expect(screen.getByRole('dialog', { name: 'Paste JSON' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
  });
});

describe('Open a sample', () => {
  it('fetches the built-in samples relative to the page and lists their runs', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      const name = url.split('/').at(-1) ?? '';
      return new Response(fixtureBytes(name) as Uint8Array<ArrayBuffer>, {
        headers: { 'content-type': 'application/json' },
      });
    });
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Open a sample' }));
    // 1 + 3 (the FileStorage database holds three runs) + 1 + 1
    await waitFor(() => expect(within(runsRegion()).getAllByRole('listitem')).toHaveLength(6), {
      timeout: 20000,
    });
    expect(requested.map((u) => new URL(u).pathname)).toEqual([
      '/samples/llm-branching.json',
      '/samples/file-storage-db.json',
      '/samples/stream-direct.json',
      '/samples/fanout-2k.json',
    ]);
    expect(runsRegion()).toHaveTextContent('1,809 steps');
    expect(screen.queryByRole('alert')).toBeNull();
    // once runs are loaded the header offers the samples (still one button of that name)
    expect(screen.getAllByRole('button', { name: 'Open a sample' })).toHaveLength(1);
  });

  it('moves the focus to the step tree once the samples arrive, not to the page body', async () => {
    vi.stubGlobal(
      'fetch',
      async (url: string) =>
        new Response(fixtureBytes(url.split('/').at(-1) ?? '') as Uint8Array<ArrayBuffer>, {
          headers: { 'content-type': 'application/json' },
        }),
    );
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Open a sample' }));
    // The welcome's button is gone with the welcome; focus lands on the tree's current item.
    const tree = await screen.findByRole('tree', { name: 'Step tree' }, { timeout: 20000 });
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    expect(document.activeElement).toHaveAttribute('role', 'treeitem');
    expect(tree).toContainElement(document.activeElement as HTMLElement);
    expect(document.activeElement).toHaveAccessibleName('receive_message completed 10 ms');
  });

  it('leaves the focus where the user put it when files arrive (on "Open history files")', async () => {
    renderApp();
    const button = screen.getByRole('button', { name: 'Open history files' });
    button.focus();
    // The file dialog's answer, as the browser gives it (focus back on the button).
    const input = fileInput();
    Object.defineProperty(input, 'files', { value: [fixtureFile('llm-branching.json')], configurable: true });
    fireEvent.change(input);
    await findRuns(1);
    expect(button).toHaveFocus();
  });

  it('a failed download is an alert naming the file', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404, statusText: 'Not Found' }));
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Open a sample' }));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(4));
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent(/llm-branching\.json.*HTTP 404/);
  });
});

describe('progress and Cancel', () => {
  it('a slow load shows a named progress bar; Cancel stops it and keeps what already loaded', async () => {
    // etl-linear.json arrives at once; fanout-2k.json never does (until cancelled).
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      if (url.endsWith('etl-linear.json')) {
        return Promise.resolve(new Response(fixtureBytes('etl-linear.json') as Uint8Array<ArrayBuffer>));
      }
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    });
    const { user } = renderApp('/?url=/f/etl-linear.json&url=/f/fanout-2k.json');
    const bar = await screen.findByRole('progressbar', { name: 'Loading files' }, { timeout: 5000 });
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    await waitFor(() => expect(within(runsRegion()).getAllByRole('listitem')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    const notice = await screen.findByText('Loading cancelled: 1 file was not loaded.');
    expect(notice.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(runsRegion()).getByRole('listitem')).toHaveTextContent('customer_etl');
  });
});
