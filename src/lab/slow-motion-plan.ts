// Slow motion's script: one training iteration told as numbered sub-steps, each with text, the part of the model
// graph it lights up and what the trainer does at its end. Pure; the controller walks it (slow-motion.ts) and
// view/slow-motion.ts shows the narration.
import { fmt } from './format';
import type { Highlight } from './graph-parts';
import type { GanConfig } from './model/config';
import { LOSSES } from './model/losses';

export interface SubStep {
  /** 1-based number shown to the reader. */
  n: number;
  phase: 'D' | 'G';
  title: string;
  text: string;
  highlight: Highlight[];
  /** What the trainer does at the end of this sub-step. */
  action?: 'stepD' | 'stepG';
}

const times = (k: number) => (k === 1 ? 'once' : k === 2 ? 'twice' : `${k} times`);

/** The narrated sub-steps of one iteration for this config (13 of them: 8 for D's turn, 5 for G's). */
export function slowMotionPlan(c: GanConfig): SubStep[] {
  const N = fmt(c.batchSize);
  const opt = (n: GanConfig['generator']) => `${n.optimizer === 'adam' ? 'Adam' : n.optimizer === 'rmsprop' ? 'RMSProp' : n.optimizer === 'momentum' ? 'SGD with momentum' : 'plain SGD'} (learning rate ${fmt(n.learningRate)})`;
  const gp = c.gradientPenalty > 0 ? ` A gradient penalty (weight ${fmt(c.gradientPenalty)}) keeps D's slope near 1 between reals and fakes.` : '';
  const pack = c.pack > 1 ? ` With packing, D judges ${c.pack} samples at a time.` : '';
  const steps: Omit<SubStep, 'n'>[] = [
    { phase: 'D', title: 'Draw noise', text: `Draw ${N} noise vectors z, each ${c.noise.dim}-D ${c.noise.type}. This starts the discriminator's turn.`, highlight: ['noise'] },
    { phase: 'D', title: 'Generate fakes', text: `The generator (${c.generator.layers} hidden layer${c.generator.layers === 1 ? '' : 's'} of ${c.generator.neurons}) maps each z to a point G(z): the purple fakes.`, highlight: ['noise-generator', 'generator-fake'] },
    { phase: 'D', title: 'Draw real samples', text: `Draw ${N} real samples (green) from the "${c.distribution}" distribution.`, highlight: ['real'] },
    { phase: 'D', title: 'D scores both', text: `The discriminator scores every real and every fake sample: how real does each look? Its heatmap shows that score everywhere.${pack}`, highlight: ['real-discriminator', 'fake-discriminator', 'discriminator'] },
    { phase: 'D', title: 'Predictions', text: 'The predictions: a good D says close to 1 (green) for reals and close to 0 (purple) for fakes.', highlight: ['discriminator-predictions', 'predictions'] },
    { phase: 'D', title: "D's loss", text: LOSSES[c.loss].text.en.d + gp, highlight: ['predictions-loss', 'loss'] },
    { phase: 'D', title: "D's gradients", text: "Backpropagation gives the gradient of D's loss with respect to each of D's weights. The generator is held still.", highlight: ['loss-gradients', 'gradients'] },
    { phase: 'D', title: 'Update D', text: `${opt(c.discriminator)} moves D's weights a small step downhill; the heatmap shifts. D does this ${times(c.dSteps)} per iteration.`, highlight: ['gradients-discriminator', 'discriminator'], action: 'stepD' },
    { phase: 'G', title: 'Fresh fakes', text: `The generator's turn: new noise, ${N} new fakes.`, highlight: ['noise-generator', 'generator-fake', 'fake'] },
    { phase: 'G', title: 'D judges the fakes', text: 'The (just updated) discriminator scores only the fakes now. D is held still during this step.', highlight: ['fake-discriminator', 'discriminator-predictions', 'predictions'] },
    { phase: 'G', title: "G's loss", text: LOSSES[c.loss].text.en.g, highlight: ['predictions-loss', 'loss'] },
    { phase: 'G', title: 'Gradients through D', text: "The gradient flows back through D to each fake: the pink lines show where each fake is pushed, toward regions D finds more real.", highlight: ['loss-gradients', 'gradients'] },
    { phase: 'G', title: 'Update G', text: `…and on into G's weights: ${opt(c.generator)} takes a step, so the fakes move along the pink lines. G does this ${times(c.gSteps)} per iteration. One iteration done.`, highlight: ['gradients-generator', 'generator'], action: 'stepG' },
  ];
  return steps.map((s, i) => ({ ...s, n: i + 1 }));
}
