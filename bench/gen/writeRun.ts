// Writes a generated run in the producer's plain form (summary, every
// root-to-leaf path in full, mode_storage with every step once) to a sink in
// small pieces, so a 1 GB file never exists as one string.

import { pyDumps } from './pyjson.ts';
import type { GeneratedTree } from './shape.ts';

export interface TextSink {
  write(text: string): void;
}

/** Buffers writes into pieces of about `pieceSize` characters before passing them on. */
export class BufferedSink implements TextSink {
  private parts: string[] = [];
  private size = 0;
  constructor(
    private readonly out: (piece: string) => void,
    private readonly pieceSize = 1 << 20,
  ) {}
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.pieceSize) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.out(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** Producer's json.dumps layout of { summary, paths, mode_storage }. */
export function writeRun(tree: GeneratedTree, indent: number | null, sink: TextSink): void {
  const pad = (level: number): string => (indent === null ? '' : `\n${' '.repeat(indent * level)}`);
  const sep = indent === null ? ', ' : ',';
  sink.write(`{${pad(1)}"summary": ${pyDumps(tree.summary, indent, 1)}${sep}${pad(1)}"paths": [`);
  const n = tree.ids.length;
  const path: number[] = [];
  let firstPath = true;
  for (let leaf = 0; leaf < n; leaf++) {
    if (tree.isLeaf[leaf] !== 1) continue;
    path.length = 0;
    for (let i = leaf; i >= 0; i = tree.parent[i]!) path.push(i);
    sink.write(`${firstPath ? '' : sep}${pad(2)}[`);
    firstPath = false;
    for (let k = path.length - 1; k >= 0; k--) {
      sink.write(`${k === path.length - 1 ? '' : sep}${pad(3)}${tree.text[path[k]!]!}`);
    }
    sink.write(`${pad(2)}]`);
  }
  sink.write(`${n > 0 ? pad(1) : ''}]${sep}${pad(1)}"mode_storage": {${pad(2)}"copy": [`);
  for (let i = 0; i < n; i++) sink.write(`${i === 0 ? '' : sep}${pad(3)}${tree.text[i]!}`);
  sink.write(
    `${n > 0 ? pad(2) : ''}]${sep}${pad(2)}"reference": []${sep}${pad(2)}"direct": []${pad(1)}}${pad(0)}}`,
  );
}
