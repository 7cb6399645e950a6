// The command-line entry: parses argv and runs `summary` or `open`. Called by
// bin/fsm-history-explorer.mjs; returns the exit code (the `open` server keeps
// the process alive after main returns). The commands are imported on use, so
// --help and `open` start without loading the model.
import { parseArgs } from './args.ts';
import type { Output } from './summaryCommand.ts';
import { packageVersion, USAGE } from './usage.ts';

/**
 * A reader that stops early (`summary ... | head`) closes the pipe: stop
 * quietly, as cat or git do, instead of dying on an unhandled EPIPE.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

const processOutput: Output = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
};

export async function main(argv: readonly string[], io: Output = processOutput): Promise<number> {
  if (io === processOutput) quietOnClosedPipe();
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      io.out(USAGE);
      return 0;
    case 'version':
      io.out(`${packageVersion()}\n`);
      return 0;
    case 'usage-error':
      io.err(`fsm-history-explorer: ${command.message}\n\n${USAGE}`);
      return command.command === 'diff' ? 2 : 1;
    case 'summary': {
      const { summaryCommand } = await import('./summaryCommand.ts');
      const db = command.db ? { store: command.db, since: command.since } : undefined;
      return summaryCommand(command.files, command.json, io, command.runs, db);
    }
    case 'diff': {
      const { diffCommand } = await import('./diffCommand.ts');
      return diffCommand(command, io);
    }
    case 'open': {
      const { openCommand } = await import('./openCommand.ts');
      return openCommand(command, io);
    }
  }
}
