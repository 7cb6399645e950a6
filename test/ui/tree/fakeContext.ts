// Test helper: a DrawContext that records what would be painted, counting
// calls by name and keeping fillText strings, so drawing can be checked in Node.
import type { DrawContext } from '../../../src/features/tree-view/drawTree.ts';

export interface FakeContext extends DrawContext {
  readonly calls: Map<string, number>;
  readonly texts: string[];
  /** Arguments of every setTransform call, in order. */
  readonly transforms: number[][];
  count(name: string): number;
}

export function fakeContext(): FakeContext {
  const calls = new Map<string, number>();
  const texts: string[] = [];
  const transforms: number[][] = [];
  const hit = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  const method =
    (name: string) =>
    (..._args: unknown[]): void => {
      hit(name);
    };
  const ctx = {
    calls,
    texts,
    transforms,
    count: (name: string) => calls.get(name) ?? 0,
    fillStyle: '#000' as string | CanvasGradient | CanvasPattern,
    strokeStyle: '#000' as string | CanvasGradient | CanvasPattern,
    lineWidth: 1,
    font: '10px sans-serif',
    textAlign: 'start' as CanvasTextAlign,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
    globalAlpha: 1,
    setTransform(...args: number[]) {
      hit('setTransform');
      transforms.push(args);
    },
    fillRect: method('fillRect'),
    strokeRect: method('strokeRect'),
    beginPath: method('beginPath'),
    closePath: method('closePath'),
    moveTo: method('moveTo'),
    lineTo: method('lineTo'),
    arcTo: method('arcTo'),
    rect: method('rect'),
    stroke: method('stroke'),
    fill: method('fill'),
    setLineDash: method('setLineDash'),
    save: method('save'),
    restore: method('restore'),
    fillText(text: string) {
      hit('fillText');
      texts.push(text);
    },
    measureText(text: string) {
      hit('measureText');
      return { width: text.length * 7 } as TextMetrics;
    },
  };
  return ctx as unknown as FakeContext;
}
