// Times the streaming loader on one file against TextDecoder + JSON.parse of
// the same bytes in the same process; small enough to run under a profiler:
//   node --cpu-prof --import tsx bench/profile-stream.ts [file] [runs]
import { openAsBlob, readFileSync } from 'node:fs';
import { loadHistoryStream } from '../src/model/stream/loadHistoryStream.ts';

const path = process.argv[2] ?? '/work/main/bench/out/fanout-100k.json';
const bytes = readFileSync(path);
let t0 = performance.now();
JSON.parse(new TextDecoder().decode(bytes));
const jp = performance.now() - t0;
for (let r = 0; r < Number(process.argv[3] ?? 2); r++) {
  t0 = performance.now();
  let st: unknown;
  const res = await loadHistoryStream(await openAsBlob(path), 'x.json', {
    onStats: (s) => {
      st = s;
    },
  });
  const ms = performance.now() - t0;
  console.log(
    `json.parse ${jp.toFixed(0)} stream ${ms.toFixed(0)} ratio ${(ms / jp).toFixed(2)} ok=${res.ok}`,
    JSON.stringify(st),
  );
}
