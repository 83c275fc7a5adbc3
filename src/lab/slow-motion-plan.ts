// Slow motion's script: one training iteration told as numbered sub-steps, each with text, the part of the model
// graph it lights up and what the trainer does at its end. Pure; the controller walks it (slow-motion.ts) and
// view/slow-motion.ts shows the narration.
import { fmt } from './format';
import type { Highlight } from './graph-parts';
import type { GanConfig } from './model/config';
import { getLocale, t } from './i18n';
import { DISTRIBUTIONS } from './model/distributions';
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

const times = (k: number) => (k === 1 ? t('slow.once') : k === 2 ? t('slow.twice') : t('slow.times', { k: String(k) }));
const OPTIMIZER_KEY = { adam: 'slow.adam', rmsprop: 'slow.rmsprop', momentum: 'slow.momentum', sgd: 'slow.sgd' } as const;

/** The narrated sub-steps of one iteration for this config (13 of them: 8 for D's turn, 5 for G's), in the page's locale. */
export function slowMotionPlan(c: GanConfig): SubStep[] {
  const locale = getLocale();
  const N = fmt(c.batchSize);
  const opt = (n: GanConfig['generator']) => t('slow.optimizer', { name: t(OPTIMIZER_KEY[n.optimizer]), lr: fmt(n.learningRate) });
  const gp = c.gradientPenalty > 0 ? t('slow.gp', { weight: fmt(c.gradientPenalty) }) : '';
  const pack = c.pack > 1 ? t('slow.pack', { pack: String(c.pack) }) : '';
  const loss = LOSSES[c.loss].text[locale];
  const steps: Omit<SubStep, 'n'>[] = [
    { phase: 'D', title: t('slow.noise.title'), text: t('slow.noise.text', { n: N, dim: String(c.noise.dim), type: t(`slow.noiseType.${c.noise.type}`) }), highlight: ['noise'] },
    {
      phase: 'D',
      title: t('slow.generate.title'),
      text: c.generator.layers === 1 ? t('slow.generate.textOne', { neurons: String(c.generator.neurons) }) : t('slow.generate.text', { layers: String(c.generator.layers), neurons: String(c.generator.neurons) }),
      highlight: ['noise-generator', 'generator-fake'],
    },
    { phase: 'D', title: t('slow.real.title'), text: t('slow.real.text', { n: N, distribution: DISTRIBUTIONS[c.distribution].text[locale].label }), highlight: ['real'] },
    { phase: 'D', title: t('slow.score.title'), text: t('slow.score.text') + pack, highlight: ['real-discriminator', 'fake-discriminator', 'discriminator'] },
    { phase: 'D', title: t('slow.predictions.title'), text: t('slow.predictions.text'), highlight: ['discriminator-predictions', 'predictions'] },
    { phase: 'D', title: t('slow.dLoss.title'), text: loss.d + gp, highlight: ['predictions-loss', 'loss'] },
    { phase: 'D', title: t('slow.dGrad.title'), text: t('slow.dGrad.text'), highlight: ['loss-gradients', 'gradients'] },
    { phase: 'D', title: t('slow.updateD.title'), text: t('slow.updateD.text', { optimizer: opt(c.discriminator), times: times(c.dSteps) }), highlight: ['gradients-discriminator', 'discriminator'], action: 'stepD' },
    { phase: 'G', title: t('slow.fresh.title'), text: t('slow.fresh.text', { n: N }), highlight: ['noise-generator', 'generator-fake', 'fake'] },
    { phase: 'G', title: t('slow.judge.title'), text: t('slow.judge.text'), highlight: ['fake-discriminator', 'discriminator-predictions', 'predictions'] },
    { phase: 'G', title: t('slow.gLoss.title'), text: loss.g, highlight: ['predictions-loss', 'loss'] },
    { phase: 'G', title: t('slow.gGrad.title'), text: t('slow.gGrad.text'), highlight: ['loss-gradients', 'gradients'] },
    { phase: 'G', title: t('slow.updateG.title'), text: t('slow.updateG.text', { optimizer: opt(c.generator), times: times(c.gSteps) }), highlight: ['gradients-generator', 'generator'], action: 'stepG' },
  ];
  return steps.map((s, i) => ({ ...s, n: i + 1 }));
}
