// Makes sure the end-to-end tests have a Chromium to drive, and fonts for Chinese pages. Finds Chromium; on
// Debian as root installs it with apt-get, together with `fonts-noto-cjk` (a fresh CI machine has no CJK font,
// and screenshots of the Chinese edition would show boxes); where Chromium is there but no font covers Chinese
// (`fc-list :lang=zh` is empty), installs the fonts alone. Otherwise says what to install and exits 1 (a
// missing CJK font only warns: the tests run, the Chinese screenshots would not be readable).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_CANDIDATES, findChromium } from './chromium-path.mjs';

const CJK_FONTS = 'fonts-noto-cjk';

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

const isDebian = existsSync('/etc/debian_version');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function aptInstall(packages) {
  execSync(`apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Whether fontconfig knows a font covering Chinese; null when fc-list itself is missing (cannot tell). */
function hasCjkFont() {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0;
  } catch {
    return null;
  }
}

/** Chromium is there: make sure Chinese renders too (installs the fonts where we may, else warns). */
function ensureCjkFont() {
  if (hasCjkFont() === true) return;
  if (isDebian && isRoot) {
    console.log(`ensure-chromium: no font covers Chinese (fc-list :lang=zh is empty); installing ${CJK_FONTS} with apt-get...`);
    try {
      aptInstall([CJK_FONTS]);
    } catch {
      console.warn(`ensure-chromium: \`apt-get install ${CJK_FONTS}\` failed; screenshots of the Chinese pages will show boxes.`);
      return;
    }
    if (hasCjkFont() === false) console.warn(`ensure-chromium: ${CJK_FONTS} installed but fc-list :lang=zh is still empty.`);
    return;
  }
  console.warn(`ensure-chromium: no font covers Chinese; install ${CJK_FONTS} (Debian/Ubuntu) or any CJK font, or the Chinese screenshots will show boxes.`);
}

let found = findChromium();
if (found) {
  console.log(`ensure-chromium: using ${found}`);
  ensureCjkFont();
  process.exit(0);
}

if (process.env.CHROMIUM_PATH) {
  console.error(`ensure-chromium: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable; looking elsewhere.`);
}

if (isDebian && isRoot) {
  console.log(`ensure-chromium: no Chromium found; installing the Debian packages \`chromium\` and \`${CJK_FONTS}\` with apt-get...`);
  try {
    aptInstall(['chromium', CJK_FONTS]);
  } catch {
    fail('`apt-get install chromium` failed. Install Chromium yourself, or set CHROMIUM_PATH to a Chromium/Chrome binary.');
  }
  found = findChromium();
  if (found) {
    console.log(`ensure-chromium: installed ${found}`);
    ensureCjkFont();
    process.exit(0);
  }
  fail('apt-get finished but no Chromium binary was found. Set CHROMIUM_PATH to a Chromium/Chrome binary.');
}

fail(
  [
    'the end-to-end tests need Chromium or Google Chrome, and none was found.',
    `Looked at $CHROMIUM_PATH and ${CHROMIUM_CANDIDATES.join(', ')}.`,
    isDebian
      ? `On Debian/Ubuntu: \`sudo apt-get install chromium ${CJK_FONTS}\` (or \`chromium-browser\`), then rerun.`
      : 'Install Chromium or Google Chrome with your system package manager, then rerun.',
    'Or point CHROMIUM_PATH at an existing Chromium/Chrome binary.',
  ].join('\n  '),
);
