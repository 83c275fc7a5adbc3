// What the lesson runtime uses of a lab: the controller's public API, narrowed so the runtime's parts can be
// tested with a stand-in (tests/unit/lessons-runtime.test.ts) and so a figure can drive any number of labs alike.
import type { LabController } from '../../lab/controller';

export type LessonLab = Pick<
  LabController,
  | 'pause'
  | 'play'
  | 'step'
  | 'loadSnapshot'
  | 'setLayers'
  | 'highlight'
  | 'showChart'
  | 'notice'
  | 'iteration'
  | 'history'
  | 'on'
  | 'startSlowMotion'
  | 'nextSubStep'
  | 'narrate'
  | 'stopSlowMotion'
>;
