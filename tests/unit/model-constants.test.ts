// The shared scalar cache (src/lab/model/constants.ts) across a backend made again under the same name, as the page
// does after a lost WebGL context (backend.ts renews 'webgl'): issue 13's "after switching back to WebGL, play moves
// the run to WASM again" was a scalar left on the dead backend.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { constant, constantCount } from '../../src/lab/model/constants';

describe('constant()', () => {
  it('is shared on one backend', async () => {
    await tf.setBackend('cpu');
    expect(constant(0.5)).toBe(constant(0.5));
  });

  it('gives a backend made again under the same name its own scalar, which ops there can use', async () => {
    await tf.setBackend('cpu');
    const first = constant(0.25);
    const held = constantCount();
    const factory = tf.findBackendFactory('cpu')!;
    tf.removeBackend('cpu'); // disposes the backend, as a renewed WebGL backend's dead predecessor is
    tf.registerBackend('cpu', factory, 1);
    await tf.setBackend('cpu');
    const again = constant(0.25);
    expect(again).not.toBe(first);
    expect(constantCount()).toBe(held); // replaced, not piled up
    expect(Array.from(await tf.add(again, 1).data())).toEqual([1.25]);
  });
});
