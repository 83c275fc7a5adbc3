// The distribution picker: every built-in distribution, a pad to draw your own with mouse, touch or pen,
// and upload of a CSV or JSON file of 2-D points (read by points-file.ts).
import { MAX_POINTS, type Distribution } from '../model/config';
import { DISTRIBUTIONS, DISTRIBUTION_NAMES } from '../model/distributions';
import { getLocale, t } from '../i18n';
import { fmt, h, uniqueId } from './dom';
import { readColours, rgba } from './palette';
import { MAX_FILE_BYTES, MIN_POINTS, parsePointsFile } from './points-file';

export { MAX_FILE_BYTES, MIN_POINTS, parsePointsFile, type ParseResult } from './points-file';

/** `count` points spread uniformly in a disc: what one brush dab adds. */
export function sprayPoints(cx: number, cy: number, radius: number, count: number, rand: () => number = Math.random): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const r = radius * Math.sqrt(rand());
    const a = 2 * Math.PI * rand();
    out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return out;
}

export interface PickerHandlers {
  /** The reader picked a built-in distribution. */
  pick(d: Distribution): void;
  /** The reader applied a drawing or an upload. */
  points(points: [number, number][], source: 'drawing' | 'file'): void;
  /** Whether the lab holds points from an earlier drawing or upload ("My points" trains on them). */
  hasPoints(): boolean;
}

/** The picker UI: select, draw pad (unit square), file upload. */
export class DistributionPicker {
  readonly root: HTMLElement;
  readonly select: HTMLSelectElement;
  readonly pad: HTMLCanvasElement;
  readonly fileInput: HTMLInputElement;
  private message: HTMLElement;
  private padBox: HTMLElement;
  private drawn: [number, number][] = [];
  private brush = 0.03;
  private drawing = false;
  private countOut: HTMLElement;
  private current: Distribution = 'gaussians';

  constructor(private hd: PickerHandlers) {
    const selId = uniqueId('lab-dist');
    this.select = h('select', { id: selId, class: 'lab-dist-select', name: 'distribution' });
    for (const d of DISTRIBUTION_NAMES) this.select.append(h('option', { value: d }, DISTRIBUTIONS[d].text[getLocale()].label));
    this.select.addEventListener('change', () => {
      const d = this.select.value as Distribution;
      if (d !== 'points') return hd.pick(d);
      // "My points" trains on a drawing: the last one, if there is one; else the pad opens and the lab keeps its
      // data (the select says so by going back) until something is drawn.
      if (hd.hasPoints()) return hd.pick(d);
      this.select.value = this.current;
      this.openPad();
      this.say(t('picker.nothingDrawn', { min: String(MIN_POINTS), current: DISTRIBUTIONS[this.current].text[getLocale()].label }), 'error');
    });
    const drawBtn = h('button', { type: 'button', class: 'lab-btn lab-draw-open' }, t('picker.draw'));
    drawBtn.addEventListener('click', () => this.openPad());

    const fileId = uniqueId('lab-upload');
    this.fileInput = h('input', { id: fileId, type: 'file', accept: '.csv,.json,.txt,text/csv,application/json', class: 'lab-visually-hidden lab-upload-input' });
    this.fileInput.addEventListener('change', () => void this.onFile());
    const uploadLabel = h('label', { for: fileId, class: 'lab-btn lab-upload-label', title: t('picker.uploadTitle', { max: fmt(MAX_POINTS), kb: String(MAX_FILE_BYTES / 1024) }) }, t('picker.upload'));

    this.message = h('p', { class: 'lab-dist-message', role: 'status', 'aria-live': 'polite' });

    // draw pad
    this.pad = h('canvas', { class: 'lab-pad', width: 480, height: 480, 'aria-label': t('picker.pad'), role: 'img' });
    this.pad.addEventListener('pointerdown', (e) => this.onPointer(e, 'down'));
    this.pad.addEventListener('pointermove', (e) => this.onPointer(e, 'move'));
    for (const t of ['pointerup', 'pointercancel', 'pointerleave'] as const) this.pad.addEventListener(t, () => (this.drawing = false));
    const brushId = uniqueId('lab-brush');
    const brush = h('input', { id: brushId, type: 'range', min: 0.005, max: 0.1, step: 0.005, value: this.brush, class: 'lab-brush' });
    brush.addEventListener('input', () => (this.brush = Number(brush.value)));
    const clear = h('button', { type: 'button', class: 'lab-btn lab-pad-clear' }, t('picker.clear'));
    clear.addEventListener('click', () => {
      this.drawn = [];
      this.paint();
    });
    const apply = h('button', { type: 'button', class: 'lab-btn lab-btn-primary lab-pad-apply' }, t('picker.apply'));
    apply.addEventListener('click', () => this.applyDrawing());
    const cancel = h('button', { type: 'button', class: 'lab-btn lab-pad-cancel' }, t('picker.close'));
    cancel.addEventListener('click', () => this.closePad());
    this.countOut = h('output', { class: 'lab-pad-count' }, t('picker.count', { n: '0' }));
    this.padBox = h(
      'div',
      { class: 'lab-pad-box', hidden: true },
      this.pad,
      h('div', { class: 'lab-pad-tools' }, h('label', { for: brushId }, t('picker.brush'), brush), this.countOut, clear, apply, cancel),
    );

    this.root = h(
      'div',
      { class: 'lab-picker' },
      h('div', { class: 'lab-picker-row' }, h('label', { for: selId }, t('picker.distribution')), this.select, drawBtn, uploadLabel, this.fileInput),
      this.message,
      this.padBox,
    );
  }

  setDistribution(d: Distribution) {
    this.current = d;
    if (this.select.value !== d) this.select.value = d;
  }

  say(text: string, kind: 'ok' | 'error' = 'ok') {
    this.message.textContent = text;
    this.message.classList.toggle('is-error', kind === 'error');
    this.message.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }

  openPad() {
    this.padBox.hidden = false;
    this.paint();
    this.say(t('picker.padHint'));
    // the pad opens under the picker, often past the window's bottom edge, where strokes would draw nothing
    this.padBox.scrollIntoView?.({ block: 'nearest' });
  }

  closePad() {
    this.padBox.hidden = true;
  }

  private onPointer(e: PointerEvent, kind: 'down' | 'move') {
    if (kind === 'down') {
      this.drawing = true;
      this.pad.setPointerCapture?.(e.pointerId);
      e.preventDefault();
    }
    if (!this.drawing) return;
    const r = this.pad.getBoundingClientRect();
    const x = (e.clientX - r.left) / r.width;
    const y = 1 - (e.clientY - r.top) / r.height;
    const pressure = e.pointerType === 'pen' && e.pressure > 0 ? 0.5 + e.pressure : 1;
    const room = MAX_POINTS - this.drawn.length;
    if (room <= 0) {
      this.say(t('picker.full', { max: fmt(MAX_POINTS) }), 'error');
      return;
    }
    this.drawn.push(...sprayPoints(x, y, this.brush * pressure, Math.min(room, 4)));
    this.paint();
  }

  private paint() {
    const ctx = this.pad.getContext('2d');
    this.countOut.textContent = t('picker.count', { n: fmt(this.drawn.length) });
    if (!ctx) return;
    const W = this.pad.width;
    const c = readColours(this.pad);
    ctx.fillStyle = c['plot-bg'];
    ctx.fillRect(0, 0, W, W);
    ctx.strokeStyle = c.grid;
    ctx.beginPath();
    for (let i = 1; i < 10; i++) {
      ctx.moveTo((i * W) / 10, 0);
      ctx.lineTo((i * W) / 10, W);
      ctx.moveTo(0, (i * W) / 10);
      ctx.lineTo(W, (i * W) / 10);
    }
    ctx.stroke();
    ctx.fillStyle = rgba(c.real, 0.7);
    ctx.beginPath();
    for (const [x, y] of this.drawn) {
      ctx.moveTo(x * W + 3, (1 - y) * W);
      ctx.arc(x * W, (1 - y) * W, 3, 0, Math.PI * 2);
    }
    ctx.fill();
  }

  private applyDrawing() {
    if (this.drawn.length < MIN_POINTS) {
      this.say(t('picker.tooFew', { min: String(MIN_POINTS) }), 'error');
      return;
    }
    const pts = this.drawn.map(([x, y]) => [Number(x.toFixed(4)), Number(y.toFixed(4))] as [number, number]);
    this.hd.points(pts, 'drawing');
    this.say(t('picker.training', { n: fmt(pts.length) }));
    this.closePad();
  }

  private async onFile() {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      this.say(parsePointsFile(file.name, '', file.size).ok ? '' : (parsePointsFile(file.name, '', file.size) as { error: string }).error, 'error');
      return;
    }
    const r = parsePointsFile(file.name, await file.text(), file.size);
    if (!r.ok) {
      this.say(t('picker.fileRefused', { error: r.error }), 'error');
      return;
    }
    this.hd.points(r.points, 'file');
    this.say(r.note ? t('picker.loadedNote', { n: fmt(r.points.length), name: file.name, note: r.note }) : t('picker.loaded', { n: fmt(r.points.length), name: file.name }));
  }
}
