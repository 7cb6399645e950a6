// Node-side micro benchmark of the streaming loader against bare JSON.parse
// (TextDecoder + JSON.parse) of the same bytes in the same process, plus the
// plain loader for reference and the memory a loaded Run keeps per step.
//   node --expose-gc --import tsx bench/node-bench.ts [--sizes 1k,10k,100k] [--runs 3] [--indent 2]
// Generates missing files in bench/out/ first (see bench/generate.ts).
import { openAsBlob, readFileSync } from 'node:fs';
import { loadHistoryFile } from '../src/model/loadFile.ts';
import { loadHistoryStream, type StreamLoadStats } from '../src/model/stream/loadHistoryStream.ts';
import type { FileLoadResult } from '../src/model/types.ts';
import { ALL_SIZES, ensureGenerated, parseSizes } from './generate.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Row {
  size: string;
  mb: number;
  steps: number;
  jsonParseMs: number | null;
  jsonParseNote: string;
  streamMs: number;
  plainMs: number | null;
  streamPeakHeapMb: number;
  runHeapMb: number;
  bytesPerStep: number;
  skipped: number;
  parsed: number;
}

/** Holds the last result while its memory is measured (so it cannot be collected early). */
const keep: unknown[] = [];

const heapMb = (): number => process.memoryUsage().heapUsed / 1e6;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function bareJsonParse(bytes: Uint8Array): { ms: number } | { error: string } {
  const t0 = performance.now();
  try {
    const text = new TextDecoder().decode(bytes);
    const v = JSON.parse(text) as unknown;
    const ms = performance.now() - t0;
    if (v === null) throw new Error('unreachable');
    return { ms };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

function stepsOf(r: FileLoadResult): number {
  if (!r.ok) throw new Error(`load failed: ${r.error.message}`);
  return r.runs.reduce((n, run) => n + run.steps.length, 0);
}

async function benchOne(path: string, name: string, runs: number): Promise<Row> {
  const bytes = new Uint8Array(readFileSync(path));
  const mb = bytes.length / 1e6;
  const fileName = path.split('/').pop()!;

  // Bare JSON.parse of the same bytes (V8 cannot hold strings over ~512 MB).
  const parseTimes: number[] = [];
  let parseNote = '';
  for (let r = 0; r < runs; r++) {
    gc();
    const res = bareJsonParse(bytes);
    if ('error' in res) {
      parseNote = res.error;
      break;
    }
    parseTimes.push(res.ms);
  }

  // What a loaded Run keeps: heap after a full GC with the result alive, minus before.
  gc();
  gc();
  const heapBefore = heapMb();
  const kept = await loadHistoryStream(await openAsBlob(path), fileName);
  const steps = stepsOf(kept);
  keep.push(kept);
  gc();
  gc();
  const runHeap = heapMb() - heapBefore;
  keep.length = 0;

  // Streaming loader from a file-backed Blob (what a File is in the browser).
  const streamTimes: number[] = [];
  let peak = 0;
  let stats: StreamLoadStats | undefined;
  for (let r = 0; r < runs; r++) {
    gc();
    const before = heapMb();
    peak = 0;
    const blob = await openAsBlob(path);
    const t0 = performance.now();
    const result = await loadHistoryStream(blob, fileName, {
      onProgress: () => {
        const h = heapMb() - before;
        if (h > peak) peak = h;
      },
      onStats: (s) => {
        stats = s;
      },
    });
    streamTimes.push(performance.now() - t0);
    stepsOf(result);
  }

  // The plain loader, when the file fits in one string.
  const plainTimes: number[] = [];
  if (parseNote === '' && bytes.length < 200e6) {
    for (let r = 0; r < Math.min(runs, 2); r++) {
      gc();
      const t0 = performance.now();
      const res = await loadHistoryFile(bytes, fileName);
      plainTimes.push(performance.now() - t0);
      stepsOf(res);
    }
  }
  return {
    size: name,
    mb,
    steps,
    jsonParseMs: parseTimes.length > 0 ? median(parseTimes) : null,
    jsonParseNote: parseNote,
    streamMs: median(streamTimes),
    plainMs: plainTimes.length > 0 ? median(plainTimes) : null,
    streamPeakHeapMb: peak,
    runHeapMb: runHeap,
    bytesPerStep: (runHeap * 1e6) / Math.max(1, steps),
    skipped: stats?.skippedSteps ?? 0,
    parsed: stats?.parsedSteps ?? 0,
  };
}

const fmt = (x: number | null, d = 0): string => (x === null ? '-' : x.toFixed(d));

async function main(argv: string[]): Promise<void> {
  let sizes = ALL_SIZES.filter((s) => s.name !== '250k');
  let runs = 3;
  let indent: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') sizes = parseSizes(argv[++i] ?? '');
    else if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--indent') indent = Number(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  if (!(globalThis as { gc?: unknown }).gc)
    console.log('(run with node --expose-gc for steadier memory figures)');
  const rows: Row[] = [];
  for (const spec of sizes) {
    const path = ensureGenerated(spec, 'bench/out', 20250920, indent);
    const row = await benchOne(path, spec.name, runs);
    rows.push(row);
    console.log(
      `${row.size.padEnd(9)} ${fmt(row.mb, 1).padStart(7)} MB ${String(row.steps).padStart(7)} steps | ` +
        `JSON.parse ${row.jsonParseMs === null ? `n/a (${row.jsonParseNote})` : `${fmt(row.jsonParseMs)} ms`} | ` +
        `stream ${fmt(row.streamMs)} ms (${row.jsonParseMs === null ? '-' : (row.streamMs / row.jsonParseMs).toFixed(2)}x) | ` +
        `plain ${fmt(row.plainMs)} ms | peak heap while streaming ${fmt(row.streamPeakHeapMb)} MB ` +
        `(${(row.streamPeakHeapMb / row.mb).toFixed(2)}x file) | Run keeps ${fmt(row.runHeapMb)} MB = ` +
        `${fmt(row.bytesPerStep)} B/step | skipped ${row.skipped}, parsed ${row.parsed}`,
    );
  }
}

await main(process.argv.slice(2));
