// The HTML legend of the tree drawing: status colours with their glyphs, the
// data-mode letters (only when the run mixes data modes, as the drawing) and the overlay markers (selection path, resource ring,
// dimmed, collapsed badge, detached group).
import { DATA_MODE_MARKERS, STATUS_STYLES, UNKNOWN_STATUS_STYLE } from './colors.ts';

export function TreeLegend({ dataModes }: { dataModes: boolean }) {
  return (
    <ul className="tree-legend" aria-label="Legend of the tree drawing">
      {[...STATUS_STYLES, UNKNOWN_STATUS_STYLE].map((s) => (
        <li key={s.status} className="tree-legend__item">
          <span className="tree-legend__chip" style={{ background: s.color }} aria-hidden="true">
            {s.glyph}
          </span>
          {s.label}
        </li>
      ))}
      {dataModes && (
        <li className="tree-legend__item">
          <span className="tree-legend__mode" aria-hidden="true">
            {DATA_MODE_MARKERS.map((m) => m.letter).join(' ')}
          </span>
          {DATA_MODE_MARKERS.map((m) => m.mode).join(' / ')}
        </li>
      )}
      <li className="tree-legend__item">
        <span className="tree-legend__line tree-legend__line--path" aria-hidden="true" />
        selected path
      </li>
      <li className="tree-legend__item">
        <span className="tree-legend__ring" aria-hidden="true" />
        highlighted resource
      </li>
      <li className="tree-legend__item">
        <span className="tree-legend__dim" aria-hidden="true" />
        filtered out
      </li>
      <li className="tree-legend__item">
        <span className="tree-legend__badge" aria-hidden="true">
          +N
        </span>
        collapsed steps
      </li>
    </ul>
  );
}
