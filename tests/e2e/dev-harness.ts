// `astro dev` for the browser tests and the benchmarks: started on a free port in its own process group (so one
// kill stops it and its children), with its terminal output kept for the tests to read.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './harness';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export interface DevServer {
  url: string;
  /** Everything the server printed so far (stdout and stderr, ANSI colours stripped). */
  output(): string;
  close(): void;
}

export async function startDevServer(): Promise<DevServer> {
  const port = await freePort();
  // vitest puts Vite's own variables into process.env; the dev server must not see them.
  // LESSON_FIXTURES=1: the fixture chapters are served (at /lessons/_fixture/...), as in a test build.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ASTRO_TELEMETRY_DISABLED: '1', LESSON_FIXTURES: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  const dev: ChildProcess = spawn('npx', ['astro', 'dev', '--port', String(port), '--host', '127.0.0.1'], { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => void (out += b.toString().replace(/\x1b\[[0-9;]*m/g, ''));
  dev.stdout?.on('data', keep);
  dev.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}/`;
  const close = () => {
    if (dev.pid) {
      try {
        process.kill(-dev.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      close();
      throw new Error(`the dev server did not start within 120 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, output: () => out, close };
}

/**
 * A chapter file the test edits and always puts back: `restore()` in a finally, and once more when the process
 * exits (a test killed half-way must not leave a broken fixture behind).
 */
export function editableFile(rel: string) {
  const path = join(REPO_ROOT, rel);
  const original = readFileSync(path, 'utf8');
  const restore = () => {
    if (readFileSync(path, 'utf8') !== original) writeFileSync(path, original);
  };
  process.once('exit', restore);
  return {
    path,
    original,
    write: (text: string) => writeFileSync(path, text),
    /** Replaces `from` (which must be there) with `to`. */
    edit: (from: string, to: string) => {
      if (!original.includes(from)) throw new Error(`${rel} no longer contains ${JSON.stringify(from)}`);
      writeFileSync(path, original.replace(from, to));
    },
    restore,
  };
}

/** Polls `fn` in the page until it returns a truthy value, through the reloads the dev server triggers. */
export async function untilInPage<T>(page: Page, fn: () => T, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await page.evaluate(fn);
      if (v) return v as T;
    } catch (e) {
      last = e; // the page is reloading
    }
    if (Date.now() > until) throw new Error(`timed out waiting in the page${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
