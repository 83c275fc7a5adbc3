import { describe, expect, it } from 'vitest';
import { DrawTurns } from '../../src/lab/view/draw-turns';

/** Turns over a hand-cranked animation frame and a clock each draw advances by `cost` ms. */
function setup(budget = 6, cost = 4) {
  const frames: (() => void)[] = [];
  let clock = 0;
  const turns = new DrawTurns({ requestFrame: (cb) => frames.push(cb), now: () => clock }, budget);
  const drawn: string[] = [];
  const drawOf = (name: string) => () => {
    drawn.push(name);
    clock += cost;
  };
  const frame = () => frames.splice(0).forEach((f) => f());
  return { turns, drawn, drawOf, frame, frames };
}

describe('draw turns', () => {
  it('draws nothing until the animation frame, then as many as the budget allows, the rest at the next', () => {
    const { turns, drawn, drawOf, frame } = setup(6, 4);
    const owners = [{}, {}, {}, {}];
    owners.forEach((o, k) => turns.request(o, drawOf(`lab${k}`)));
    expect(drawn).toEqual([]);
    frame();
    // 4 ms, then 8 ms >= 6: two draws in this frame
    expect(drawn).toEqual(['lab0', 'lab1']);
    frame();
    expect(drawn).toEqual(['lab0', 'lab1', 'lab2', 'lab3']);
    frame();
    expect(drawn).toHaveLength(4);
  });

  it('a lab that asks again before its turn draws once, the newest draw, in its first place', () => {
    const { turns, drawn, drawOf, frame } = setup(100, 1);
    const a = {}, b = {};
    turns.request(a, drawOf('a1'));
    turns.request(b, drawOf('b1'));
    turns.request(a, drawOf('a2'));
    frame();
    expect(drawn).toEqual(['a2', 'b1']);
  });

  it('the longest-waiting lab goes first when turns carry over', () => {
    const { turns, drawn, drawOf, frame } = setup(1, 5);
    const a = {}, b = {}, c = {};
    turns.request(a, drawOf('a'));
    turns.request(b, drawOf('b'));
    turns.request(c, drawOf('c'));
    frame(); // a only
    turns.request(a, drawOf('a'));
    frame(); // b (waiting since before a asked again)
    frame(); // c
    frame(); // a
    expect(drawn).toEqual(['a', 'b', 'c', 'a']);
  });

  it('flush draws a waiting turn now and cancel drops it', () => {
    const { turns, drawn, drawOf, frame } = setup();
    const a = {}, b = {};
    turns.request(a, drawOf('a'));
    turns.request(b, drawOf('b'));
    turns.flush(a);
    expect(drawn).toEqual(['a']);
    turns.cancel(b);
    expect(turns.has(b)).toBe(false);
    frame();
    expect(drawn).toEqual(['a']);
    turns.flush(a); // nothing waiting: no draw
    expect(drawn).toEqual(['a']);
  });

  it('a draw that throws does not stop the others', () => {
    const { turns, drawn, drawOf, frame } = setup(100, 1);
    turns.request({}, () => {
      throw new Error('boom');
    });
    turns.request({}, drawOf('b'));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      frame();
    } finally {
      console.warn = warn;
    }
    expect(drawn).toEqual(['b']);
  });
});
