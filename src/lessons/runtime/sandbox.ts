// The free-play sandbox (`::sandbox`): the full lab, from the chapter's last state, mounted when it nears the
// viewport. Without IntersectionObserver it stays the static placeholder.
import type { TrainerSnapshot } from '../../lab/model/types';
import type { BackendRequest } from '../../lab/trainer-placement';
import type { RuntimeData } from '../page-data';
import { pageLocale } from './locale';
import { whenNear } from './near-viewport';

/** Watches `el` and mounts the sandbox when it nears the viewport. Returns how to stop (and unmount). */
export function startSandbox(el: HTMLElement, sb: NonNullable<RuntimeData['sandbox']>, backend: BackendRequest): () => void {
  let disposed = false;
  let unmount: (() => Promise<void>) | null = null;
  const mount = async () => {
    try {
      const { mountLab } = await import('../../lab/lab-element');
      const snapshot = sb.snapshot ? await fetch(sb.snapshot).then((r) => r.json() as Promise<TrainerSnapshot>) : undefined;
      if (disposed) return;
      const mounted = await mountLab(el, { config: sb.config, snapshot, autoplay: false, backend, locale: pageLocale() });
      unmount = () => mounted.dispose();
      if (disposed) void unmount();
    } catch (err) {
      console.warn('lesson: the sandbox failed to start', err);
    }
  };
  const stop = whenNear(el, '50% 0px', () => void mount());
  return () => {
    disposed = true;
    stop?.();
    void unmount?.();
  };
}
