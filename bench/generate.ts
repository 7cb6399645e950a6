// Seeded generator of benchmark runs in the producer's exact form.
//   npx tsx bench/generate.ts [--sizes 1k,10k,100k,250k,chain10k] [--seed N] [--indent 2] [--out DIR] [--force]
// The default layout is json.dumps' default one-line form, as in
// test/fixtures/fanout-2k.json (100k steps ~ 365 MB, 250k ~ 0.9 GB); --indent 2
// gives the json.dumps(indent=2) layout of the smaller fixtures (~40% larger).
// Files go to bench/out/ (gitignored), written in pieces (never one big string);
// an existing file made with the same options is kept.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { buildTree, type RunShape } from './gen/shape.ts';
import { BufferedSink, writeRun } from './gen/writeRun.ts';
import { byNames } from './names.ts';

export interface GenerateOptions {
  readonly steps: number;
  readonly shape: RunShape;
  readonly seed: number;
  readonly indent: number | null;
}

export interface SizeSpec {
  readonly name: string;
  readonly steps: number;
  readonly shape: RunShape;
}

export const ALL_SIZES: readonly SizeSpec[] = [
  { name: '1k', steps: 1_000, shape: 'fanout' },
  { name: '10k', steps: 10_000, shape: 'fanout' },
  { name: '100k', steps: 100_000, shape: 'fanout' },
  { name: '250k', steps: 250_000, shape: 'fanout' },
  { name: 'chain10k', steps: 10_000, shape: 'chain' },
];

export function parseSizes(list: string): SizeSpec[] {
  return byNames(list, ALL_SIZES, 'size');
}

/** The whole run as one string: for tests and small runs only. */
export function generateToString(opts: GenerateOptions): string {
  const parts: string[] = [];
  const sink = new BufferedSink((p) => parts.push(p));
  writeRun(buildTree(opts), opts.indent, sink);
  sink.flush();
  return parts.join('');
}

/** Writes the run to `path` in pieces; returns the number of bytes written. */
export function generateToFile(opts: GenerateOptions, path: string): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    const sink = new BufferedSink((piece) => {
      bytes += writeSync(fd, piece, null, 'utf8');
    }, 4 << 20);
    writeRun(buildTree(opts), opts.indent, sink);
    sink.flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export function benchFileName(spec: SizeSpec, indent: number | null): string {
  return `${spec.shape === 'chain' ? spec.name : `fanout-${spec.name}`}${indent === null ? '' : `-indent${indent}`}.json`;
}

/** Generates (or reuses) the file for one size; returns its path. */
export function ensureGenerated(
  spec: SizeSpec,
  outDir: string,
  seed: number,
  indent: number | null,
  force = false,
): string {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, benchFileName(spec, indent));
  const meta = JSON.stringify({ steps: spec.steps, shape: spec.shape, seed, indent, version: 1 });
  const metaPath = `${path}.meta`;
  if (!force && existsSync(path) && existsSync(metaPath) && readFileSync(metaPath, 'utf8') === meta)
    return path;
  const t0 = performance.now();
  const bytes = generateToFile({ steps: spec.steps, shape: spec.shape, seed, indent }, path);
  writeFileSync(metaPath, meta);
  const mb = (bytes / 1e6).toFixed(1);
  console.log(
    `generated ${path}: ${spec.steps} steps, ${mb} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return path;
}

function main(argv: string[]): void {
  let sizes: SizeSpec[] = [...ALL_SIZES];
  let seed = 20250920;
  let indent: number | null = null;
  let outDir = 'bench/out';
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') sizes = parseSizes(argv[++i] ?? '');
    else if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--indent') indent = Number(argv[++i]);
    else if (a === '--out') outDir = argv[++i] ?? outDir;
    else if (a === '--force') force = true;
    else throw new Error(`unknown option ${a}`);
  }
  for (const spec of sizes) ensureGenerated(spec, outDir, seed, indent, force);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
