// Loading progress as pure transitions: one job per batch of files (a drop, a
// pick, a paste, the ?url list), each with per-file byte counts. The loading
// controller (features/loading) drives it; the progress bar reads the totals.

export type LoadPhase = 'download' | 'read';

export interface LoadJobFile {
  readonly name: string;
  readonly bytesRead: number;
  /** 0 when unknown (a download without Content-Length). */
  readonly totalBytes: number;
  readonly stepsMerged: number;
}

export interface LoadJob {
  readonly id: number;
  readonly phase: LoadPhase;
  readonly files: readonly LoadJobFile[];
}

export interface LoadingState {
  readonly jobs: readonly LoadJob[];
  readonly nextJobId: number;
  /** A short status line after a load, e.g. "Loading cancelled"; null for none. */
  readonly notice: string | null;
}

export const INITIAL_LOADING: LoadingState = { jobs: [], nextJobId: 1, notice: null };

export interface JobFileSpec {
  readonly name: string;
  readonly totalBytes: number;
}

function toFiles(files: readonly JobFileSpec[]): LoadJobFile[] {
  return files.map((f) => ({ name: f.name, bytesRead: 0, totalBytes: f.totalBytes, stepsMerged: 0 }));
}

/** Starts a job; its id is `state.nextJobId` (read it before calling). */
export function startJob(state: LoadingState, phase: LoadPhase, files: readonly JobFileSpec[]): LoadingState {
  const job: LoadJob = { id: state.nextJobId, phase, files: toFiles(files) };
  return { jobs: [...state.jobs, job], nextJobId: state.nextJobId + 1, notice: null };
}

/** Moves a job to another phase with a fresh file list (e.g. downloads done, now reading). */
export function setJobPhase(
  state: LoadingState,
  id: number,
  phase: LoadPhase,
  files: readonly JobFileSpec[],
): LoadingState {
  if (!state.jobs.some((j) => j.id === id)) return state;
  return { ...state, jobs: state.jobs.map((j) => (j.id === id ? { id, phase, files: toFiles(files) } : j)) };
}

export interface FileProgress {
  readonly fileName: string;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly stepsMerged?: number;
}

/** Records progress of one file of a job (matched by name); unknown jobs or files are ignored. */
export function jobProgress(state: LoadingState, id: number, p: FileProgress): LoadingState {
  const job = state.jobs.find((j) => j.id === id);
  if (!job) return state;
  const at = job.files.findIndex((f) => f.name === p.fileName);
  if (at < 0) return state;
  const old = job.files[at]!;
  const file: LoadJobFile = {
    name: old.name,
    bytesRead: p.bytesRead,
    totalBytes: p.totalBytes > 0 ? p.totalBytes : old.totalBytes,
    stepsMerged: p.stepsMerged ?? old.stepsMerged,
  };
  const files = job.files.map((f, i) => (i === at ? file : f));
  return { ...state, jobs: state.jobs.map((j) => (j.id === id ? { ...j, files } : j)) };
}

export function finishJob(state: LoadingState, id: number): LoadingState {
  if (!state.jobs.some((j) => j.id === id)) return state;
  return { ...state, jobs: state.jobs.filter((j) => j.id !== id) };
}

export function setNotice(state: LoadingState, notice: string | null): LoadingState {
  return state.notice === notice ? state : { ...state, notice };
}

export interface LoadingTotals {
  readonly active: boolean;
  readonly phase: LoadPhase | null;
  readonly bytesRead: number;
  /** 0 when some size is unknown: the bar is then indeterminate. */
  readonly totalBytes: number;
  readonly fileCount: number;
  /** The first file not yet fully read, for the label. */
  readonly currentFile: string | null;
}

/** Sums over all running jobs (`LoadingState.jobs`), for one progress bar. */
export function loadingTotals(jobs: readonly LoadJob[]): LoadingTotals {
  let bytesRead = 0;
  let totalBytes = 0;
  let unknown = false;
  let fileCount = 0;
  let currentFile: string | null = null;
  for (const job of jobs) {
    for (const f of job.files) {
      fileCount++;
      bytesRead += f.bytesRead;
      totalBytes += f.totalBytes;
      if (f.totalBytes <= 0) unknown = true;
      if (currentFile === null && (f.totalBytes <= 0 || f.bytesRead < f.totalBytes)) currentFile = f.name;
    }
  }
  return {
    active: jobs.length > 0,
    phase: jobs[0]?.phase ?? null,
    bytesRead,
    totalBytes: unknown ? 0 : totalBytes,
    fileCount,
    currentFile: currentFile ?? jobs[0]?.files[0]?.name ?? null,
  };
}
