// What tests/unit/docs-extending.test.ts does with docs/extending.md: read its examples (`ts file=PATH` blocks are new
// files, `diff file=PATH` blocks edit existing ones), apply them to a scratch copy under .cache/, type-check the
// scratch files with the real files they patch redirected to them, and say which real modules to mock with which
// scratch ones to run the code.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface DocExample {
  kind: 'ts' | 'diff';
  /** Repo-relative path of the file it adds or edits. */
  path: string;
  body: string;
}

export function docExamples(md: string): DocExample[] {
  const out: DocExample[] = [];
  for (const m of md.matchAll(/^```(ts|diff) file=(\S+)\n([\s\S]*?)^```$/gm)) out.push({ kind: m[1] as 'ts' | 'diff', path: m[2], body: m[3] });
  return out;
}

/**
 * Applies a diff block: a context line (` text`) is found in the file (after the previous one), a `-` line is found
 * and removed, a `+` line goes in after the line last found (or where the last removed one was).
 */
export function applyDiff(source: string, diff: string, where: string): string {
  const lines = source.split('\n');
  let pos = -1;
  for (const d of diff.split('\n')) {
    if (!d) continue;
    const op = d[0];
    const text = d.slice(1);
    if (op === ' ' || op === '-') {
      const at = lines.indexOf(text, Math.max(pos, 0));
      if (at < 0) throw new Error(`${where}: the line ${JSON.stringify(text)} is not in the file (after line ${pos})`);
      if (op === '-') lines.splice(at, 1);
      pos = op === '-' ? at : at + 1;
    } else if (op === '+') {
      if (pos < 0) throw new Error(`${where}: a + line before any context line`);
      lines.splice(pos++, 0, text);
    } else throw new Error(`${where}: a diff line starts with ${JSON.stringify(op)} (use " ", "+" or "-")`);
  }
  return lines.join('\n');
}

export interface Scratch {
  root: string;
  /** Absolute scratch path of each repo-relative file the examples add or edit. */
  files: Map<string, string>;
  /** Real absolute path -> scratch absolute path, for the files the examples edit. */
  patched: Map<string, string>;
  remove(): void;
}

const withTs = (p: string) => (p.endsWith('.ts') ? p : `${p}.ts`);

/** Writes the examples into a scratch folder, relative imports rewritten to absolute ones (scratch or real). */
export function buildScratch(examples: DocExample[], repo = process.cwd()): Scratch {
  const root = join(repo, '.cache', `extending-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  const text = new Map<string, string>();
  for (const e of examples) {
    if (e.kind === 'ts') text.set(e.path, e.body);
    else text.set(e.path, applyDiff(text.get(e.path) ?? readFileSync(join(repo, e.path), 'utf8'), e.body, e.path));
  }
  const files = new Map([...text.keys()].map((p) => [p, join(root, p)]));
  const target = (from: string, spec: string) => {
    const r = relative(repo, resolve(repo, dirname(from), spec));
    // as TypeScript and Vite resolve it: the file `<spec>.ts` first, else the folder's index.ts
    const file = [withTs(r), join(r, 'index.ts')].find((c) => files.has(c) || existsSync(join(repo, c)));
    return file && files.has(file) ? files.get(file)!.replace(/\.ts$/, '') : resolve(repo, r);
  };
  for (const [path, body] of text) {
    const rewritten = body.replace(/(from |import\()'(\.{1,2}\/[^']+)'/g, (_all, pre: string, spec: string) => `${pre}'${target(path, spec)}'`);
    mkdirSync(dirname(files.get(path)!), { recursive: true });
    writeFileSync(files.get(path)!, rewritten);
  }
  const patched = new Map(examples.filter((e) => e.kind === 'diff').map((e) => [resolve(repo, e.path), files.get(e.path)!]));
  return { root, files, patched, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Type errors in the scratch files and in every project file they reach, with the patched files redirected. */
export function typeCheck(scratch: Scratch, repo = process.cwd()): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(repo, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const options = { ...config!.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  host.resolveModuleNameLiterals = (literals, containing, _redirect, opts) =>
    literals.map((lit) => {
      const r = ts.resolveModuleName(lit.text, containing, opts, host);
      const file = r.resolvedModule?.resolvedFileName;
      const to = file && scratch.patched.get(file);
      return to ? { resolvedModule: { ...r.resolvedModule!, resolvedFileName: to } } : r;
    });
  const program = ts.createProgram([...scratch.files.values()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file || !d.file.fileName.includes('/node_modules/'))
    .map((d) => {
      const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return msg;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${relative(repo, d.file.fileName)}:${line + 1}:${character + 1}: ${msg}`;
    });
}
