// Named starting points for `::lab{preset=NAME}`. Each is a list of the config's own dotted-path assignments,
// so presets speak the one vocabulary and go through the same validator as everything else.

export interface Preset {
  description: string;
  /** Dotted-path assignments applied over the defaults. */
  set: Record<string, string | number | boolean>;
}

export const PRESETS = {
  standard: {
    description: "the trainer's defaults: gaussians, G and D with 2 hidden layers of 16 ReLU, Adam 0.001, non-saturating loss",
    set: {},
  },
  ganlab: {
    description:
      "GAN Lab's defaults: two gaussians, G and D with 1 hidden layer of 8 ReLU, SGD with learning rate 0.1, log loss (non-saturating G), 2 D steps per G step, batch 150",
    set: {
      distribution: 'gaussians',
      'generator.layers': 1,
      'generator.neurons': 8,
      'generator.optimizer': 'sgd',
      'generator.learningRate': 0.1,
      'discriminator.layers': 1,
      'discriminator.neurons': 8,
      'discriminator.optimizer': 'sgd',
      'discriminator.learningRate': 0.1,
      loss: 'nonsaturating',
      dSteps: 2,
      gSteps: 1,
      batchSize: 150,
    },
  },
  small: {
    description: 'a quick network for short demos: G and D with 1 hidden layer of 16 ReLU, Adam 0.005, batch 64',
    set: {
      'generator.layers': 1,
      'generator.neurons': 16,
      'generator.learningRate': 0.005,
      'discriminator.layers': 1,
      'discriminator.neurons': 16,
      'discriminator.learningRate': 0.005,
      batchSize: 64,
    },
  },
  ring8: {
    description: 'the mode-collapse benchmark: 8 Gaussians on a ring, G and D with 2 hidden layers of 32 ReLU, Adam 0.001',
    set: {
      distribution: 'ring8',
      'generator.neurons': 32,
      'discriminator.neurons': 32,
    },
  },
  grid25: {
    description: 'the harder mode-collapse benchmark: 25 Gaussians on a 5x5 grid, G and D with 3 hidden layers of 64 ReLU',
    set: {
      distribution: 'grid25',
      'generator.layers': 3,
      'generator.neurons': 64,
      'discriminator.layers': 3,
      'discriminator.neurons': 64,
    },
  },
  wgangp: {
    description:
      "WGAN-GP's toy setup, scaled down: Wasserstein loss with gradient penalty 0.1, 5 critic steps per G step, Adam 0.0001 (beta1 0.5, beta2 0.9)",
    set: {
      loss: 'wasserstein',
      gradientPenalty: 0.1,
      dSteps: 5,
      gSteps: 1,
      'generator.learningRate': 0.0001,
      'generator.beta1': 0.5,
      'generator.beta2': 0.9,
      'discriminator.learningRate': 0.0001,
      'discriminator.beta1': 0.5,
      'discriminator.beta2': 0.9,
    },
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** A preset's assignments as `[path, text]` pairs for `parseAssignments`. */
export function presetAssignments(name: string): [string, string][] | undefined {
  const p = (PRESETS as Record<string, Preset>)[name];
  return p ? Object.entries(p.set).map(([k, v]) => [k, String(v)]) : undefined;
}
