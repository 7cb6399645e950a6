// Loading one file, start to end: decode (gzip, UTF-8, JSON incl. Python's
// NaN/Infinity) -> forms (plain, compressed wrapper, history record,
// FileStorage db) -> RunBuilder -> Runs. Never throws: failures come back as
// { ok: false, error } naming the file and the place. The AbortSignal is
// honoured between phases (error kind 'cancelled').
import { decodeBytes } from './decode.ts';
import { loadError, toLoadErrorInfo } from './errors.ts';
import { buildRuns } from './forms.ts';
import type { FileLoadResult, LoadProgress, Run, RunWarning } from './types.ts';

export interface LoadFileOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
}

function checkAbort(signal: AbortSignal | undefined, fileName: string): void {
  if (signal?.aborted) throw loadError('cancelled', fileName, 'loading was cancelled');
}

/** Lets queued events (e.g. an abort message to a worker) run between phases. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function withExtraWarnings(run: Run, extra: readonly RunWarning[]): Run {
  return extra.length === 0 ? run : { ...run, warnings: [...extra, ...run.warnings] };
}

export async function loadHistoryFile(
  bytes: Uint8Array,
  fileName: string,
  opts: LoadFileOptions = {},
): Promise<FileLoadResult> {
  const { signal, onProgress } = opts;
  const totalBytes = bytes.length;
  const report = (bytesRead: number, stepsMerged: number) =>
    onProgress?.({ fileName, bytesRead, totalBytes, stepsMerged });
  try {
    checkAbort(signal, fileName);
    report(0, 0);
    const decoded = await decodeBytes(bytes, fileName);
    report(totalBytes, 0);
    await nextTask();
    checkAbort(signal, fileName);
    const built = await buildRuns(decoded.value, fileName, {
      onStepsMerged: (n) => report(totalBytes, n),
      ...(signal ? { signal } : {}),
    });
    await nextTask();
    checkAbort(signal, fileName);

    const fileWarnings: RunWarning[] = [...built.warnings];
    let runs = built.runs;
    if (decoded.nonFinite && !runs.some((r) => r.warnings.some((w) => w.code === 'non-finite-number'))) {
      fileWarnings.push({
        code: 'non-finite-number',
        message: `${fileName}: the file contains NaN or Infinity values (Python's JSON dialect) outside the steps; shown as written`,
      });
    }
    if (fileWarnings.length > 0 && runs.length > 0) {
      runs = [withExtraWarnings(runs[0]!, fileWarnings), ...runs.slice(1)];
    }
    let steps = 0;
    for (const r of runs) steps += r.steps.length;
    report(totalBytes, steps);
    return fileWarnings.length > 0
      ? { ok: true, fileName, runs, warnings: fileWarnings }
      : { ok: true, fileName, runs };
  } catch (err) {
    return { ok: false, fileName, error: toLoadErrorInfo(fileName, err) };
  }
}
