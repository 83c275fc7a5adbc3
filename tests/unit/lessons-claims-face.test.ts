// Claims false on their face are compile errors, before any training (issue 13: `lessons:check` said "no errors"
// for expect="iteration==201" on train=200); lessons:check says the other claims are left to the build.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileChapter, formatError } from '../../src/lessons/index';

const FM = '---\ntitle: "T"\nsummary: S\norder: 1\n---\n';
const errs = (body: string) => compileChapter(FM + body, { file: 'x.md' }).errors.map(formatError);

describe('claims false on their face', () => {
  it('an iteration the checkpoint contradicts, with file:line:col and a hint', () => {
    expect(errs('::lab{distribution=ring8}\n:::step{train=200 expect="iteration==201"}\n:::\n')).toEqual([
      'x.md:7:27: expect "iteration==201" cannot hold: this step\'s checkpoint is iteration 200 (allowed: a claim true at iteration 200, e.g. iteration==200)',
    ]);
  });

  it('reads the inherited checkpoint of a step without train, and one that starts over lower', () => {
    expect(errs('::lab{distribution=ring8}\n:::step{train=200}\n:::\n:::step{expect="iteration==200; iteration>150"}\n:::\n')).toEqual([]);
    expect(errs('::lab{distribution=ring8}\n:::step{train=200}\n:::\n:::step{seed=3 train=50 expect="iteration==50"}\n:::\n')).toEqual([]);
    expect(errs('::lab{distribution=ring8}\n:::step{train=200}\n:::\n:::step{seed=3 expect="iteration==0"}\n:::\n')).toHaveLength(1); // it trains afresh to 200
  });

  it('a bound outside what the metric can read; claims inside it are left to the bake', () => {
    expect(errs('::lab{distribution=ring8}\n:::step{train=10 expect="js>1; modes>8; js<0.5; modes>=7"}\n:::\n')).toEqual([
      'x.md:7:26: expect "js>1" cannot hold: js reads from 0 to 1 (allowed: a claim that some value from 0 to 1 meets)',
      'x.md:7:32: expect "modes>8" cannot hold: ring8 has 8 modes, so modes reads from 0 to 8 (allowed: a claim that some value from 0 to 8 meets)',
    ]);
  });

  it('lessons:check reports them as errors and says plainly that the other claims are left to the build', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lessons-check.ts', 'tests/fixtures/lessons/bad/claims.md'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^tests\/fixtures\/lessons\/bad\/claims\.md:7:27: expect "iteration==201" cannot hold: this step's checkpoint is iteration 200/m);
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lessons-check.ts', 'content/lessons/en/gan/02-the-data.md'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/claims \(expect\) not checked: `npm run build` checks them, and so does `npm run lessons:check -- --claims/);
  });
});
