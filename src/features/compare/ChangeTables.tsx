// Per state and per resource type, A beside B: counts, failures, p50/p95
// durations; resource calls and time. Rows that changed come first and are
// marked (≠), the others follow.
import { type RunComparison, stateChanged } from '../../model/compare/compareRuns.ts';
import { formatSeconds } from '../tree-view/stepText.ts';

function arrow(a: string, b: string): string {
  return a === b ? a : `${a} → ${b}`;
}

export function StateChanges({ c }: { c: RunComparison }) {
  const rows = [...c.states].sort((x, y) => Number(stateChanged(y)) - Number(stateChanged(x)));
  return (
    <table className="compare-table">
      <caption className="visually-hidden">States in A and B</caption>
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Steps</th>
          <th scope="col">Failed</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.stateName} className={stateChanged(s) ? 'compare-table__changed' : undefined}>
            <th scope="row">
              {stateChanged(s) && (
                <>
                  <span aria-hidden="true">≠ </span>
                  <span className="visually-hidden">changed: </span>
                </>
              )}
              {s.stateName}
            </th>
            <td>{arrow(String(s.countA), String(s.countB))}</td>
            <td className={s.failedB > s.failedA ? 'compare-worse' : undefined}>
              {arrow(String(s.failedA), String(s.failedB))}
            </td>
            <td>{arrow(formatSeconds(s.p50A), formatSeconds(s.p50B))}</td>
            <td>{arrow(formatSeconds(s.p95A), formatSeconds(s.p95B))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ResourceChanges({ c }: { c: RunComparison }) {
  if (c.resources.length === 0) return <p className="box__empty">Neither run used resources.</p>;
  return (
    <table className="compare-table">
      <caption className="visually-hidden">Resources in A and B</caption>
      <thead>
        <tr>
          <th scope="col">Resource</th>
          <th scope="col">Calls</th>
          <th scope="col">Time</th>
        </tr>
      </thead>
      <tbody>
        {c.resources.map((r) => (
          <tr key={r.type}>
            <th scope="row">{r.type}</th>
            <td>{arrow(String(r.callsA), String(r.callsB))}</td>
            <td>{arrow(formatSeconds(r.secondsA), formatSeconds(r.secondsB))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
