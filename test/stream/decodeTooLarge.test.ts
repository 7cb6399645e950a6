// Over ~512 MB Chromium's TextDecoder returns '' instead of throwing. The
// plain loader must call that "too large" (and point at the summary
// command), not "empty". A stubbed TextDecoder stands in for Chromium.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bytesToText } from '../../src/model/decode.ts';
import { LoadError } from '../../src/model/errors.ts';
import { loadHistoryFile } from '../../src/model/loadFile.ts';

class EmptyDecoder {
  decode(): string {
    return '';
  }
}

function thrownBy(fn: () => unknown): LoadError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LoadError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

const bytes = new TextEncoder().encode('{"summary": {}, "paths": []}');

describe('TextDecoder giving an empty string for non-empty bytes', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('bytesToText reports kind too-large with the summary command', () => {
    vi.stubGlobal('TextDecoder', EmptyDecoder);
    const e = thrownBy(() => bytesToText(bytes, 'big run.json'));
    expect(e.info.kind).toBe('too-large');
    expect(e.info.message).toContain("npx fsm-history-explorer summary 'big run.json'");
    expect(e.info.message).not.toContain('empty');
  });

  it('loadHistoryFile fails with kind too-large, not empty', async () => {
    vi.stubGlobal('TextDecoder', EmptyDecoder);
    const r = await loadHistoryFile(bytes, 'huge.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('too-large');
    expect(r.error.message).toMatch(/^huge\.json: this file is too big to open in the browser/);
    expect(r.error.message).toContain('npx fsm-history-explorer summary huge.json');
  });

  it('with the real decoder a whitespace-only file is still empty, and so is a lone BOM', () => {
    expect(thrownBy(() => bytesToText(new TextEncoder().encode(' \n '), 'blank.json')).info.kind).toBe(
      'empty',
    );
    expect(thrownBy(() => bytesToText(new Uint8Array([0xef, 0xbb, 0xbf]), 'bom.json')).info.kind).toBe(
      'empty',
    );
  });
});
