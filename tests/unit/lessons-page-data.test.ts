// The build writes each step's baked numbers into its `:value`s (issue 12: the text reads fully without JavaScript).
import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/lab/model/types';
import { bakeLiveValues } from '../../src/lessons/page-data';

const html = [
  '<p>Before: <span class="live-value" data-metric="modes">–</span></p>',
  '<section class="step" data-step="0" id="step-1">',
  '<p>Loss <span class="live-value" data-metric="dLoss">–</span>, modes <span class="live-value" data-metric="modes" data-digits="0">–</span></p>',
  '</section>',
  '<section class="step is-x" data-step="1" id="step-2">',
  '<p>JS <span class="live-value" data-metric="js" data-digits="2">–</span> and <span class="live-value" data-metric="dLoss">–</span></p>',
  '</section>',
  '<p>After: <span class="live-value" data-metric="js">–</span></p>',
].join('\n');

const m = (o: Partial<Metrics>) => o as Metrics;

describe('bakeLiveValues', () => {
  it("writes each step's own checkpoint numbers, with the value's digits; leaves values outside steps alone", () => {
    const out = bakeLiveValues(html, (i) => [m({ iteration: 0, dLoss: 0.5, modes: 3 }), m({ iteration: 200, js: 0.12345, dLoss: 1.25 })][i] ?? null);
    const values = [...out.matchAll(/<span class="live-value"[^>]*>([^<]*)<\/span>/g)].map((x) => x[1]);
    // a loss before the first iteration is a dash; modes has 0 digits; js 2 digits; dLoss its default (3)
    expect(values).toEqual(['–', '–', '3', '0.12', '1.250', '–']);
    expect(out).toContain('data-metric="js" data-digits="2" data-baked="0.12">0.12</span>');
  });

  it("a figure column's value reads that column's checkpoint", () => {
    const fig = '<section class="step" data-step="2" id="step-3">\n<p><span class="live-value" data-metric="modes" data-digits="0" data-column="PacGAN &amp; co">–</span> and <span class="live-value" data-metric="modes">–</span></p>\n</section>';
    const out = bakeLiveValues(fig, (i, column) => (i === 2 ? m({ iteration: 500, modes: column === 'PacGAN &amp; co' ? 7 : 2 }) : null));
    expect(out).toContain('data-column="PacGAN &amp; co" data-baked="7">7</span>');
    expect(out).toContain('data-metric="modes" data-baked="2">2</span>');
  });

  it('keeps the dash where the step is not baked (the dev server bakes on demand)', () => {
    expect(bakeLiveValues(html, () => null)).toBe(html);
  });
});
