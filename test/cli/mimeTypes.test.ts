// Content types shared by the project's local servers (CLI open, e2e, bench).
import { describe, expect, it } from 'vitest';
import { mimeType } from '../../src/cli/mimeTypes.mjs';

describe('mimeType', () => {
  it('maps the built app and data files by extension, in any case', () => {
    expect(mimeType('dist/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/a/assets/loadWorker-X1.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('STYLE.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeType('run.json.gz')).toBe('application/gzip');
    expect(mimeType('C:\\app\\logo.PNG')).toBe('image/png');
  });

  it('falls back to octet-stream for unknown or missing extensions', () => {
    expect(mimeType('history.bin')).toBe('application/octet-stream');
    expect(mimeType('folder.d/README')).toBe('application/octet-stream');
    expect(mimeType('.toString')).toBe('application/octet-stream');
  });
});
