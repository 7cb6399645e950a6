// The producer's file shapes -> Runs, through RunBuilder. Recognises the plain
// ExecutionHistory.to_dict() form, the compressed wrapper, a single history
// record, and a FileStorage database (history records and step records,
// grouped into runs by execution_id). What makes a file unusable is thrown as
// a LoadError; what only loses part of it (a skipped record, a bad path) is a
// warning and the rest still loads.
import { base64ToBytes, decodeUtf8, inflateZlib } from './bytes.ts';
import { parseJsonText } from './decode.ts';
import { LoadError, loadError } from './errors.ts';
import { isObject, joinIndex, joinKey, joinWhere, jsonTypeName } from './jsonUtil.ts';
import { RunBuilder } from './runBuilder.ts';
import type { InputForm, JsonObject, JsonValue, Run, RunWarning } from './types.ts';
import { WarningSink } from './warnings.ts';

export type FileForm = InputForm;

export interface BuildRunsOptions {
  /** Called now and then with the distinct steps merged so far in this file. */
  readonly onStepsMerged?: (stepsMerged: number) => void;
  readonly signal?: AbortSignal;
}

export interface BuiltRuns {
  readonly runs: Run[];
  /** File-level warnings (records that were skipped). */
  readonly warnings: RunWarning[];
}

const EXPECTED =
  'expected a history object {"summary", "paths", "mode_storage"} (ExecutionHistory.to_dict()), a compressed wrapper {"compressed": true, "data": ...}, a history record or a FileStorage database';

export function isPlainHistory(v: JsonValue): v is JsonObject {
  return isObject(v) && ('paths' in v || 'summary' in v || 'mode_storage' in v);
}

export function isCompressedWrapper(v: JsonValue): v is JsonObject {
  return isObject(v) && v.compressed === true && 'data' in v;
}

/** A history record's column, whether stored flat or as a FileStorage field {name, value, type, metadata}. */
export function recordField(rec: JsonObject, column: string): JsonValue | undefined {
  const fields = isObject(rec.fields) ? rec.fields : rec;
  const f = fields[column];
  if (fields !== rec && isObject(f) && 'value' in f) return f.value;
  return f;
}

function isRecord(v: JsonValue | undefined): v is JsonObject {
  return isObject(v) && isObject(v.fields);
}

/** Which shape a parsed file has, or null when it is none of them. */
export function detectForm(v: JsonValue): FileForm | null {
  if (!isObject(v)) return null;
  const any: JsonValue = v;
  if (isCompressedWrapper(any)) return 'compressed-wrapper';
  if (isPlainHistory(any)) return 'plain';
  const rt = recordField(v, 'record_type');
  if (!isObject(v.fields) && rt === 'history' && 'history_data' in v) return 'history-record';
  if (isRecord(v) && (rt === 'history' || rt === 'step')) return 'file-storage';
  const keys = Object.keys(v);
  if (keys.length > 0 && isRecord(v[keys[0]!])) return 'file-storage';
  return null;
}

/** Decompresses {"compressed": true, "data": base64(zlib(json))}. Throws LoadError. */
export async function inflateWrapper(
  v: JsonObject,
  fileName: string,
  where: string,
): Promise<{ value: JsonValue; nonFinite: boolean }> {
  const dataWhere = joinWhere(where, 'data');
  if (typeof v.data !== 'string') {
    throw loadError(
      'invalid',
      fileName,
      `expected a base64 string of zlib-compressed JSON, got ${jsonTypeName(v.data)}`,
      {
        where: dataWhere,
      },
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await inflateZlib(base64ToBytes(v.data));
  } catch (err) {
    if (err instanceof RangeError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw loadError('invalid', fileName, `could not decompress the compressed history (${why})`, {
      where: dataWhere,
    });
  }
  let text: string;
  try {
    text = decodeUtf8(bytes);
  } catch {
    throw loadError('invalid', fileName, 'the decompressed history is not UTF-8 text', { where: dataWhere });
  }
  return parseJsonText(text, fileName, `${dataWhere} (decompressed)`);
}

/** Feeds a plain history object into a builder. Throws LoadError when `paths` is unusable. */
export function feedPlainHistory(
  builder: RunBuilder,
  h: JsonObject,
  prefix: string,
  fileName: string,
  onStepsMerged?: (n: number) => void,
): void {
  const at = (rest: string) => joinWhere(prefix, rest);
  if ('summary' in h) builder.setSummary(h.summary ?? null, at('summary'));
  else builder.addWarning('wrong-type', at('summary'), "missing; the producer's counters are unknown");

  const paths = h.paths;
  if (paths === undefined) {
    builder.addWarning(
      'wrong-type',
      at('paths'),
      'missing; the run has no tree (steps in mode_storage are shown as detached)',
    );
  } else if (!Array.isArray(paths)) {
    throw loadError(
      'invalid',
      fileName,
      `expected an array of paths (arrays of steps), got ${jsonTypeName(paths)}`,
      {
        where: at('paths'),
      },
    );
  } else {
    let sinceReport = 0;
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      if (!Array.isArray(path)) {
        builder.addWarning(
          'wrong-type',
          at(`paths[${i}]`),
          `expected an array of steps, got ${jsonTypeName(path)}; the path was skipped`,
        );
        continue;
      }
      builder.beginPath();
      for (let j = 0; j < path.length; j++) {
        builder.addPathEntry(path[j]!, () => at(`paths[${i}][${j}]`));
      }
      sinceReport += path.length;
      if (onStepsMerged && sinceReport >= 2000) {
        sinceReport = 0;
        onStepsMerged(builder.stepsMerged);
      }
    }
  }

  const ms = h.mode_storage;
  if (ms === undefined || ms === null) return;
  if (!isObject(ms)) {
    builder.addWarning(
      'wrong-type',
      at('mode_storage'),
      `expected an object of step lists, got ${jsonTypeName(ms)}`,
    );
    return;
  }
  for (const mode of Object.keys(ms)) {
    const list = ms[mode];
    const listWhere = joinKey(at('mode_storage'), mode);
    if (!Array.isArray(list)) {
      builder.addWarning('wrong-type', listWhere, `expected an array of steps, got ${jsonTypeName(list)}`);
      continue;
    }
    for (let k = 0; k < list.length; k++) {
      builder.addStoredStep(list[k]!, () => joinIndex(listWhere, k), mode);
    }
  }
  onStepsMerged?.(builder.stepsMerged);
}

/** history_data -> a plain history object (parses a JSON string, inflates a wrapper). Throws LoadError. */
async function resolveHistoryData(
  data: JsonValue | undefined,
  fileName: string,
  where: string,
): Promise<{ history: JsonObject; prefix: string }> {
  let value = data;
  let prefix = where;
  if (typeof value === 'string') {
    value = parseJsonText(value, fileName, `${where} (a JSON string)`).value;
  }
  if (value !== undefined && isCompressedWrapper(value)) {
    value = (await inflateWrapper(value, fileName, where)).value;
    prefix = `${joinWhere(where, 'data')} (decompressed)`;
  }
  if (value === undefined || !isPlainHistory(value)) {
    throw loadError(
      'invalid',
      fileName,
      `expected a history (plain or compressed), got ${value === undefined ? 'nothing' : jsonTypeName(value)}`,
      { where },
    );
  }
  return { history: value, prefix };
}

function withoutFileName(message: string, fileName: string): string {
  return message.startsWith(`${fileName}: `) ? message.slice(fileName.length + 2) : message;
}

function checkAbort(signal: AbortSignal | undefined, fileName: string): void {
  if (signal?.aborted) throw loadError('cancelled', fileName, 'loading was cancelled');
}

function optString(v: JsonValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

function optNumber(v: JsonValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

interface StepGroup {
  readonly executionId: string;
  readonly records: Array<{ key: string; rec: JsonObject }>;
}

async function buildFileStorage(
  db: JsonObject,
  fileName: string,
  opts: BuildRunsOptions,
  merged: { total: number },
): Promise<BuiltRuns> {
  const fileWarnings = new WarningSink(fileName);
  const order: Array<{ history: string } | { group: StepGroup }> = [];
  const groups = new Map<string, StepGroup>();
  const historyByExec = new Map<string, JsonObject>();
  const keys = isRecord(db) ? [''] : Object.keys(db);
  const recOf = (key: string): JsonValue | undefined => (key === '' ? db : db[key]);
  const whereOf = (key: string): string => (key === '' ? '' : `[${JSON.stringify(key)}]`);

  for (const key of keys) {
    const rec = recOf(key);
    const where = whereOf(key);
    if (!isRecord(rec)) {
      fileWarnings.add('skipped-record', where, 'not a FileStorage record (no "fields" object); skipped');
      continue;
    }
    const rt = recordField(rec, 'record_type');
    if (rt === 'history') {
      order.push({ history: key });
      const exec = optString(recordField(rec, 'execution_id'));
      if (exec !== null && !historyByExec.has(exec)) historyByExec.set(exec, rec);
    } else if (rt === 'step') {
      const exec = recordField(rec, 'execution_id');
      if (typeof exec !== 'string') {
        fileWarnings.add(
          'skipped-record',
          joinWhere(where, 'fields.execution_id'),
          `step record without a string execution_id (got ${jsonTypeName(exec)}); skipped`,
        );
        continue;
      }
      let g = groups.get(exec);
      if (!g) {
        g = { executionId: exec, records: [] };
        groups.set(exec, g);
        order.push({ group: g });
      }
      g.records.push({ key, rec });
    } else {
      fileWarnings.add(
        'skipped-record',
        joinWhere(where, 'fields.record_type'),
        `record_type ${rt === undefined ? 'is missing' : `'${typeof rt === 'string' ? rt : jsonTypeName(rt)}'`}, expected 'history' or 'step'; skipped`,
      );
    }
  }

  const runs: Run[] = [];
  let firstSkip: string | null = null;
  for (const item of order) {
    checkAbort(opts.signal, fileName);
    const builder = new RunBuilder({ fileName, indexInFile: runs.length, form: 'file-storage' });
    const report = (n: number) => opts.onStepsMerged?.(merged.total + n);
    if ('history' in item) {
      const rec = recOf(item.history) as JsonObject;
      const where = whereOf(item.history);
      const dataWhere = joinWhere(where, isObject(rec.fields) ? 'fields.history_data.value' : 'history_data');
      try {
        const { history, prefix } = await resolveHistoryData(
          recordField(rec, 'history_data'),
          fileName,
          dataWhere,
        );
        builder.setIdentity({ ...identityOf(rec), metadata: recordMetadata(rec) });
        feedPlainHistory(builder, history, prefix, fileName, report);
      } catch (err) {
        if (!(err instanceof LoadError) || err.info.kind === 'cancelled') throw err;
        firstSkip ??= err.message;
        fileWarnings.add(
          'skipped-record',
          '',
          `${withoutFileName(err.message, fileName)}; the record was skipped`,
        );
        continue;
      }
    } else {
      const g = item.group;
      const hist = historyByExec.get(g.executionId);
      builder.setIdentity({
        executionId: g.executionId,
        fsmName: hist ? optString(recordField(hist, 'fsm_name')) : null,
        metadata: recordMetadata(hist ?? g.records[0]!.rec),
      });
      for (const { key, rec } of g.records) {
        const where = whereOf(key);
        const dataWhere = joinWhere(where, 'fields.step_data.value');
        let stepData = recordField(rec, 'step_data');
        if (typeof stepData === 'string') {
          try {
            stepData = parseJsonText(stepData, fileName, `${dataWhere} (a JSON string)`).value;
          } catch (err) {
            if (!(err instanceof LoadError)) throw err;
            fileWarnings.add(
              'skipped-record',
              '',
              `${withoutFileName(err.message, fileName)}; the record was skipped`,
            );
            continue;
          }
        }
        const pid = recordField(rec, 'parent_id');
        if (pid !== undefined && pid !== null && typeof pid !== 'string') {
          builder.addWarning(
            'wrong-type',
            joinWhere(where, 'fields.parent_id.value'),
            `expected a string or null, got ${jsonTypeName(pid)}; the step is treated as a root`,
          );
        }
        builder.addStepRecord(stepData ?? null, typeof pid === 'string' ? pid : null, dataWhere);
      }
      report(builder.stepsMerged);
    }
    const run = builder.finish();
    merged.total += run.steps.length;
    runs.push(run);
  }
  if (runs.length === 0) {
    const detail = firstSkip ?? fileWarnings.toArray()[0]?.message ?? null;
    throw loadError(
      'not-a-history',
      fileName,
      `no usable history or step records in this FileStorage database (${keys.length} record${keys.length === 1 ? '' : 's'})${detail ? `; first problem: ${withoutFileName(detail, fileName)}` : ''}`,
    );
  }
  return { runs, warnings: fileWarnings.toArray() };
}

/** A FileStorage record's own `metadata` object as JSON text; null when it has none (or an empty one). */
function recordMetadata(rec: JsonObject): string | null {
  const m = rec.metadata;
  return isObject(m) && Object.keys(m).length > 0 ? JSON.stringify(m) : null;
}

function identityOf(rec: JsonObject) {
  return {
    fsmName: optString(recordField(rec, 'fsm_name')),
    executionId: optString(recordField(rec, 'execution_id')),
    dataMode: optString(recordField(rec, 'data_mode')),
    startTime: optNumber(recordField(rec, 'start_time')),
  };
}

/** A parsed file -> its runs. Throws LoadError (kind 'not-a-history', 'invalid', 'json-syntax', 'cancelled'). */
export async function buildRuns(
  value: JsonValue,
  fileName: string,
  opts: BuildRunsOptions = {},
): Promise<BuiltRuns> {
  if (Array.isArray(value)) {
    throw loadError('not-a-history', fileName, `top level is an array; ${EXPECTED}`);
  }
  if (!isObject(value)) {
    throw loadError('not-a-history', fileName, `top level is ${jsonTypeName(value)}; ${EXPECTED}`);
  }
  const form = detectForm(value);
  const merged = { total: 0 };
  const single = (history: JsonObject, prefix: string, f: InputForm, identity?: JsonObject): BuiltRuns => {
    checkAbort(opts.signal, fileName);
    const builder = new RunBuilder({ fileName, indexInFile: 0, form: f });
    if (identity) builder.setIdentity(identityOf(identity));
    feedPlainHistory(builder, history, prefix, fileName, opts.onStepsMerged);
    return { runs: [builder.finish()], warnings: [] };
  };
  switch (form) {
    case 'plain':
      return single(value, '', 'plain');
    case 'compressed-wrapper': {
      const inner = await inflateWrapper(value, fileName, '');
      if (!isPlainHistory(inner.value)) {
        throw loadError('invalid', fileName, `the decompressed data is not a history; ${EXPECTED}`, {
          where: 'data (decompressed)',
        });
      }
      return single(inner.value, 'data (decompressed)', 'compressed-wrapper');
    }
    case 'history-record': {
      const { history, prefix } = await resolveHistoryData(value.history_data, fileName, 'history_data');
      return single(history, prefix, 'history-record', value);
    }
    case 'file-storage':
      return buildFileStorage(value, fileName, opts, merged);
    default: {
      const keys = Object.keys(value);
      const shown = keys.slice(0, 8).map((k) => JSON.stringify(k));
      const found =
        keys.length === 0
          ? 'the object is empty'
          : `found keys ${shown.join(', ')}${keys.length > 8 ? ', ...' : ''}`;
      throw loadError('not-a-history', fileName, `not an FSM execution history (${found}); ${EXPECTED}`);
    }
  }
}
