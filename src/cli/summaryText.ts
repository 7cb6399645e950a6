// `summary` as readable text: one block per run with aligned "label  value"
// lines, a small resource table and the warnings. Text from the file is
// stripped of terminal control characters before it is printed.
import type { Run } from '../model/types.ts';
import { type RunFacts, runFacts } from './runFacts.ts';

const LABEL_WIDTH = 16;

/** Replace control characters (ANSI escapes etc.) so file content cannot drive the terminal. */
export function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'unknown';
  const abs = Math.abs(seconds);
  if (abs < 1) return `${(seconds * 1000).toFixed(1)} ms`;
  if (abs < 60) return `${seconds.toFixed(3)} s`;
  const minutes = Math.floor(abs / 60);
  const rest = abs - minutes * 60;
  if (minutes < 60) return `${seconds < 0 ? '-' : ''}${minutes} min ${rest.toFixed(1)} s`;
  const hours = Math.floor(minutes / 60);
  return `${seconds < 0 ? '-' : ''}${hours} h ${minutes % 60} min ${rest.toFixed(0)} s`;
}

function line(label: string, value: string): string {
  return `  ${label.padEnd(LABEL_WIDTH)}${value}`;
}

/** Continuation lines of a multi-line warning are indented under its first line. */
function indentWarning(value: string): string {
  return value.split('\n').join('\n      ');
}

function statusText(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return 'none';
  return entries.map(([status, n]) => `${clean(status)} ${formatCount(n)}`).join(', ');
}

function resourceLines(facts: RunFacts): string[] {
  const entries = Object.entries(facts.resources);
  if (entries.length === 0) return [line('resources', 'none')];
  // Seconds throughout the table, so that the column can be compared at a glance.
  const rows = entries.map(([type, r]) => [clean(type), formatCount(r.calls), `${r.duration.toFixed(3)} s`]);
  const header = ['type', 'calls', 'total duration'];
  const widths = header.map((h, col) =>
    Math.max(h.length, ...rows.map((row) => (row[col] as string).length)),
  );
  const render = (row: readonly string[]): string =>
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
      .join('  ');
  const pad = ' '.repeat(LABEL_WIDTH + 2);
  return [line('resources', render(header)), ...rows.map((row) => `${pad}${render(row)}`)];
}

export function runText(run: Run, index: number, total: number): string {
  const f = runFacts(run);
  const openNote = run.open ? ' (the run is still open)' : '';
  const lines = [
    `run ${index + 1} of ${total}`,
    line('fsm name', clean(f.fsm_name)),
    line('execution id', clean(f.execution_id)),
    line('data mode', clean(f.data_mode)),
    line('start', f.start_time ?? 'unknown'),
    line('end', f.end_time ?? 'open'),
    line('duration', `${formatDuration(f.duration)}${openNote}`),
    line('unique steps', formatCount(f.unique_steps)),
    line('steps in tree', formatCount(f.tree_steps)),
    line('detached steps', `${formatCount(f.detached_steps)}${f.pruned ? ' (the tree was pruned)' : ''}`),
    line('roots', formatCount(f.roots)),
    line('leaves', formatCount(f.leaves)),
    line('max depth', formatCount(f.max_depth)),
    line('statuses', statusText(f.status_counts)),
    ...resourceLines(f),
    line(
      'streams',
      `${formatCount(f.chunks)} chunks, ${formatCount(f.records)} records, ` +
        `${formatCount(f.streams_processed)} streams processed`,
    ),
  ];
  if (f.warnings.length === 0) lines.push(line('warnings', 'none'));
  else {
    lines.push(line('warnings', formatCount(f.warnings.length)));
    for (const w of f.warnings) lines.push(`    - ${indentWarning(clean(w))}`);
  }
  return lines.join('\n');
}

/** The whole text block for one file: a heading, then each run. */
export function fileText(path: string, runs: readonly Run[]): string {
  const heading = `${clean(path)}: ${formatCount(runs.length)} run${runs.length === 1 ? '' : 's'}`;
  const blocks = runs.map((run, i) => runText(run, i, runs.length));
  return `${[heading, ...blocks].join('\n\n')}\n`;
}
