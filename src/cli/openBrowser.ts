// Opens a URL in the user's browser with whatever the system offers
// (open on macOS, start on Windows, xdg-open elsewhere). Never throws and
// never waits for the browser: returns false when no opener exists.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(command: string): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      try {
        accessSync(join(dir, command + ext), constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}

/** The command and arguments that open `url`, or null when this system has none. */
export function browserCommand(url: string): { command: string; args: string[] } | null {
  if (process.platform === 'darwin') return onPath('open') ? { command: 'open', args: [url] } : null;
  if (process.platform === 'win32') {
    // `start` is a cmd built-in; the empty title and ^-escaped & keep the URL whole.
    return { command: 'cmd', args: ['/c', 'start', '""', url.replaceAll('&', '^&')] };
  }
  for (const command of ['xdg-open', 'wslview', 'sensible-browser']) {
    if (onPath(command)) return { command, args: [url] };
  }
  return null;
}

export function openBrowser(url: string): boolean {
  const found = browserCommand(url);
  if (!found) return false;
  try {
    const child = spawn(found.command, found.args, {
      stdio: 'ignore',
      detached: true,
      windowsVerbatimArguments: process.platform === 'win32',
    });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
