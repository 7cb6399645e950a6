// `fsm-history-explorer summary FILE... [--json]`: loads each file in turn and
// prints its runs (text as each file is done, or one JSON document at the end).
// A file that cannot be read is reported on stderr; the others still are. Exit 2 then.
import { describeLoadError, readHistory } from './readHistory.ts';
import { type LoadedFile, summaryJson } from './summaryJson.ts';
import { fileText } from './summaryText.ts';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export async function summaryCommand(files: readonly string[], json: boolean, io: Output): Promise<number> {
  const loaded: LoadedFile[] = [];
  let failures = 0;
  let printed = 0;
  for (const path of files) {
    const result = await readHistory(path);
    if (!result.ok) {
      failures++;
      io.err(`fsm-history-explorer: ${describeLoadError(path, result.error)}\n`);
      continue;
    }
    if (json) loaded.push({ path, runs: result.runs });
    else {
      io.out(`${printed > 0 ? '\n' : ''}${fileText(path, result.runs)}`);
      printed++;
    }
  }
  if (json) io.out(summaryJson(loaded));
  return failures > 0 ? 2 : 0;
}
