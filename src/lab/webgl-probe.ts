// What WebGL this browser has, without loading tfjs: decides where and how the lab trains (trainer-placement.ts).
import type { WebGLFailure } from './backend-webgl';
import { t } from './i18n';
import { errorText } from './i18n/error-text';

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i;

/** True when a WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/** Reads the WebGL renderer string; null when the browser has no WebGL at all. */
export function detectWebGLRenderer(): string | null {
  if (typeof document === 'undefined') return null;
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      (info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null) ?? gl.getParameter(gl.RENDERER) ?? 'unknown WebGL renderer',
    );
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/** Why tfjs's WebGL did not start (in the page or a worker), in the reader's words. */
export function webglFailureText(f: WebGLFailure): string {
  if ('message' in f) return t('backend.webglError', { error: errorText(new Error(f.message)) });
  return f.code === 'failed' ? t('backend.webglFailed') : f.code === 'lost' ? t('backend.webglLost') : t('backend.webglInactive');
}
