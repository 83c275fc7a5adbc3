// The in-page trainer and tfjs, for the WebGL backend only (trainer-placement.ts imports this module lazily).
export { Trainer } from './model/trainer';
export { loseWebGLContext, numTensors, onWebGLContextLost, startWebGL } from './backend';
