// The lab element: builds the whole lab inside a root element (createElement/textContent only), starts tfjs and
// the controller, and wires views, controls, keyboard, URL state, save/load and export. Lessons mount it too and
// drive it only through the returned LabController.
//
// The root always carries data-iteration, data-status (playing | paused | diverged) and data-backend.
import { LabController, type BackendInfo, type BackendName, type LabState, type SaveFile } from './controller';
import { formatIssue, ConfigError, type GanConfig, type PartialConfig } from './model/config';
import { TrainerPlacement, type BackendRequest } from './trainer-placement';
import type { TrainerFrame, TrainerSnapshot } from './model/types';
import { BACKENDS, readUrlState, refusalNotice, snapshotFromHash, urlCarriesAll, urlFromConfig, type BackendChoice } from './url-state';
import { afterPaint, Charts } from './view/charts';
import { ConfigEditor, EFFECT_TEXT, Transport } from './view/controls';
import { DistributionPicker } from './view/distribution-picker';
import { fmt, h, uniqueId } from './view/dom';
import { LAYER_INFO, LAYER_NAMES, LayeredCanvas, type LayerName } from './view/layered-canvas';
import { ModelGraph } from './view/model-graph';
import { SlowMotionPanel } from './view/slow-motion';

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
}

export const SHORTCUTS: [string, string][] = [
  ['Space', 'play / pause'],
  ['→', 'step one iteration (in slow motion: next sub-step)'],
  ['↑', 'step the discriminator once'],
  ['↓', 'step the generator once'],
  ['M', 'slow motion on / off'],
  ['R', 'reset training'],
  ['N', 'new random seed'],
  ['1 – 5', 'show / hide a layer (discriminator, manifold, real, fake, gradients)'],
  ['?', 'this list'],
];

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'lab-visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

const prefersReducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Builds the lab in `root` and resolves with its controller once tfjs is ready. */
export async function mountLab(root: HTMLElement, opts: MountOptions = {}): Promise<LabController> {
  root.classList.add('lab');
  if (opts.compact) root.classList.add('lab-compact');
  root.dataset.status = 'paused';
  root.dataset.iteration = '0';
  root.dataset.backend = 'loading';
  root.setAttribute('aria-busy', 'true');
  root.replaceChildren();

  // ---- notices ----
  const notices = h('div', { class: 'lab-notices', role: 'status', 'aria-live': 'polite' });
  const notice = (text: string, kind: 'info' | 'error' = 'info') => {
    const close = h('button', { type: 'button', class: 'lab-notice-close', 'aria-label': 'Dismiss notice' }, '×');
    const p = h('div', { class: `lab-notice lab-notice-${kind}` }, h('span', { class: 'lab-notice-text' }, text), close);
    close.addEventListener('click', () => p.remove());
    notices.append(p);
    while (notices.children.length > 4) notices.firstElementChild?.remove();
  };
  const loading = h('p', { class: 'lab-loading' }, 'Starting TensorFlow.js…');
  root.append(notices, loading);

  // ---- config from options and URL ----
  let backendChoice: BackendChoice = opts.backend ?? 'auto';
  let startConfig: PartialConfig = opts.config ?? {};
  if (opts.urlState) {
    const u = readUrlState(location.search, undefined);
    if (u.refused.length) notice(refusalNotice(u.refused), 'error');
    if (u.accepted > 0) startConfig = u.config;
    if (u.backend) backendChoice = u.backend;
  }

  // WASM and CPU train in a worker, WebGL in the page (trainer-placement.ts).
  const placement = new TrainerPlacement();
  let info: BackendInfo;
  try {
    info = await placement.select(backendChoice);
  } catch (err) {
    loading.textContent = `The lab could not start: ${err instanceof Error ? err.message : String(err)}`;
    loading.classList.add('is-error');
    throw err;
  }

  const reduced = prefersReducedMotion();
  const ctl = new LabController({ createTrainer: (c: GanConfig) => placement.createTrainer(c), switchBackend: (n) => placement.select(n) }, { config: startConfig, speed: opts.speed, backend: info });
  if (reduced) root.classList.add('lab-reduced-motion');

  // ---- views ----
  const canvasEl = h('canvas', { class: 'lab-canvas', role: 'img', 'aria-label': 'Layered distributions: real samples in green, fake samples in purple, the discriminator as a background, the generator manifold and gradient lines in pink.' });
  const view = new LayeredCanvas(canvasEl);
  const legend = h('div', { class: 'lab-legend', role: 'group', 'aria-label': 'Layers' });
  const layerButtons = new Map<LayerName, HTMLButtonElement>();
  LAYER_NAMES.forEach((name, i) => {
    const li = LAYER_INFO[name];
    const b = h(
      'button',
      { type: 'button', class: `lab-layer lab-layer-${name}`, 'aria-pressed': 'true', 'data-layer': name, title: `${li.description} (key ${i + 1})` },
      h('span', { class: 'lab-swatch', 'aria-hidden': 'true' }),
      li.label,
    );
    b.addEventListener('click', () => ctl.setLayers({ [name]: !view.layers[name] }));
    layerButtons.set(name, b);
    legend.append(b);
  });
  const divergence = h('div', { class: 'lab-divergence', role: 'alert', hidden: true });
  const viewBox = h('div', { class: 'lab-view' }, h('div', { class: 'lab-canvas-wrap' }, canvasEl, divergence), legend);

  const graph = new ModelGraph();
  const slow = new SlowMotionPanel();
  const chartsRoot = h('div', { class: 'lab-charts' });
  const charts = new Charts(chartsRoot);

  // ---- controls ----
  const transport = new Transport({
    togglePlay: () => ctl.toggle(),
    reset: () => void ctl.reset(),
    step: (w) => void ctl.step(w),
    toggleSlowMotion: () => ctl.toggleSlowMotion(),
    setSpeed: (n) => ctl.setSpeed(n),
  });
  const counts = h('p', { class: 'lab-counts', 'aria-live': 'off' });
  const changeLine = h('p', { class: 'lab-change', role: 'status', 'aria-live': 'polite' });

  const applyPatch = async (patch: PartialConfig, what: string) => {
    try {
      const effects = await ctl.setConfig(patch);
      const costly = effects.filter((e) => e !== 'live');
      changeLine.textContent = `${what}: ${costly.length ? costly.map((e) => EFFECT_TEXT[e]).join(', ') : EFFECT_TEXT.live}.`;
    } catch (err) {
      notice(err instanceof ConfigError ? err.issues.map(formatIssue).join('; ') : String(err), 'error');
    }
  };
  // The settings panel's contents (every config field, the distribution picker and its draw pad). A lesson's lab
  // (compact) starts with the panel closed and builds them when it is first opened: building them up front cost a
  // deep link ~40 ms before its first frame (issue 4).
  let editor: ConfigEditor | null = null;
  let picker: DistributionPicker | null = null;
  const buildSettings = () => {
    if (editor) return;
    editor = new ConfigEditor(ctl.config, (patch, path) => void applyPatch(patch, `Changed ${path}`), () => void applyPatch({ seed: Math.floor(Math.random() * 2 ** 31) }, 'New seed'));
    picker = new DistributionPicker({
      pick: (d) => void applyPatch({ distribution: d }, `Distribution ${d}`),
      points: (points, source) => void applyPatch({ distribution: 'points', points }, source === 'drawing' ? 'Your drawing' : 'Uploaded points'),
    });
    picker.setDistribution(ctl.config.distribution);
    settings.append(picker.root, editor.root);
  };

  // backend
  const backendId = uniqueId('lab-backend');
  const backendSelect = h('select', { id: backendId, class: 'lab-backend-select' });
  for (const b of BACKENDS) backendSelect.append(h('option', { value: b }, b === 'auto' ? 'auto' : b));
  backendSelect.value = backendChoice;
  const backendText = h('span', { class: 'lab-backend-info' });
  backendSelect.addEventListener('change', async () => {
    backendChoice = backendSelect.value as BackendChoice;
    root.dataset.backend = 'switching';
    const r = await ctl.setBackend(backendChoice as BackendName | 'auto').catch((err) => {
      notice(`Could not switch backend: ${err instanceof Error ? err.message : String(err)}`, 'error');
      return undefined;
    });
    if (r) root.dataset.backend = r.backend;
    writeUrl();
  });

  // save / load / export / share
  const btn = (cls: string, text: string, label: string, fn: () => void) => {
    const b = h('button', { type: 'button', class: `lab-btn ${cls}`, 'aria-label': label, title: label }, text);
    b.addEventListener('click', fn);
    return b;
  };
  const saveBtn = btn('lab-save', '⤓ Save', 'Save config and weights to a JSON file', async () => {
    const file = await ctl.save();
    download(`gan-lab-${file.snapshot.config.distribution}-it${file.snapshot.iteration}.json`, new Blob([JSON.stringify(file)], { type: 'application/json' }));
    changeLine.textContent = `Saved iteration ${fmt(file.snapshot.iteration)}.`;
  });
  const loadId = uniqueId('lab-load');
  const loadInput = h('input', { id: loadId, type: 'file', accept: '.json,application/json', class: 'lab-visually-hidden lab-load-input' });
  loadInput.addEventListener('change', async () => {
    const f = loadInput.files?.[0];
    loadInput.value = '';
    if (!f) return;
    if (f.size > 20 * 1024 * 1024) return notice(`"${f.name}" is too large for a saved lab (over 20 MB).`, 'error');
    try {
      await ctl.loadSaveText(await f.text());
      changeLine.textContent = `Loaded "${f.name}" at iteration ${fmt(ctl.iteration)}.`;
    } catch (err) {
      notice(`Could not load "${f.name}": ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  });
  const loadLabel = h('label', { for: loadId, class: 'lab-btn lab-load-label', title: 'Load a saved lab (JSON)' }, '⤒ Load');
  const pngBtn = btn('lab-export', 'Export PNG', 'Export the view as a PNG image', () => {
    view.draw();
    canvasEl.toBlob((b) => b && download(`gan-lab-it${ctl.iteration}.png`, b), 'image/png');
  });
  const shareId = uniqueId('lab-share');
  const shareInput = h('input', { id: shareId, class: 'lab-share-input', readonly: true, type: 'text' });
  const copyBtn = btn('lab-copy', 'Copy link', 'Copy a link to this configuration', async () => {
    shareInput.select();
    try {
      await navigator.clipboard.writeText(shareInput.value);
      changeLine.textContent = 'Link copied.';
    } catch {
      changeLine.textContent = 'Select the link and copy it.';
    }
  });
  const helpBtn = btn('lab-help-btn', '?', 'Keyboard shortcuts', () => toggleHelp());
  helpBtn.setAttribute('aria-keyshortcuts', 'Shift+?');

  const help = h(
    'div',
    { class: 'lab-help', role: 'dialog', 'aria-modal': 'false', 'aria-label': 'Keyboard shortcuts', hidden: true, tabindex: '-1' },
    h('h3', {}, 'Keyboard shortcuts'),
    h('dl', {}, ...SHORTCUTS.flatMap(([k, v]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, v)])),
  );
  const helpClose = btn('lab-help-close', 'Close', 'Close the shortcut list', () => toggleHelp(false));
  help.append(helpClose);
  const toggleHelp = (show = help.hidden) => {
    help.hidden = !show;
    if (show) help.focus();
  };

  const settings = h('details', { class: 'lab-settings', open: !opts.compact }, h('summary', {}, 'Data and hyperparameters'));
  if (opts.compact) settings.addEventListener('toggle', () => settings.open && buildSettings());
  else buildSettings();
  const footer = h(
    'div',
    { class: 'lab-footer' },
    h('span', { class: 'lab-backend' }, h('label', { for: backendId }, 'Backend '), backendSelect, ' ', backendText),
    h('span', { class: 'lab-files' }, saveBtn, loadLabel, loadInput, pngBtn),
    h('span', { class: 'lab-share' }, h('label', { for: shareId }, 'Link '), shareInput, copyBtn),
    helpBtn,
  );

  loading.remove();
  root.append(
    h('div', { class: 'lab-top' }, transport.root, counts),
    h('div', { class: 'lab-main' }, viewBox, h('div', { class: 'lab-side' }, slow.root, h('div', { class: 'lab-graph-box-wrap' }, graph.root), chartsRoot)),
    changeLine,
    settings,
    footer,
    help,
  );
  root.removeAttribute('aria-busy');

  // ---- wiring ----
  const showBackend = (b: BackendInfo) => {
    root.dataset.backend = b.backend;
    backendText.textContent = `${b.backend}${b.renderer ? ` · GPU: ${b.renderer}` : ''} · ${b.reason}`;
    backendText.title = b.reason;
  };
  showBackend(info);
  ctl.on('backend', showBackend);

  const onState = (s: LabState) => {
    root.dataset.status = s.status;
    root.dataset.iteration = String(s.iteration);
    root.dataset.dSteps = String(s.dSteps);
    root.dataset.gSteps = String(s.gSteps);
    root.dataset.slowMotion = String(s.slowMotion);
    transport.update({ playing: s.playing, status: s.status, iteration: s.iteration, speed: s.speed, slowMotion: s.slowMotion });
    counts.textContent = `D updates ${fmt(s.dSteps)} · G updates ${fmt(s.gSteps)} · seed ${s.config.seed}${s.held ? ' · waiting (off screen or hidden tab)' : ''}`;
    if (s.status !== 'diverged') divergence.hidden = true;
  };
  ctl.on('state', onState);
  // The main view follows every frame; the graph's miniatures are small and change slowly, so a few updates a
  // second are enough (each repaint of the SVG costs the browser a few ms at every frame otherwise).
  let graphAt = -Infinity;
  // The first frame paints the main view first: the miniatures (~20 ms) are drawn right after that paint, so a
  // deep link shows its step sooner (issue 4). Frames that arrive meanwhile only replace the pending one.
  let graphFirst: TrainerFrame | null | undefined;
  ctl.on('frame', (f) => {
    view.draw(f);
    if (graphFirst !== null) {
      const due = graphFirst === undefined;
      graphFirst = f;
      if (due)
        afterPaint(() => {
          graphAt = performance.now();
          graph.update(graphFirst!);
          graphFirst = null;
        });
      return;
    }
    const now = performance.now();
    if (now - graphAt >= 150 || ctl.status !== 'playing') {
      graphAt = now;
      graph.update(f);
    }
  });
  ctl.on('metrics', (hist) => charts.update(hist));
  ctl.on('layers', (patch) => {
    view.setLayers(patch);
    for (const [name, b] of layerButtons) b.setAttribute('aria-pressed', String(view.layers[name]));
  });
  ctl.on('highlight', (hl) => graph.highlight(hl));
  ctl.on('slowmotion', ({ index, plan }) => {
    if (index !== null && index === 0) slow.setPlan(plan);
    slow.show(index);
  });
  ctl.on('notice', ({ text, kind }) => notice(text, kind));
  ctl.on('diverged', (d) => {
    divergence.replaceChildren(
      h('strong', {}, `Training diverged at iteration ${fmt(d.iteration)}`),
      h('p', {}, `${d.what === 'weights' ? 'The weights' : d.what === 'dLoss' ? "D's loss" : "G's loss"} became infinite or NaN. Likely cause: ${d.hint}.`),
    );
    const restore = h('button', { type: 'button', class: 'lab-btn lab-btn-primary lab-restore' }, 'Restore last good state');
    restore.addEventListener('click', () => void ctl.restoreLastGood());
    divergence.append(restore);
    divergence.hidden = false;
  });
  const onConfig = (config: GanConfig) => {
    editor?.update(config);
    picker?.setDistribution(config.distribution);
    graph.setNoiseDim(config.noise.dim);
    writeUrl();
  };
  ctl.on('config', ({ config, effects }) => {
    if (effects.includes('restart')) graph.resetLosses();
    onConfig(config);
  });

  function writeUrl() {
    const search = urlFromConfig(ctl.config, backendChoice);
    const url = `${location.origin}${location.pathname}${search}`;
    shareInput.value = url;
    shareInput.title = urlCarriesAll(ctl.config) ? '' : 'The drawing is too large for a link; save to a file to keep it.';
    if (opts.urlState) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }

  // keyboard
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    const tag = t?.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || t?.isContentEditable) return;
    if ((e.key === ' ' || e.key === 'Enter') && (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || tag === 'LABEL')) return;
    const inLab = !t || t === document.body || root.contains(t);
    if (!inLab) return;
    let handled = true;
    switch (e.key) {
      case ' ':
        ctl.toggle();
        break;
      case 'ArrowRight':
        if (ctl.slowMotion) void ctl.nextSubStep();
        else void ctl.step('both');
        break;
      case 'ArrowUp':
        void ctl.step('d');
        break;
      case 'ArrowDown':
        void ctl.step('g');
        break;
      case 'm':
      case 'M':
        ctl.toggleSlowMotion();
        break;
      case 'r':
      case 'R':
        void ctl.reset();
        break;
      case 'n':
      case 'N':
        void applyPatch({ seed: Math.floor(Math.random() * 2 ** 31) }, 'New seed');
        break;
      case '?':
        toggleHelp();
        break;
      case 'Escape':
        if (!help.hidden) toggleHelp(false);
        else handled = false;
        break;
      default:
        if (/^[1-5]$/.test(e.key)) {
          const name = LAYER_NAMES[Number(e.key) - 1];
          ctl.setLayers({ [name]: !view.layers[name] });
        } else handled = false;
    }
    if (handled) e.preventDefault();
  };
  if (opts.globalKeys) document.addEventListener('keydown', onKey);
  else {
    root.tabIndex = root.tabIndex >= 0 ? root.tabIndex : 0;
    root.addEventListener('keydown', onKey);
  }

  // pause off screen
  if (typeof IntersectionObserver === 'function') {
    const io = new IntersectionObserver((entries) => {
      for (const en of entries) ctl.setVisible(en.isIntersecting);
    });
    io.observe(root);
  }
  let resizeRaf = 0;
  const ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => {
    cancelAnimationFrame(resizeRaf);
    resizeRaf = requestAnimationFrame(() => view.draw());
  }) : null;
  ro?.observe(canvasEl);

  onConfig(ctl.config);
  onState(ctl.state);
  // A lesson step's "open in the lab" link carries its baked state: #snapshot=<base>baked/<hash>.json.
  let linked: TrainerSnapshot | undefined;
  if (opts.urlState) {
    const ref = snapshotFromHash(location.hash, import.meta.env.BASE_URL, location.origin);
    if (ref && 'error' in ref) notice(ref.error, 'error');
    else if (ref) {
      try {
        const res = await fetch(ref.url);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        linked = (await res.json()) as TrainerSnapshot;
      } catch (err) {
        notice(`Could not load the lesson state (${err instanceof Error ? err.message : String(err)}); starting from the link's settings.`, 'error');
      }
    }
  }
  const startSnapshot = linked ?? opts.snapshot;
  if (startSnapshot) {
    await ctl.loadSnapshot(startSnapshot).catch((err) => notice(`Could not load the snapshot: ${err instanceof Error ? err.message : String(err)}`, 'error'));
  } else {
    await ctl.redraw();
  }
  // A linked lesson state opens frozen, exactly as the lesson showed it; press play to continue from it.
  if ((opts.autoplay ?? true) && !reduced && !linked) ctl.play();
  // A lost WebGL context (GPU reset) moves the run to WASM from the last frame's weights.
  let unwatch = placement.onWebGLContextLost(() => void ctl.handleContextLost());
  ctl.on('backend', () => {
    unwatch();
    unwatch = placement.onWebGLContextLost(() => void ctl.handleContextLost());
  });
  (root as HTMLElement & { labController?: LabController }).labController = ctl;
  (root as HTMLElement & { labDebug?: object }).labDebug = { loseWebGLContext: () => placement.loseWebGLContext() };
  return ctl;
}

export type { LabController, SaveFile };
