// The benchmark's own browser among the machine's processes (found by a
// made-up switch, `marker`, on its command line) and its child processes,
// read from /proc: their peak resident memory and the CPU time they use.
import { readdirSync, readFileSync } from 'node:fs';

export interface BrowserProcess {
  readonly pid: number;
  /** Chromium's process type: 'browser', 'renderer', 'gpu-process', 'utility', 'zygote'. */
  readonly type: string;
}

/** The browser process whose command line holds `marker`, and every process under it. */
export function browserProcesses(marker: string): BrowserProcess[] {
  const parent = new Map<number, number>();
  let browserPid = -1;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
      if (browserPid < 0 && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(marker))
        browserPid = Number(d);
    } catch {
      // the process ended meanwhile
    }
  }
  if (browserPid < 0) return [];
  const under = (pid: number): boolean => {
    let p: number | undefined = pid;
    for (let k = 0; k < 10 && p !== undefined; k++) {
      if (p === browserPid) return true;
      p = parent.get(p);
    }
    return false;
  };
  const out: BrowserProcess[] = [];
  for (const pid of parent.keys()) {
    if (!under(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      out.push({ pid, type: /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser' });
    } catch {
      // gone
    }
  }
  return out;
}

/** A memory figure of /proc/PID/status in bytes (VmHWM: peak resident, VmRSS: resident now); 0 when it is gone. */
function statusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Peak resident memory (VmHWM, bytes) of a process; 0 when it is gone. */
export function peakRss(pid: number): number {
  return statusBytes(pid, 'VmHWM');
}

/** Resident memory now (VmRSS, bytes) of a process; 0 when it is gone. */
export function currentRss(pid: number): number {
  return statusBytes(pid, 'VmRSS');
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) each process has used so far, all its threads included, by pid. */
export function cpuTimes(processes: readonly BrowserProcess[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const { pid } of processes) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // gone
    }
  }
  return out;
}
