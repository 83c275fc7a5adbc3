// Reading a comparison figure (`:::compare`) in the page, for the browser tests: each column's marks, and a check that
// every column shows what the build baked for a step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from './harness';

export interface FigureData {
  id: string;
  columns: { label: string; steps: ({ snapshot: string; train: number } | null)[]; hrefs: (string | null)[] }[];
}
export const figures = (page: Page) => page.evaluate(() => JSON.parse(document.getElementById('lesson-data')!.textContent!).figures) as Promise<FigureData[]>;
export const loaded = (page: Page, i: number) => page.waitForFunction((n) => document.documentElement.dataset.stepLoaded === String(n), i, { timeout: 120_000 });

/** The index of the last step that shows the figure. */
export const lastStep = (fig: FigureData) => fig.columns[0].steps.reduce((k, s, i) => (s ? i : k), -1);

/** What the build measured at a column's checkpoint (the bake cache beside the snapshot). */
export function bakedMetrics(snapshotUrl: string): { iteration: number; modes: number } {
  const key = /([0-9a-f]+)\.json$/.exec(snapshotUrl)![1];
  return JSON.parse(readFileSync(join(REPO_ROOT, '.cache/bake', `${key}.metrics.json`), 'utf8'));
}

/** Each visible column: label, data-iteration, data-modes, readout text, and its "open in the lab" link. */
export const columnsShown = (page: Page) =>
  page.$$eval('.lesson-figure:not([hidden]) .figure-col', (els) =>
    els.map((e) => {
      const el = e as HTMLElement;
      return {
        label: el.dataset.column!,
        step: el.dataset.step,
        iteration: Number(el.dataset.iteration),
        modes: el.dataset.modes === undefined ? null : Number(el.dataset.modes),
        readout: el.querySelector('.figure-col-readout')!.textContent,
        href: el.querySelector('a.figure-col-open')!.getAttribute('href'),
      };
    }),
  );

/** A deep link into step `index` of a chapter with a figure there: every column at its baked iteration and modes. */
export async function checkFigureStep(page: Page, index: number): Promise<void> {
  await loaded(page, index);
  const [fig] = (await figures(page)).filter((f) => f.columns[0].steps[index]);
  const shown = await columnsShown(page);
  expect(shown.map((c) => c.label)).toEqual(fig.columns.map((c) => c.label));
  for (const [k, col] of fig.columns.entries()) {
    const want = bakedMetrics(col.steps[index]!.snapshot);
    expect(shown[k].step).toBe(String(index));
    expect(shown[k].iteration, col.label).toBe(want.iteration);
    expect(shown[k].iteration).toBe(col.steps[index]!.train);
    expect(shown[k].modes, col.label).toBe(want.modes);
    expect(shown[k].readout).toContain(`${want.modes}/`);
    expect(shown[k].href).toBe(col.hrefs[index]);
  }
  expect(await page.evaluate(() => document.getElementById('lesson-lab')!.hidden)).toBe(true);
}

