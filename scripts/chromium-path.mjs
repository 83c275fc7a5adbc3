// Where is a Chromium or Chrome we can drive with playwright-core? Shared by ensure-chromium and the e2e harness.
import { accessSync, constants } from 'node:fs';

/** @type {string[]} */
export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first executable Chromium/Chrome: $CHROMIUM_PATH, then the usual Linux paths; null if none.
 * @returns {string | null}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && isExecutable(fromEnv)) return fromEnv;
  for (const path of CHROMIUM_CANDIDATES) if (isExecutable(path)) return path;
  return null;
}
