// Collects a run's warnings. Each message names the file and the place. A
// file with a systematic problem would repeat the same warning for every
// step, so each code keeps its first few messages and then one summary line.
import type { RunWarning, WarningCode } from './types.ts';

export const WARNINGS_PER_CODE = 20;

export class WarningSink {
  private readonly list: RunWarning[] = [];
  private readonly perCode = new Map<WarningCode, number>();
  constructor(
    readonly fileName: string,
    private readonly cap = WARNINGS_PER_CODE,
  ) {}

  /** Adds `file: where: text` (where omitted when empty). */
  add(code: WarningCode, where: string, text: string): void {
    const seen = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, seen);
    if (seen > this.cap) return;
    this.list.push({
      code,
      message: where ? `${this.fileName}: ${where}: ${text}` : `${this.fileName}: ${text}`,
    });
  }

  has(code: WarningCode): boolean {
    return this.perCode.has(code);
  }

  /** Warnings in the order added, with one "N more" line per code that hit the cap. */
  toArray(): RunWarning[] {
    const out = [...this.list];
    for (const [code, seen] of this.perCode) {
      if (seen > this.cap) {
        out.push({
          code,
          message: `${this.fileName}: ${seen - this.cap} more '${code}' warnings like the ones above were not listed`,
        });
      }
    }
    return out;
  }
}
