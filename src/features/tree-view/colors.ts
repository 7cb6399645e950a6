// Status palette, data-mode markers and accent colours shared by the tree
// drawing, its HTML legend and the outline's status dots. Each status has a
// colour and a glyph, so the drawing does not rely on colour alone.

export interface StatusStyle {
  readonly status: string;
  readonly label: string;
  /** Strong colour: node border, status chip, legend swatch. */
  readonly color: string;
  /** Light fill of the node body. */
  readonly fill: string;
  /** Glyph drawn in the status chip (colour-blind-safe second channel). */
  readonly glyph: string;
}

export const STATUS_STYLES: readonly StatusStyle[] = [
  { status: 'completed', label: 'completed', color: '#2e7d32', fill: '#e8f5e9', glyph: '✓' },
  { status: 'failed', label: 'failed', color: '#c62828', fill: '#ffebee', glyph: '✕' },
  { status: 'skipped', label: 'skipped', color: '#6b6b6b', fill: '#f1f1f1', glyph: '–' },
  { status: 'in_progress', label: 'in progress', color: '#1565c0', fill: '#e3f2fd', glyph: '▶' },
  { status: 'pending', label: 'pending', color: '#a15c00', fill: '#fff4d6', glyph: '…' },
];

export const UNKNOWN_STATUS_STYLE: StatusStyle = {
  status: 'unknown',
  label: 'other status',
  color: '#6a1b9a',
  fill: '#f3e5f5',
  glyph: '?',
};

const byStatus = new Map(STATUS_STYLES.map((s) => [s.status, s]));

export function statusStyle(status: string): StatusStyle {
  return byStatus.get(status) ?? UNKNOWN_STATUS_STYLE;
}

export interface DataModeMarker {
  readonly mode: string;
  readonly letter: string;
}

export const DATA_MODE_MARKERS: readonly DataModeMarker[] = [
  { mode: 'copy', letter: 'C' },
  { mode: 'reference', letter: 'R' },
  { mode: 'direct', letter: 'D' },
];

const letterByMode = new Map(DATA_MODE_MARKERS.map((m) => [m.mode, m.letter]));

/** C / R / D for the known modes, '?' for anything else the producer wrote. */
export function dataModeLetter(mode: string): string {
  return letterByMode.get(mode) ?? '?';
}

/** Colours of everything but the statuses, per page theme. */
export interface Palette {
  readonly dark: boolean;
  readonly selection: string;
  readonly resourceRing: string;
  readonly link: string;
  readonly text: string;
  readonly mutedText: string;
  readonly badgeFill: string;
  readonly badgeText: string;
  readonly groupBorder: string;
  readonly background: string;
}

export const LIGHT_PALETTE: Palette = {
  dark: false,
  selection: '#e65100',
  resourceRing: '#c2185b',
  link: '#9aa3ad',
  text: '#1f2328',
  mutedText: '#57606a',
  badgeFill: '#24292f',
  badgeText: '#ffffff',
  groupBorder: '#8c959f',
  background: '#ffffff',
};

export const DARK_PALETTE: Palette = {
  dark: true,
  selection: '#ffa657',
  resourceRing: '#f778ba',
  link: '#6e7681',
  text: '#e2e6ed',
  mutedText: '#9da7b3',
  badgeFill: '#d0d7de',
  badgeText: '#0d1117',
  groupBorder: '#6e7681',
  background: '#161a21',
};

const DARK_FILLS: Record<string, string> = {
  completed: '#17331b',
  failed: '#3d1618',
  skipped: '#262a30',
  in_progress: '#102a47',
  pending: '#3a2a08',
  unknown: '#2e1a3a',
};

/** Node body fill for a status in the given palette. */
export function nodeFill(style: StatusStyle, palette: Palette): string {
  return palette.dark
    ? (DARK_FILLS[byStatus.has(style.status) ? style.status : 'unknown'] ?? style.fill)
    : style.fill;
}
