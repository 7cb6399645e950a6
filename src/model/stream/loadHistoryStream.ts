// The streaming loader: reads a file in chunks (gunzipping on the fly) and
// builds the Run while it reads, skipping the repeated copies of steps that
// the producer writes once per path. Same result as loadHistoryFile (the
// plain loader) for every input: files in another form (compressed wrapper,
// history record, FileStorage db) or with an unusual layout are handed to the
// plain loader, and so are small broken files (so their error is exactly the
// plain loader's); large broken files get the line and column from here.
// Never throws; cancellable through the AbortSignal between chunks.
import { looksBinary } from '../bytes.ts';
import { loadError, toLoadErrorInfo } from '../errors.ts';
import { loadHistoryFile } from '../loadFile.ts';
import { RunBuilder } from '../runBuilder.ts';
import type { FileLoadResult, LoadErrorInfo, LoadProgress, Run, RunWarning, Step } from '../types.ts';
import {
  NeedPlainLoader,
  PlainStreamParser,
  StreamEncodingError,
  StreamSyntaxError,
} from './plainStreamParser.ts';
import {
  type ChunkStream,
  canStream,
  GzipError,
  inputSize,
  LocalChunkStream,
  type StreamInput,
} from './streamSource.ts';

export type { StreamInput } from './streamSource.ts';

export interface StreamLoadOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
  /**
   * Inputs up to this many bytes are loaded again with the plain loader when
   * they turn out broken, so their error message is exactly the plain
   * loader's. Larger ones get the streaming loader's own error (same line
   * and column). Default 64 MiB; 0 turns the fallback off (tests).
   */
  readonly plainFallbackMaxBytes?: number;
  /** Bytes handed to the parser at a time; default 1 MiB. */
  readonly batchBytes?: number;
  /** Size of the pieces read from the input; default 8 MiB for a Blob, 1 MiB for bytes. */
  readonly pieceBytes?: number;
  /**
   * Index the step objects with StepIndexer before parsing (on this thread;
   * the parser then skips or cuts out each step from its record). Default
   * false: on one thread it costs more than it saves. Tests turn it on.
   */
  readonly indexSteps?: boolean;
  /**
   * Opens the bytes of a Blob on another thread (the load worker's reader,
   * which also indexes them); null or undefined to read them here.
   */
  readonly openBlob?: (blob: Blob) => ChunkStream | null;
  /** Called once with how the file was loaded (benchmarks, tests). */
  readonly onStats?: (stats: StreamLoadStats) => void;
  /**
   * Called with the steps made so far after each batch of input parsed
   * (`all` false), and once more with all of them (`all` true) before the run
   * is finished, so they can be sent on while the rest is read and the tree
   * is built. Steps made are final except `detached` (RunBuilder.stepsMade),
   * but the run may still fail, or go to the plain loader (which makes other
   * steps) when its layout turns out unusual.
   */
  readonly onStepsMade?: (steps: readonly Step[], all: boolean) => void;
}

export interface StreamLoadStats {
  /** 'stream' when this loader built the run, 'plain' when it handed the file to the plain loader. */
  readonly via: 'stream' | 'plain';
  /** Why the plain loader was used. */
  readonly reason?: string;
  readonly gzip: boolean;
  readonly skippedSteps: number;
  readonly parsedSteps: number;
  readonly skippedBytes: number;
  /** Steps decided from index records (see indexSteps / openBlob). */
  readonly fromRecords: number;
  /** Parsed steps read by the step scanner rather than JSON.parse. */
  readonly scannedSteps: number;
}

const DEFAULT_FALLBACK_MAX = 64 * 1024 * 1024;
const SNIFF_BYTES = 65536;
const BINARY = 'does not look like text/JSON (binary or not UTF-8 data)';
/** For in-memory input: let queued events (an abort) in this often. */
const YIELD_EVERY = 32 * 1024 * 1024;

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function plainLoad(
  input: StreamInput,
  fileName: string,
  opts: StreamLoadOptions,
  reason: string,
): Promise<FileLoadResult> {
  opts.onStats?.({
    via: 'plain',
    reason,
    gzip: false,
    skippedSteps: 0,
    parsedSteps: 0,
    skippedBytes: 0,
    fromRecords: 0,
    scannedSteps: 0,
  });
  let bytes: Uint8Array;
  try {
    bytes = input instanceof Uint8Array ? input : new Uint8Array(await input.arrayBuffer());
  } catch (err) {
    return { ok: false, fileName, error: toLoadErrorInfo(fileName, err) };
  }
  return loadHistoryFile(bytes, fileName, {
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/** Same file-level non-finite warning as the plain loader. */
function withFileWarnings(fileName: string, run: Run, nonFinite: boolean): FileLoadResult {
  if (!nonFinite || run.warnings.some((w) => w.code === 'non-finite-number')) {
    return { ok: true, fileName, runs: [run] };
  }
  const warning: RunWarning = {
    code: 'non-finite-number',
    message: `${fileName}: the file contains NaN or Infinity values (Python's JSON dialect) outside the steps; shown as written`,
  };
  return {
    ok: true,
    fileName,
    runs: [{ ...run, warnings: [warning, ...run.warnings] }],
    warnings: [warning],
  };
}

/**
 * Loads one history file from a Blob/File (streamed) or bytes. One result per
 * file, never throws; see StreamLoadOptions.
 */
export async function loadHistoryStream(
  input: StreamInput,
  fileName: string,
  opts: StreamLoadOptions = {},
): Promise<FileLoadResult> {
  const totalBytes = inputSize(input);
  const { signal, onProgress } = opts;
  const fallbackMax = opts.plainFallbackMaxBytes ?? DEFAULT_FALLBACK_MAX;
  if (signal?.aborted) {
    return { ok: false, fileName, error: loadError('cancelled', fileName, 'loading was cancelled').info };
  }
  if (totalBytes === 0 || !canStream(input))
    return plainLoad(input, fileName, opts, 'empty or not streamable');

  const source: ChunkStream =
    (input instanceof Uint8Array ? null : opts.openBlob?.(input)) ??
    new LocalChunkStream(input, {
      ...(opts.pieceBytes !== undefined ? { pieceBytes: opts.pieceBytes } : {}),
      index: opts.indexSteps === true,
    });
  const builder = new RunBuilder({ fileName, indexInFile: 0, form: 'plain' });
  const parser = new PlainStreamParser(builder);
  const batchBytes = Math.max(opts.batchBytes ?? 1 << 20, 1);
  // The first 64 KiB of text, for the plain loader's binary sniff when something goes wrong.
  const head = new Uint8Array(SNIFF_BYTES);
  let headLength = 0;
  const looksBinaryHead = (): boolean => looksBinary(head.subarray(0, headLength));
  const report = (): void =>
    onProgress?.({ fileName, bytesRead: source.rawBytesRead, totalBytes, stepsMerged: builder.stepsMerged });
  const checkAbort = (): void => {
    if (signal?.aborted) throw loadError('cancelled', fileName, 'loading was cancelled');
  };
  const stats = (via: 'stream' | 'plain', reason?: string): StreamLoadStats => ({
    via,
    ...(reason !== undefined ? { reason } : {}),
    gzip: source.gzip,
    skippedSteps: parser.stats.skipped,
    parsedSteps: parser.stats.parsed,
    skippedBytes: parser.stats.skippedBytes,
    fromRecords: parser.stats.fromRecords,
    scannedSteps: parser.stats.scanned,
  });

  try {
    report();
    await source.open();
    let sinceYield = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    let headroom = 0;
    for (;;) {
      const piece = await source.read();
      const chunk = piece === null ? null : piece.bytes;
      if (piece !== null && piece.records !== null) parser.pushRecords(piece.records);
      if (chunk !== null) {
        if (headLength < SNIFF_BYTES) {
          const take = Math.min(chunk.length, SNIFF_BYTES - headLength);
          head.set(chunk.subarray(0, take), headLength);
          headLength += take;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        headroom = piece?.headroom ?? 0;
        if (pendingBytes < batchBytes) continue;
      }
      checkAbort();
      const released = parser.push(pending, pending.length === 1 ? headroom : 0);
      source.recycle?.(released);
      pending = [];
      sinceYield += pendingBytes;
      pendingBytes = 0;
      const eof = chunk === null;
      const done = parser.run(eof);
      report();
      if (!eof) opts.onStepsMade?.(builder.stepsMade, false);
      if (eof) {
        if (!done) throw new Error('streaming parser stopped before the end of the input');
        break;
      }
      if (input instanceof Uint8Array && sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await nextTask();
      }
    }
    checkAbort();
    opts.onStepsMade?.(builder.stepsMade, true);
    const run = builder.finish();
    opts.onStats?.(stats('stream'));
    return withFileWarnings(fileName, run, parser.nonFinite);
  } catch (err) {
    await source.close();
    if (err instanceof NeedPlainLoader) return plainLoad(input, fileName, opts, err.message);
    const small = totalBytes <= fallbackMax;
    const own = (info: LoadErrorInfo): FileLoadResult => {
      opts.onStats?.(stats('stream'));
      return { ok: false, fileName, error: info };
    };
    const broken =
      err instanceof StreamSyntaxError || err instanceof StreamEncodingError || err instanceof GzipError;
    if (broken && small) return plainLoad(input, fileName, opts, err.message);
    if ((err instanceof StreamSyntaxError || err instanceof StreamEncodingError) && looksBinaryHead()) {
      return own(loadError('binary', fileName, BINARY).info);
    }
    if (err instanceof StreamSyntaxError) {
      return own(loadError('json-syntax', fileName, err.reason, { line: err.line, column: err.column }).info);
    }
    if (err instanceof StreamEncodingError) return own(loadError('binary', fileName, BINARY).info);
    if (err instanceof GzipError) {
      return own(
        loadError('invalid', fileName, `the file starts like gzip but could not be decompressed (${err.why})`)
          .info,
      );
    }
    return own(toLoadErrorInfo(fileName, err));
  }
}
