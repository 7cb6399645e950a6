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
    [['summary'], 'summary needs at least one FILE (or --db URL)'],
    [['summary', 'a.db', '--run'], 'option --run needs a value'],
    [['summary', 'a.db', '--run='], 'option --run needs a value'],
    [['a.db', '--run', 'x'], 'option --run is only for the summary command'],
  ])('rejects %j: %s', (argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'usage-error', message });
  });

  it('reads a PostgreSQL store: --db with --schema, --table, --statement-timeout and --since', () => {
    expect(parseArgs(['summary', '--db', 'postgres://u@h/db', '--json'])).toEqual({
      kind: 'summary',
      files: [],
      json: true,
      runs: [],
      db: { url: 'postgres://u@h/db', schema: 'public', table: null, statementTimeout: '5s' },
    });
    expect(
      parseArgs([
        'summary',
        '--db=postgres://u@h/db',
        '--schema',
        'fsm',
        '--table=Records_2',
        '--statement-timeout',
        '1500ms',
        '--since',
        '2026-11-01',
        '--run',
        'conv-7f3a',
      ]),
    ).toMatchObject({
      db: { schema: 'fsm', table: 'Records_2', statementTimeout: '1500ms' },
      since: { epoch: Date.UTC(2026, 10, 1) / 1000, text: '2026-11-01' },
      runs: ['conv-7f3a'],
    });
    expect(parseArgs(['summary', '--db', 'x', '--since', '2026-11-01T12:30:00+02:00'])).toMatchObject({
      since: { epoch: Date.UTC(2026, 10, 1, 10, 30) / 1000 },
    });
  });

  it('reads serve --db with the options of open', () => {
    expect(
      parseArgs(['serve', '--db', 'postgres://u@h/db', '--port', '8080', '--no-open', '--table', 'fsm']),
    ).toEqual({
      kind: 'open',
      files: [],
      port: 8080,
      openBrowser: false,
      dist: null,
      db: { url: 'postgres://u@h/db', schema: 'public', table: 'fsm', statementTimeout: '5s' },
    });
  });

  it.each([
    [
      ['summary', '--db', 'x', '--table', 'records"; DROP TABLE records'],
      '--table "records\\"; DROP TABLE records" is not a plain identifier',
    ],
    [['summary', '--db', 'x', '--schema', 'a.b'], '--schema "a.b" is not a plain identifier'],
    [['summary', '--db', 'x', '--table', '1records'], '--table "1records" is not a plain identifier'],
    [['summary', '--db', 'x', '--statement-timeout', '5 s'], '--statement-timeout "5 s" is not a duration'],
    [['summary', '--db', 'x', '--since', '2026-02-30'], '--since 2026-02-30 is not a date'],
    [['summary', '--db', 'x', '--since', '2026-11-01T10:00'], '--since 2026-11-01T10:00 is not a date'],
    [['summary', 'a.db', '--table', 'records'], 'option --table is only for a store given with --db URL'],
    [['summary', 'a.db', '--db', 'x'], 'give FILEs or --db URL, not both'],
    [['serve'], 'serve needs --db URL'],
    [['--db', 'x', '--since', '2026-11-01'], 'option --since is only for the summary command'],
  ])('refuses %j before anything connects', (argv, start) => {
    const c = parseArgs(argv);
    expect(c.kind).toBe('usage-error');
    expect(c.kind === 'usage-error' && c.message.startsWith(start)).toBe(true);
  });

  it('answers --help and --version before anything else', () => {
    expect(parseArgs(['summary', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
  });
});
