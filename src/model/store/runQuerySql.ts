// RunQuery -> SQL over the run index (the temp table storeIndex.ts fills).
// Every value is a bound parameter; column names come only from the fixed
// SORT_COLUMNS list. Pure: tested on its own, run by SqliteStore.
import { type MetadataCondition, type RunQuery, SORT_COLUMNS, type SortColumn } from './storeTypes.ts';

export const RUN_INDEX = 'temp.fsm_explorer_runs';

export type SqlParam = string | number | null;

export interface WhereClause {
  readonly sql: string;
  readonly params: SqlParam[];
}

/** `$."a"."b"` for a dotted metadata key; null when the key cannot be a path (empty part or a quote). */
export function metadataPath(key: string): string | null {
  const parts = key.split('.');
  if (parts.some((p) => p === '' || p.includes('"'))) return null;
  return `$${parts.map((p) => `."${p}"`).join('')}`;
}

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

function metadataClause(c: MetadataCondition, params: SqlParam[]): string {
  const path = metadataPath(c.key.trim());
  if (path === null) throw new QueryError(`metadata key ${JSON.stringify(c.key)} is not a dotted key`);
  params.push(path, path, c.value);
  return "(CASE json_type(metadata, ?) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(json_extract(metadata, ?) AS TEXT) END) = ?";
}

/** The WHERE clause (with its leading keyword, or empty) for a query. Throws QueryError for a bad metadata key. */
export function whereClause(q: RunQuery): WhereClause {
  const parts: string[] = [];
  const params: SqlParam[] = [];
  if (q.fsm) {
    parts.push('fsm_name = ?');
    params.push(q.fsm);
  }
  if (q.status) {
    parts.push('status = ?');
    params.push(q.status);
  }
  if (q.failures === 'with') parts.push('failed > 0');
  else if (q.failures === 'without') parts.push('coalesce(failed, 0) = 0');
  if (typeof q.since === 'number' && Number.isFinite(q.since)) {
    parts.push('start_time >= ?');
    params.push(q.since);
  }
  if (typeof q.until === 'number' && Number.isFinite(q.until)) {
    parts.push('start_time <= ?');
    params.push(q.until);
  }
  for (const c of q.metadata ?? []) {
    if (c.key.trim() === '') continue;
    parts.push('metadata IS NOT NULL');
    parts.push(metadataClause(c, params));
  }
  const text = q.text?.trim().toLowerCase();
  if (text) {
    parts.push("(instr(lower(id), ?) > 0 OR instr(lower(coalesce(execution_id, '')), ?) > 0)");
    params.push(text, text);
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function sortColumn(s: SortColumn): SortColumn {
  return (SORT_COLUMNS as readonly string[]).includes(s) ? s : 'start_time';
}

/** ORDER BY for a query: nulls last either way, then the key so pages never overlap. */
export function orderClause(q: RunQuery): string {
  const col = sortColumn(q.sort);
  return `ORDER BY ${col} IS NULL, ${col} ${q.desc ? 'DESC' : 'ASC'}, key ${q.desc ? 'DESC' : 'ASC'}`;
}
