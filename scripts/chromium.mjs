// How the project starts Debian's headless Chromium (end-to-end tests,
// screenshots, benchmark): Playwright's own browser download cannot work here.
// Background-networking flags keep Chromium off the closed network.
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);
