// The loading progress transitions and the totals the progress bar shows.
import { describe, expect, it } from 'vitest';
import * as L from '../../src/store/loadingState.ts';

describe('loading jobs', () => {
  it('startJob gives ids in sequence and clears an old notice', () => {
    let s = L.setNotice(L.INITIAL_LOADING, 'Loading cancelled');
    s = L.startJob(s, 'read', [{ name: 'a.json', totalBytes: 100 }]);
    s = L.startJob(s, 'download', [{ name: 'b.json', totalBytes: 0 }]);
    expect(s.jobs.map((j) => [j.id, j.phase])).toEqual([
      [1, 'read'],
      [2, 'download'],
    ]);
    expect(s.nextJobId).toBe(3);
    expect(s.notice).toBeNull();
  });

  it('jobProgress updates the named file and keeps a known size when the report has none', () => {
    let s = L.startJob(L.INITIAL_LOADING, 'read', [
      { name: 'a.json', totalBytes: 100 },
      { name: 'b.json', totalBytes: 300 },
    ]);
    s = L.jobProgress(s, 1, { fileName: 'b.json', bytesRead: 150, totalBytes: 0, stepsMerged: 12 });
    const b = s.jobs[0]?.files[1];
    expect(b).toEqual({ name: 'b.json', bytesRead: 150, totalBytes: 300, stepsMerged: 12 });
    expect(L.jobProgress(s, 1, { fileName: 'zzz', bytesRead: 1, totalBytes: 1 })).toBe(s);
    expect(L.jobProgress(s, 99, { fileName: 'a.json', bytesRead: 1, totalBytes: 1 })).toBe(s);
  });

  it('setJobPhase swaps the file list; finishJob removes the job', () => {
    let s = L.startJob(L.INITIAL_LOADING, 'download', [{ name: '0', totalBytes: 0 }]);
    s = L.setJobPhase(s, 1, 'read', [{ name: 'run.json', totalBytes: 50 }]);
    expect(s.jobs[0]).toEqual({
      id: 1,
      phase: 'read',
      files: [{ name: 'run.json', bytesRead: 0, totalBytes: 50, stepsMerged: 0 }],
    });
    expect(L.setJobPhase(s, 7, 'read', [])).toBe(s);
    s = L.finishJob(s, 1);
    expect(s.jobs).toEqual([]);
    expect(L.finishJob(s, 1)).toBe(s);
  });

  it('setNotice sets and clears the status line', () => {
    const s = L.setNotice(L.INITIAL_LOADING, 'Loading cancelled');
    expect(s.notice).toBe('Loading cancelled');
    expect(L.setNotice(s, 'Loading cancelled')).toBe(s);
    expect(L.setNotice(s, null).notice).toBeNull();
  });
});

describe('loadingTotals', () => {
  it('sums bytes over every job and names the first unfinished file', () => {
    let s = L.startJob(L.INITIAL_LOADING, 'read', [
      { name: 'a.json', totalBytes: 100 },
      { name: 'b.json', totalBytes: 300 },
    ]);
    s = L.jobProgress(s, 1, { fileName: 'a.json', bytesRead: 100, totalBytes: 100 });
    s = L.jobProgress(s, 1, { fileName: 'b.json', bytesRead: 50, totalBytes: 300 });
    expect(L.loadingTotals(s.jobs)).toEqual({
      active: true,
      phase: 'read',
      bytesRead: 150,
      totalBytes: 400,
      fileCount: 2,
      currentFile: 'b.json',
    });
  });

  it('reports an unknown total (indeterminate bar) when a size is unknown', () => {
    const s = L.startJob(L.INITIAL_LOADING, 'download', [{ name: 'x', totalBytes: 0 }]);
    expect(L.loadingTotals(s.jobs).totalBytes).toBe(0);
    expect(L.loadingTotals([]).active).toBe(false);
  });
});
