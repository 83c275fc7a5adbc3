// The lab element: builds the whole lab inside a root element (createElement/textContent only), starts tfjs and
// the controller, and wires views (lab-views.ts), settings (lab-settings.ts), footer (lab-footer.ts), keyboard
// (lab-keys.ts) and URL state. Lessons mount it too and drive it only through the returned controller.
//
// The root always carries data-iteration, data-status (playing | paused | diverged) and data-backend.
// `mountLab` resolves with `{ controller, dispose }`: dispose() releases every listener (the document's too),
// observer, animation frame, timer and the worker, disposes the trainer, and empties the root (which is left as
// the caller gave it, less its children).
import { LabController, type SaveFile } from './controller';
import { Disposables } from './disposables';
import { LabFooter } from './lab-footer';
import { labKeyHandler, shortcuts } from './lab-keys';
import { LabSettings } from './lab-settings';
import { readSaveResponse } from './save-file';
import { LabViews } from './lab-views';
import { parseConfig, type GanConfig, type PartialConfig } from './model/config';
import type { BackendInfo } from './trainer-like';
import type { TrainerSnapshot } from './model/types';
import { TrainerPlacement, type BackendRequest } from './trainer-placement';
import { readUrlState, refusalNotice, snapshotFromHash, type BackendChoice, type UrlState } from './url-state';
import { isLocale, LANG_TAG, setLocale, t, type Locale } from './i18n';
import { errorText } from './i18n/error-text';
import { fmt, h } from './view/dom';
import { ShortcutHelp } from './view/help';
import { Notices } from './view/notices';

export interface MountOptions {
  /** Starting config (a partial one takes defaults for the rest). */
  config?: PartialConfig;
  /** Starting state (overrides `config`). */
  snapshot?: TrainerSnapshot;
  /** tfjs backend; the URL's `?backend=` wins when `urlState` is on. */
  backend?: BackendRequest;
  /** Read the config from `location.search` and keep it there (the sandbox page). */
  urlState?: boolean;
  /** Start playing (ignored under prefers-reduced-motion). Default true. */
  autoplay?: boolean;
  /** Keyboard shortcuts anywhere on the page (the sandbox page), not only inside the lab. */
  globalKeys?: boolean;
  /** Iterations per animation frame. */
  speed?: number;
  /** Hide the settings panel (lessons). */
  compact?: boolean;
  /** The language of every text the lab shows (one per page: the last mount sets it for all). Default 'en'. */
  locale?: Locale;
  /** More rows for the shortcut list: keys the page around the lab handles (a lesson's step keys). */
  pageShortcuts?: readonly (readonly [string, string])[];
}

export interface MountedLab {
  controller: LabController;
  /** Tears the lab down; settles once its trainer is disposed and its worker stopped. */
  dispose(): Promise<void>;
}

type LabRoot = HTMLElement & { labController?: LabController; labDebug?: object };

const prefersReducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;


/** The backend and config to start with: the options', or the URL's on the sandbox page (refusals noticed). */
function startSettings(opts: MountOptions, notices: Notices): { backend: BackendChoice; config: PartialConfig; url?: UrlState } {
  let backend: BackendChoice = opts.backend ?? 'auto';
  let config: PartialConfig = opts.config ?? {};
  if (opts.urlState) {
    const u = readUrlState(location.search, undefined);
    if (u.refused.length) notices.show(refusalNotice(u.refused), 'error');
    if (u.accepted > 0) config = u.config;
    if (u.backend) backend = u.backend;
    return { backend, config, url: u };
  }
  return { backend, config };
}

/** The network `auto` races on (none if the config does not parse: the lab reports that itself). */
function raceConfig(c: PartialConfig): GanConfig | undefined {
  try {
    return parseConfig(c);
  } catch {
    return undefined;
  }
}

/** A link's `it`: trains to that iteration with a progress line, then stays paused there. Resolves true if it did. */
async function replayLink(ctl: LabController, u: UrlState, said: (text: string) => void, root: HTMLElement, notices: Notices): Promise<boolean> {
  const target = u.iteration ?? 0;
  if (target <= 0) return false;
  if (u.refused.length) {
    notices.show(t('open.notReplayed', { target: fmt(target) }), 'error');
    return false;
  }
  root.dataset.replay = 'running';
  const ok = await ctl.replayTo(target, (done, to) => said(t('open.replaying', { done: fmt(done), target: fmt(to) })));
  root.dataset.replay = ok ? 'done' : 'stopped';
  said(ok ? t('open.replayed', { target: fmt(target), backend: ctl.state.backend?.backend ?? '' }) : t('open.interrupted', { at: fmt(ctl.iteration) }));
  return true;
}

/** A lesson step's "open in the lab" link carries its baked state: #snapshot=<base>baked/<hash>.json. */
async function linkedSnapshot(notices: Notices): Promise<TrainerSnapshot | undefined> {
  const ref = snapshotFromHash(location.hash, import.meta.env.BASE_URL, location.origin);
  if (!ref) return undefined;
  if ('error' in ref) {
    notices.show(ref.error, 'error');
    return undefined;
  }
  try {
    const res = await fetch(ref.url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // The same checks as Load, size cap included, before anything is built from it.
    const read = await readSaveResponse(res);
    if (!read.ok) throw new Error(read.error);
    return read.snapshot;
  } catch (err) {
    notices.show(t('snapshot.loadFailed', { error: errorText(err) }), 'error');
    return undefined;
  }
}

/** Marks the root as a lab; returns how to undo it. */
function prepareRoot(root: LabRoot, compact: boolean, locale: Locale): () => void {
  const classes = root.getAttribute('class');
  const tabIndex = root.getAttribute('tabindex');
  const lang = root.getAttribute('lang');
  root.setAttribute('lang', LANG_TAG[locale]);
  root.classList.add('lab');
  if (compact) root.classList.add('lab-compact');
  root.dataset.status = 'paused';
  root.dataset.iteration = '0';
  root.dataset.backend = 'loading';
  root.setAttribute('aria-busy', 'true');
  root.replaceChildren();
  return () => {
    root.replaceChildren();
    if (classes === null) root.removeAttribute('class');
    else root.setAttribute('class', classes);
    for (const k of ['status', 'iteration', 'backend', 'dSteps', 'gSteps', 'slowMotion', 'replay', 'morph']) delete root.dataset[k];
    root.removeAttribute('aria-busy');
    if (lang === null) root.removeAttribute('lang');
    else root.setAttribute('lang', lang);
    if (tabIndex === null) root.removeAttribute('tabindex');
    else root.setAttribute('tabindex', tabIndex);
    delete root.labController;
    delete root.labDebug;
  };
}

/** Builds the lab in `root` and resolves once tfjs is ready and the first state is drawn. */
export async function mountLab(root: LabRoot, opts: MountOptions = {}): Promise<MountedLab> {
  const locale = opts.locale ?? 'en';
  if (!isLocale(locale)) throw new Error(`mountLab: unknown locale "${String(locale)}"`);
  setLocale(locale);
  const unprepare = prepareRoot(root, !!opts.compact, locale);
  const notices = new Notices();
  const loading = h('p', { class: 'lab-loading' }, t('start.loading'));
  root.append(notices.root, loading);
  const start = startSettings(opts, notices);

  // WASM and CPU train in a worker, WebGL in the page (trainer-placement.ts).
  const placement = new TrainerPlacement();
  let info: Awaited<ReturnType<TrainerPlacement['select']>>;
  try {
    info = await placement.select(start.backend, raceConfig(start.config));
  } catch (err) {
    placement.dispose();
    loading.textContent = t('start.failed', { error: errorText(err) });
    loading.classList.add('is-error');
    throw err;
  }
  const reduced = prefersReducedMotion();
  const make = (backend: typeof info) =>
    new LabController(
      { createTrainer: placement.createTrainer, switchBackend: (n): Promise<BackendInfo> => placement.select(n, ctl.config), settleBackend: (o) => placement.settle(o) },
      { config: start.config, speed: start.url?.speed ?? opts.speed, backend },
    );
  let ctl: LabController;
  try {
    ctl = make(info);
  } catch (err) {
    // The first trainer could not be built on WebGL (its context was lost while starting): start on WASM instead.
    if (info.backend !== 'webgl') throw err;
    info = await placement.select('wasm');
    placement.settle('commit');
    ctl = make(info);
    notices.show(t('backend.startupLost', { error: errorText(err) }), 'error');
  }
  if (reduced) root.classList.add('lab-reduced-motion');
  const d = new Disposables();
  // Watched from the first moment: a context lost at any point of start-up (even during the first redraw, whose read
  // would then never land) moves the run to WASM, and start-up carries on from there.
  const lost = watchContextLoss(ctl, placement, d);
  const { said } = buildLab(root, ctl, opts, start.backend, notices, d);
  if (start.url?.layers) ctl.setLayers(start.url.layers);
  loading.remove();
  root.removeAttribute('aria-busy');

  const linked = opts.urlState ? await linkedSnapshot(notices) : undefined;
  const startSnapshot = linked ?? opts.snapshot;
  if (startSnapshot) await Promise.race([ctl.loadSnapshot(startSnapshot).catch((err) => notices.show(t('snapshot.restoreFailed', { error: errorText(err) }), 'error')), lost]);
  else await Promise.race([ctl.redraw(), lost]);
  // A link's iteration is replayed and shown paused there, as the sender had it.
  const replayed = !startSnapshot && start.url ? await replayLink(ctl, start.url, said, root, notices) : false;
  // A linked lesson state opens frozen, exactly as the lesson showed it; press play to continue from it.
  if ((opts.autoplay ?? true) && !reduced && !linked && !replayed) ctl.play();
  root.labController = ctl;
  root.labDebug = { loseWebGLContext: () => placement.loseWebGLContext(), numTensors: () => placement.numTensors(), mountLab };

  let disposing: Promise<void> | null = null;
  const dispose = () =>
    (disposing ??= (async () => {
      d.dispose();
      unprepare();
      await ctl.dispose();
      placement.dispose();
    })());
  return { controller: ctl, dispose };
}

/** Builds every part of the lab's DOM into `root` and wires it to the controller. */
function buildLab(root: LabRoot, ctl: LabController, opts: MountOptions, backend: BackendChoice, notices: Notices, d: Disposables): { said: (text: string) => void } {
  const views = new LabViews(root, ctl, d);
  const said = (text: string) => void (views.changeLine.textContent = text);
  const settings = new LabSettings(ctl, !!opts.compact, (text, kind) => notices.show(text, kind), said);
  const help = new ShortcutHelp([...shortcuts(), ...(opts.pageShortcuts ?? [])]);
  const footer = new LabFooter({
    ctl,
    root,
    backend,
    urlState: !!opts.urlState,
    notice: (text, kind) => notices.show(text, kind),
    said,
    exportPng: (done) => {
      views.view.draw();
      views.canvas.toBlob((b) => b && done(b), 'image/png');
    },
    toggleHelp: () => help.toggle(),
    layers: () => views.view.layers,
  });
  root.append(...views.layout(), views.changeLine, settings.root, footer.root, help.root);

  views.wire();
  footer.showBackend(ctl.state.backend!);
  d.add(ctl.on('backend', (b) => footer.showBackend(b)));
  d.add(ctl.on('notice', ({ text, kind }) => notices.show(text, kind)));
  const onConfig = () => {
    settings.update(ctl.config);
    footer.updateShare(true);
  };
  d.add(ctl.on('config', onConfig));
  // The link follows the layers, the speed and (when not playing) the iteration.
  d.add(ctl.on('layers', () => footer.updateShare(true)));
  d.add(ctl.on('state', () => footer.updateShare()));
  onConfig();
  views.showState(ctl.state);

  const onKey = labKeyHandler(root, ctl, {
    newSeed: () => settings.newSeed(),
    toggleLayer: (name) => ctl.setLayers({ [name]: !views.view.layers[name] }),
    toggleHelp: () => help.toggle(),
    closeHelp: () => help.open && (help.toggle(false), true),
  });
  if (opts.globalKeys) d.listen(document, 'keydown', onKey);
  else {
    if (!(root.tabIndex >= 0)) root.tabIndex = 0;
    d.listen(root, 'keydown', onKey);
  }
  // Training pauses off screen.
  if (typeof IntersectionObserver === 'function') {
    const io = new IntersectionObserver((entries) => {
      for (const en of entries) ctl.setVisible(en.isIntersecting);
    });
    io.observe(root);
    d.add(() => io.disconnect());
  }
  return { said };
}

/**
 * A lost WebGL context (GPU reset) moves the run to WASM from the last frame's weights. Resolves once a loss has
 * been handled (never, if none happens).
 */
function watchContextLoss(ctl: LabController, placement: TrainerPlacement, d: Disposables): Promise<void> {
  let handled!: () => void;
  const done = new Promise<void>((resolve) => (handled = resolve));
  const watch = () =>
    placement.onWebGLContextLost(
      () =>
        void ctl
          .handleContextLost()
          .catch((err) => ctl.notice(t('backend.moveFailed', { error: errorText(err) }), 'error'))
          .finally(handled),
    );
  let unwatch = watch();
  d.add(
    ctl.on('backend', () => {
      unwatch();
      unwatch = watch();
    }),
  );
  d.add(() => unwatch());
  return done;
}

export type { LabController, SaveFile };
