// The settings panel: every config field and the distribution picker with its draw pad. A lesson's lab (compact)
// starts with the panel closed and builds them when it is first opened: building them up front cost a deep link
// ~40 ms before its first frame (issue 4).
import type { LabController } from './controller';
import { getLocale, t } from './i18n';
import { effectText, fieldLabel } from './i18n/config-text';
import { errorText } from './i18n/error-text';
import type { GanConfig, PartialConfig } from './model/config';
import { DISTRIBUTIONS, type Distribution } from './model/distributions';
import { onLinkGrid } from './points-code';
import { ConfigEditor } from './view/controls';
import { DistributionPicker } from './view/distribution-picker';
import { h } from './view/dom';

export class LabSettings {
  readonly root: HTMLDetailsElement;
  private editor: ConfigEditor | null = null;
  private picker: DistributionPicker | null = null;

  constructor(
    private ctl: LabController,
    compact: boolean,
    private notice: (text: string, kind: 'error') => void,
    private said: (text: string) => void,
  ) {
    this.root = h('details', { class: 'lab-settings', open: !compact }, h('summary', {}, t('settings.summary')));
    if (compact) this.root.addEventListener('toggle', () => this.root.open && this.build());
    else this.build();
  }

  /** Applies a change and says what it cost (or why it was refused). */
  async apply(patch: PartialConfig, what: string) {
    try {
      const effects = await this.ctl.setConfig(patch);
      const costly = effects.filter((e) => e !== 'live');
      this.said(t('settings.said', { what, effects: costly.length ? costly.map(effectText).join(t('settings.listJoin')) : effectText('live') }));
    } catch (err) {
      this.notice(errorText(err), 'error');
    }
  }

  /**
   * New data is a new run: the networks and the iteration count start over (same seed), as a reader expects from
   * picking another dataset; the line says so. (Lessons that change the data part-way use setConfig, which keeps
   * the networks.)
   */
  async newData(distribution: Distribution, points?: [number, number][]) {
    const next: GanConfig = { ...this.ctl.config, distribution, points: points ?? this.ctl.config.points };
    try {
      await this.ctl.loadConfig(next);
      const what = distribution === 'points' ? t('data.points', { n: next.points.length }) : DISTRIBUTIONS[distribution].text[getLocale()].label;
      this.said(t('data.newRun', { what }));
    } catch (err) {
      this.notice(errorText(err), 'error');
    }
  }

  newSeed() {
    void this.apply({ seed: Math.floor(Math.random() * 2 ** 31) }, t('settings.newSeed'));
  }

  /** Shows the config's values. */
  update(config: GanConfig) {
    this.editor?.update(config);
    this.picker?.setDistribution(config.distribution);
  }

  private build() {
    if (this.editor) return;
    const ctl = this.ctl;
    this.editor = new ConfigEditor(ctl.config, (patch, path) => void this.apply(patch, t('settings.changed', { field: fieldLabel(path) })), () => this.newSeed());
    this.picker = new DistributionPicker({
      pick: (d) => void this.newData(d),
      // on the link's grid (a change of at most 1/4095 of the drawing's extent), so a link rebuilds it exactly
      points: (points) => void this.newData('points', onLinkGrid(points)),
      hasPoints: () => ctl.config.points.length > 0,
    });
    this.picker.setDistribution(ctl.config.distribution);
    this.root.append(this.picker.root, this.editor.root);
  }
}
