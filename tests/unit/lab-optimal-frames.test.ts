// D* is read only while its layer shows (FrameOptions.optimal): a frame without it is the same picture less D*, and
// turning the layer on while the lab is still reads the frame on screen again, with D*, before the layers change.
import { beforeAll, describe, expect, it } from 'vitest';
import { LabController } from '../../src/lab/controller';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { Trainer } from '../../src/lab/model/trainer';
import { DEFAULT_LAYERS } from '../../src/lab/view/layers';

beforeAll(() => initNodeBackend('cpu'));

const cfg = { distribution: 'ring8', batchSize: 32, seed: 2, generator: { layers: 1, neurons: 8 }, discriminator: { layers: 1, neurons: 8 } } as const;

describe('D* in frames', () => {
  it('a frame read without D* is the same picture, less D*', async () => {
    const t = new Trainer(cfg);
    t.iterate(20);
    const [all, less] = [await t.frame(), await t.frame({ optimal: false })];
    expect(all!.optimal!.values.length).toBe(all!.heatmap.values.length);
    expect(less!.optimal).toBeUndefined();
    const { optimal: _o, ...rest } = all!;
    expect(less).toEqual(rest);
    t.dispose();
  });

  it('the lab reads D* only while its layer shows; turned on while still, the frame comes first, then the layers', async () => {
    expect(DEFAULT_LAYERS.optimal).toBe(false); // the controller starts with D* unread (lab-run.ts: optimalShown)
    const ctl = new LabController({ createTrainer: (c) => new Trainer(c), requestFrame: (cb) => setTimeout(cb, 0), now: () => performance.now() }, { config: cfg, speed: 5 });
    const seen: string[] = [];
    ctl.on('frame', (f) => seen.push(f.optimal ? 'frame+D*' : 'frame'));
    ctl.on('layers', (l) => seen.push(`layers ${JSON.stringify(l)}`));
    await ctl.step('both');
    expect(ctl.frameData!.optimal).toBeUndefined();
    seen.length = 0;
    // On: the frame on screen again, with D*; a change made meanwhile waits its turn.
    const on = ctl.setLayers({ optimal: true });
    void ctl.setLayers({ heatmap: false });
    expect(seen).toEqual([]);
    await on;
    await ctl.setLayers({});
    expect(seen).toEqual(['frame+D*', 'layers {"optimal":true}', 'layers {"heatmap":false}', 'layers {}']);
    const same = new Trainer(cfg);
    same.stepD();
    same.stepG();
    same.endIteration();
    expect(Array.from(ctl.frameData!.optimal!.values)).toEqual(Array.from((await same.frame())!.optimal!.values));
    same.dispose();
    // Off: at once, no read; the frames after it have no D*.
    seen.length = 0;
    void ctl.setLayers({ optimal: false });
    expect(seen).toEqual(['layers {"optimal":false}']);
    await ctl.step('both');
    expect(ctl.frameData!.optimal).toBeUndefined();
    await ctl.dispose();
  });
});
