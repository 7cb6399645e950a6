// Run ids must stay unique in a session: loading the same file twice gives the
// second copy a suffixed id ("a.json#0~2") instead of overwriting the first.
import type { Run } from '../../model/types.ts';

export function uniqueRunId(id: string, taken: (id: string) => boolean): string {
  if (!taken(id)) return id;
  let n = 2;
  while (taken(`${id}~${n}`)) n++;
  return `${id}~${n}`;
}

/** The run itself when its id is free, else a shallow copy with a suffixed id. */
export function withUniqueId(run: Run, taken: (id: string) => boolean): Run {
  const id = uniqueRunId(run.id, taken);
  return id === run.id ? run : { ...run, id };
}
