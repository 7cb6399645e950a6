// @vitest-environment jsdom
// JsonTree: lazy level-by-level expansion, keyboard use, paging of big
// containers, markup shown as text, and 900-level nesting without recursion.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonTree } from '../../../src/features/shared-ui/JsonTree.tsx';
import { flattenJson } from '../../../src/features/shared-ui/jsonRows.ts';
import type { JsonValue } from '../../../src/model/types.ts';

function deepChain(levels: number): JsonValue {
  let v: JsonValue = { leaf: 'bottom' };
  for (let i = levels - 1; i >= 0; i--) v = { [`level${i}`]: v };
  return v;
}

describe('JsonTree', () => {
  afterEach(cleanup);

  it('shows the top level collapsed and expands one level per click', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={{ a: 1, nested: { b: 'two', c: [1, 2] } }} label="Metrics" emptyText="none" />);
    const tree = screen.getByRole('tree', { name: 'Metrics' });
    expect(within(tree).getAllByRole('treeitem')).toHaveLength(2);
    const nested = within(tree).getByRole('treeitem', { name: /nested/ });
    expect(nested).toHaveAttribute('aria-expanded', 'false');
    await user.click(nested);
    expect(nested).toHaveAttribute('aria-expanded', 'true');
    expect(within(tree).getByRole('treeitem', { name: 'b: "two"' })).toHaveAttribute('aria-level', '2');
    expect(within(tree).getByRole('treeitem', { name: 'c: [2 items]' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(within(tree).queryByRole('treeitem', { name: '0: 1' })).toBeNull();
  });

  it('is usable from the keyboard', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={{ a: 1, obj: { inner: true } }} label="Metrics" emptyText="none" />);
    await user.tab();
    expect(screen.getByRole('button', { name: 'Expand all metrics' })).toHaveFocus();
    await user.tab();
    await user.tab();
    const first = screen.getByRole('treeitem', { name: 'a: 1' });
    expect(first).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    const obj = screen.getByRole('treeitem', { name: /^obj/ });
    expect(obj).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(obj).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('treeitem', { name: 'inner: true' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    expect(obj).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(obj).toHaveAttribute('aria-expanded', 'false');
  });

  it('renders markup and quotes from the file as text', async () => {
    const user = userEvent.setup();
    const evil = '<img src=x onerror="alert(1)"> & "quoted" \'single\'';
    const { container } = render(
      <JsonTree value={{ '<b>key</b>': evil, list: [evil] }} label="Metrics" emptyText="none" />,
    );
    await user.click(screen.getByRole('button', { name: 'Expand all metrics' }));
    expect(screen.getByRole('treeitem', { name: `<b>key</b>: "${evil}"` })).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('pages huge arrays with "show more"', async () => {
    const user = userEvent.setup();
    const big = Array.from({ length: 250 }, (_, i) => i * 2);
    render(<JsonTree value={{ big }} label="Metrics" emptyText="none" />);
    await user.click(screen.getByRole('treeitem', { name: 'big: [250 items]' }));
    expect(screen.getByRole('treeitem', { name: '99: 198' })).toBeInTheDocument();
    expect(screen.queryByRole('treeitem', { name: '100: 200' })).toBeNull();
    await user.click(screen.getByRole('treeitem', { name: 'Show 100 more (150 hidden)' }));
    expect(screen.getByRole('treeitem', { name: '100: 200' })).toBeInTheDocument();
    await user.click(screen.getByRole('treeitem', { name: 'Show 50 more (50 hidden)' }));
    expect(screen.getByRole('treeitem', { name: '249: 498' })).toBeInTheDocument();
    expect(screen.queryByRole('treeitem', { name: /more/ })).toBeNull();
  });

  it('renders and fully expands a 900-level object', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={deepChain(900)} label="Metrics" emptyText="none" />);
    expect(screen.getAllByRole('treeitem')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Expand all metrics' }));
    const items = screen.getAllByRole('treeitem');
    expect(items).toHaveLength(901);
    const leaf = items.at(-1);
    expect(leaf).toHaveAccessibleName('leaf: "bottom"');
    expect(leaf).toHaveAttribute('aria-level', '901');
    await user.click(screen.getByRole('button', { name: 'Collapse all metrics' }));
    expect(screen.getAllByRole('treeitem')).toHaveLength(1);
  });

  it('says so when there is nothing to show', () => {
    render(<JsonTree value={{}} label="Metrics" emptyText="No metrics recorded." />);
    expect(screen.getByText('No metrics recorded.')).toBeInTheDocument();
    expect(screen.queryByRole('tree')).toBeNull();
  });

  it('flattens without recursion even 20,000 levels deep', () => {
    const value = deepChain(20000);
    const expanded = new Set<object>();
    let node: JsonValue = value;
    while (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      expanded.add(node);
      node = Object.values(node)[0] ?? null;
    }
    const rows = flattenJson(value, expanded);
    expect(rows).toHaveLength(20001);
    expect(rows.at(-1)).toMatchObject({ kind: 'node', label: 'leaf', depth: 20001, value: 'bottom' });
  });
});
