// The JSON benchmark's table: per size, the load against bare JSON.parse,
// memory, the state filter, frame work and step selection; then notes and
// where each load's time went.
import { cpuText } from '../browser/benchBrowser.ts';
import { printTable } from '../textTable.ts';
import type { SizeResult } from './sizeResult.ts';

const mb = (b: number): string => (b / 1e6).toFixed(0);
const ms = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : x.toFixed(0));

export function printSizes(results: readonly SizeResult[]): void {
  const rows = results.map((r) => [
    r.name,
    `${mb(r.fileBytes)} MB`,
    r.load.ok ? `${ms(r.load.ms)} ms` : `FAILED${r.load.message ? `: ${r.load.message.slice(0, 60)}` : ''}`,
    r.jsonParse.ok ? `${ms(r.jsonParse.ms)} ms` : `n/a (${(r.jsonParse.error ?? '').slice(0, 40)})`,
    r.loadVsJsonParse === null ? '-' : `${r.loadVsJsonParse.toFixed(2)}x`,
    r.loadVsReadAndParse == null || r.jsonParse.readMs === undefined
      ? '-'
      : `${r.loadVsReadAndParse.toFixed(2)}x (read ${ms(r.jsonParse.readMs)} ms)`,
    r.heap ? `${mb(r.heap.peakTotalBytes)} MB (${r.heap.peakTotalVsFile.toFixed(2)}x)` : '-',
    r.heap ? `${mb(r.heap.rendererPeakRssBytes)} MB` : '-',
    r.filter?.apply ? `${ms(r.filter.apply.median)} ms` : '-',
    r.frames ? `${ms(r.frames.p95WorkMs)} ms` : '-',
    r.select ? `${ms(r.select.median)} ms` : '-',
  ]);
  const head = [
    'size',
    'file',
    'load to tree drawn',
    'bare JSON.parse',
    'load/parse',
    'load/(read+parse)',
    'peak JS heap (x file)',
    'renderer peak RSS',
    'state filter',
    'p95 frame work',
    'select step',
  ];
  printTable(head, rows);
  for (const r of results) for (const n of r.notes) console.log(`note (${r.name}): ${n}`);
  for (const r of results) {
    if (r.loadPhases) {
      const p = r.loadPhases;
      console.log(
        `phases (${r.name}): worker result after ${ms(p.workerResultMs)} ms, ` +
          `deserialise ${ms(p.deserializeMs)} ms, main thread to drawn ${ms(p.mainThreadMs)} ms` +
          (r.loadCpu ? `; browser CPU ${cpuText(r.loadCpu)}` : ''),
      );
    }
  }
}
