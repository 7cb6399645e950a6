// Argument parsing for the command line, without starting a process.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';

describe('parseArgs', () => {
  it('reads summary with files and --json anywhere', () => {
    expect(parseArgs(['summary', 'a.json', '--json', 'b.json.gz'])).toEqual({
      kind: 'summary',
      files: ['a.json', 'b.json.gz'],
      json: true,
      runs: [],
    });
  });

  it('reads --run both ways, repeated, in order', () => {
    expect(parseArgs(['summary', 'store.db', '--run', 'conv-7f3a', '--run=batch-17', '--json'])).toEqual({
      kind: 'summary',
      files: ['store.db'],
      json: true,
      runs: ['conv-7f3a', 'batch-17'],
    });
    // An id that looks like an option is given with '='.
    expect(parseArgs(['summary', 'a.db', '--run=--odd id'])).toMatchObject({ runs: ['--odd id'] });
  });

  it('treats bare files as open, with or without the word', () => {
    const expected = { kind: 'open', files: ['a.json'], port: 0, openBrowser: true, dist: null };
    expect(parseArgs(['a.json'])).toEqual(expected);
    expect(parseArgs(['open', 'a.json'])).toEqual(expected);
    expect(parseArgs([])).toEqual({ ...expected, files: [] });
  });

  it('reads --port both ways, --no-open and --dist', () => {
    expect(parseArgs(['--port=8080', '--no-open', '--dist', 'out', 'x.json'])).toEqual({
      kind: 'open',
      files: ['x.json'],
      port: 8080,
      openBrowser: false,
      dist: 'out',
    });
    expect(parseArgs(['open', '--port', '0'])).toMatchObject({ kind: 'open', port: 0 });
  });

  it('takes everything after -- as files, even names that look like options', () => {
    expect(parseArgs(['summary', '--', '--json', '-x.json'])).toEqual({
      kind: 'summary',
      files: ['--json', '-x.json'],
      json: false,
      runs: [],
    });
  });

  it.each([
    [['--frobnicate'], 'unknown option --frobnicate'],
    [['summary', '-x', 'a.json'], 'unknown option -x'],
    [['--port', 'abc'], '--port must be 0..65535, not abc'],
    [['--port', '70000'], '--port must be 0..65535, not 70000'],
    [['--port'], 'option --port needs a value'],
    [['--no-open=yes'], 'option --no-open takes no value'],
    [['a.json', '--json'], 'option --json is only for the summary command'],
    [['summary', 'a.json', '--no-open'], 'option --no-open is only for the open command'],
    [['summary'], 'summary needs at least one FILE'],
    [['summary', 'a.db', '--run'], 'option --run needs a value'],
    [['summary', 'a.db', '--run='], 'option --run needs a value'],
    [['a.db', '--run', 'x'], 'option --run is only for the summary command'],
  ])('rejects %j: %s', (argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'usage-error', message });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseArgs(['summary', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
  });
});
