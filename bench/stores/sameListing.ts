// Checks that the sqlite3 baseline answers what the app shows: the same count,
// and the same runs in the same order with the same summary fields on the
// first page (start and end times to a microsecond: sqlite3 prints 15 digits).
import type { ListedFields } from '../browser/storeProbe/main.ts';
import type { ListedRun } from './cliListing.ts';
import type { ProbeFirstPage } from './probePass.ts';

const close = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) < 1e-6;

function differs(app: ListedFields, cli: ListedRun): string | null {
  const pairs: Array<[string, unknown, unknown]> = [
    ['id', app.id, cli.id],
    ['execution_id', app.executionId, cli.execution_id],
    ['fsm_name', app.fsmName, cli.fsm_name],
    ['status', app.status, cli.status],
    ['steps', app.steps, cli.steps],
    ['failed', app.failed, cli.failed],
    ['skipped', app.skipped, cli.skipped],
    ['metadata', app.metadata, cli.metadata],
  ];
  for (const [name, a, c] of pairs)
    if (a !== c) return `${name} ${JSON.stringify(a)} against ${JSON.stringify(c)}`;
  if (!close(app.startTime, cli.start_time)) return `start_time ${app.startTime} against ${cli.start_time}`;
  if (!close(app.endTime, cli.end_time)) return `end_time ${app.endTime} against ${cli.end_time}`;
  return null;
}

export function sameListing(
  app: ProbeFirstPage,
  cli: readonly ListedRun[],
): { same: boolean; detail: string } {
  const total = cli[0]?.total ?? 0;
  if (app.total !== total)
    return { same: false, detail: `the app counts ${app.total} runs, sqlite3 ${total}` };
  if (app.rows.length !== cli.length) {
    return {
      same: false,
      detail: `the app's first page has ${app.rows.length} runs, sqlite3's ${cli.length}`,
    };
  }
  for (let i = 0; i < cli.length; i++) {
    const d = differs(app.rows[i]!, cli[i]!);
    if (d !== null) return { same: false, detail: `run ${i + 1} of the first page (${cli[i]!.id}): ${d}` };
  }
  return { same: true, detail: `${total} runs, the first ${cli.length} the same in order and fields` };
}
