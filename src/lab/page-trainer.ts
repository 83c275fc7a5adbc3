// The in-page trainer and tfjs, for the WebGL backend only (trainer-placement.ts imports this module lazily).
import { initBrowserBackend } from './backend';

export { Trainer } from './model/trainer';
export { loseWebGLContext, onWebGLContextLost } from './backend';

/** Starts tfjs's WebGL backend in the page; null on success, else why not. */
export async function startWebGL(): Promise<string | null> {
  const info = await initBrowserBackend('webgl');
  return info.backend === 'webgl' ? null : `WebGL failed to start (${info.reason})`;
}
