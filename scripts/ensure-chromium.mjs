// Makes sure the end-to-end tests have a Chromium to drive. Finds one; on Debian as root installs it
// with apt-get; otherwise says what to install and exits 1.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_CANDIDATES, findChromium } from './chromium-path.mjs';

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

let found = findChromium();
if (found) {
  console.log(`ensure-chromium: using ${found}`);
  process.exit(0);
}

if (process.env.CHROMIUM_PATH) {
  console.error(`ensure-chromium: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable; looking elsewhere.`);
}

const isDebian = existsSync('/etc/debian_version');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (isDebian && isRoot) {
  console.log('ensure-chromium: no Chromium found; installing the Debian package `chromium` with apt-get...');
  try {
    execSync('apt-get update && apt-get install -y --no-install-recommends chromium', {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    fail('`apt-get install chromium` failed. Install Chromium yourself, or set CHROMIUM_PATH to a Chromium/Chrome binary.');
  }
  found = findChromium();
  if (found) {
    console.log(`ensure-chromium: installed ${found}`);
    process.exit(0);
  }
  fail('apt-get finished but no Chromium binary was found. Set CHROMIUM_PATH to a Chromium/Chrome binary.');
}

fail(
  [
    'the end-to-end tests need Chromium or Google Chrome, and none was found.',
    `Looked at $CHROMIUM_PATH and ${CHROMIUM_CANDIDATES.join(', ')}.`,
    isDebian
      ? 'On Debian/Ubuntu: `sudo apt-get install chromium` (or `chromium-browser`), then rerun.'
      : 'Install Chromium or Google Chrome with your system package manager, then rerun.',
    'Or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
  ].join('\n  '),
);
