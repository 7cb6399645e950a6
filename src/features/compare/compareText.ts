// Words and symbols of the compare view (plain text; React renders it as
// text): each mark has a symbol as well as a colour, so the view does not
// rely on colour alone.
import type { DifferenceKind } from '../../model/compare/compareRuns.ts';
import type { MergedMark } from '../../model/compare/mergedTree.ts';

export const MARK: Record<MergedMark, { symbol: string; label: string }> = {
  same: { symbol: '=', label: 'same' },
  changed: { symbol: '≠', label: 'changed' },
  added: { symbol: '+', label: 'only in B' },
  removed: { symbol: '−', label: 'only in A' },
};

export const KIND: Record<DifferenceKind, { symbol: string; label: string }> = {
  status: { symbol: '≠', label: 'status' },
  duration: { symbol: 'Δ', label: 'duration' },
  arc: { symbol: '↪', label: 'arc taken' },
  'only-a': { symbol: '−', label: 'only in A' },
  'only-b': { symbol: '+', label: 'only in B' },
};

export function signedSeconds(seconds: number, format: (s: number) => string): string {
  return `${seconds >= 0 ? '+' : '−'}${format(Math.abs(seconds))}`;
}

export function percent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '';
  return ` (${ratio >= 0 ? '+' : '−'}${Math.round(Math.abs(ratio) * 100)}%)`;
}
