// Uploaded points (issue 13): values far outside the lab's square are scaled into it and the message says so;
// decimal commas and extra columns are read and said; a file over the limit is counted right and thinned evenly.
import { describe, expect, it } from 'vitest';
import { MAX_POINTS } from '../../src/lab/model/config';
import { parsePointsFile } from '../../src/lab/view/points-file';

const ok = (name: string, text: string) => {
  const r = parsePointsFile(name, text);
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('uploaded points', () => {
  it('scales 1e308 coordinates into the unit square, keeping their shape, and says so', () => {
    const r = ok('huge.csv', '1e308,1e308\n-1e308,1e308\n0,-1e308\n');
    for (const [x, y] of r.points) {
      expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
    expect(r.points).toEqual([[0.95, 0.95], [0.05, 0.95], [0.5, 0.05]]);
    expect(r.note).toMatch(/^scaled into the unit square the lab trains on, keeping their shape \(x from -1e308 to 1e308, y from -1e308 to 1e308\)$/);
  });

  it('scales 1e30 and pixel coordinates with one factor for both axes (the shape is not stretched)', () => {
    const r = ok('wide.csv', '0,0\n400,0\n400,100\n');
    expect(r.points).toEqual([[0.05, 0.3875], [0.95, 0.3875], [0.95, 0.6125]]);
    expect(r.note).toMatch(/x from 0 to 400, y from 0 to 100/);
    const tiny = ok('e30.json', '[[1e30,2e30],[3e30,4e30],[5e30,6e30]]');
    expect(tiny.points).toEqual([[0.05, 0.05], [0.5, 0.5], [0.95, 0.95]]);
  });

  it('keeps points already in the unit square as they are', () => {
    expect(parsePointsFile('a.csv', '0.1,0.2\n0.3,0.4\n0.5,0.6')).toEqual({ ok: true, points: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]] });
  });

  it('places identical points at the centre, and says why', () => {
    const r = ok('same.csv', '7,7\n7,7\n7,7');
    expect(r.points).toEqual([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]);
    expect(r.note).toBe('all the points are the same; they were placed at the centre of the unit square');
  });

  it('refuses a value too large for a number, with its line', () => {
    expect(parsePointsFile('inf.csv', '0.1,0.2\n0.3,0.4\n1e999,0.5\n')).toEqual({ ok: false, error: '"inf.csv": line 3: 1e999 is too large to be a coordinate.' });
  });

  it('reads decimal commas (0,5;0,25) as decimals, and says so', () => {
    const r = ok('eu.csv', 'x;y\n0,5;0,25\n0,75;0,5\n0,1;0,9\n');
    expect(r.points).toEqual([[0.5, 0.25], [0.75, 0.5], [0.1, 0.9]]);
    expect(r.note).toBe('skipped a header row; read commas as decimal points ("0,5" as 0.5)');
    const tabs = ok('eu.tsv', '0,5\t0,25\n0,75\t0,5\n0,1\t0,9\n');
    expect(tabs.points).toEqual(r.points);
    const spaces = ok('eu.txt', '0,5 0,25\n0,75 0,5\n0,1 0,9\n');
    expect(spaces.points).toEqual(r.points);
    // A plain comma-separated pair stays a pair.
    expect(ok('us.csv', '0,1\n1,0\n1,1').points).toEqual([[0, 1], [1, 0], [1, 1]]);
  });

  it('says when a file has more than two columns, and which it used', () => {
    const r = ok('three.csv', '0.1,0.2,7\n0.3,0.4,8\n0.5,0.6,9\n');
    expect(r.points).toEqual([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]);
    expect(r.note).toBe('line 1 has 3 columns; used the first two (x, y) and ignored the rest');
    const json = ok('three.json', '[[0.1,0.2,7],[0.3,0.4,8],[0.5,0.6,9]]');
    expect(json.note).toBe('used the first two of 3 numbers in each item; the rest were ignored');
  });

  it('counts a 60,000-point file right, and keeps an even spread of 5,000', () => {
    const n = 60_000;
    // x 0..99 along each row of 100, y the row (0..599): short lines, so the file is under the 512 KB cap
    const text = Array.from({ length: n }, (_, i) => `${i % 100},${Math.floor(i / 100)}`).join('\n');
    expect(text.length).toBeLessThan(512 * 1024);
    const r = ok('big.csv', text);
    expect(r.note).toBe('the file has 60,000 points; kept 5,000 of them (the limit), evenly spread through the file; scaled into the unit square the lab trains on, keeping their shape (x from 0 to 96, y from 0 to 599)'); // the kept points' ranges
    expect(r.points.length).toBe(MAX_POINTS);
    // every 12th point: the first row and the last row are both kept, so the kept points span the file
    const ys = r.points.map((p) => p[1]);
    expect(Math.min(...ys)).toBe(0.05);
    expect(Math.max(...ys)).toBe(0.95);
    expect(new Set(r.points.map((p) => p.join())).size).toBe(MAX_POINTS);
  });
});
