// The table of contents' pictures: drawn in the palette's colours, and named by a version that follows the palette
// and the drawing, so a palette change draws them again instead of reusing the cached files.
import { describe, expect, it, vi } from 'vitest';
import type { TrainerFrame } from '../../src/lab/model/types';
import { PALETTE } from '../../src/styles/palette';
import { THUMBNAIL_VERSION, thumbnailFile, thumbnailSvg } from '../../src/lessons/thumbnail';

const frame = {
  bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
  real: new Float32Array([0, 0, 5, 5]),
  fake: new Float32Array([0.5, -0.5]),
} as unknown as TrainerFrame;

describe('chapter thumbnails', () => {
  it("draw real and fake points in both schemes' palette colours, off-view points left out, the label escaped", () => {
    const svg = thumbnailSvg(frame, 'A <b> & "c"');
    for (const scheme of [PALETTE.light, PALETTE.dark]) for (const c of [scheme.real, scheme.fake, scheme['thumb-bg']]) expect(svg).toContain(c);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('aria-label="A &#60;b&#62; &#38; &#34;c&#34;"');
  });

  it('are named by the snapshot key and a version of the drawing', () => {
    expect(THUMBNAIL_VERSION).toMatch(/^[0-9a-f]{8}$/);
    expect(thumbnailFile('0123abcd')).toBe(`0123abcd-${THUMBNAIL_VERSION}.svg`);
  });

  it('get a new version when the palette changes', async () => {
    vi.resetModules();
    vi.doMock('../../src/styles/palette', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../src/styles/palette')>();
      return { ...real, PALETTE: { ...real.PALETTE, light: { ...real.PALETTE.light, real: '#00ff00' } } };
    });
    try {
      const changed = await import('../../src/lessons/thumbnail');
      expect(changed.THUMBNAIL_VERSION).not.toBe(THUMBNAIL_VERSION);
    } finally {
      vi.doUnmock('../../src/styles/palette');
      vi.resetModules();
    }
  });
});
