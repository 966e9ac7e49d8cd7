// Sweep axes as people type them: the headless runner's `--sweep optimizer.lr=0.001,0.01,0.1` and the
// Sweep panel's values box share this reading. Values are comma-separated, or `log:MIN:MAX:COUNT`
// for a log grid. The schema then checks each value's range; here only the shape is read.
import { ArgumentError } from '../../core/checks';
import { logGrid } from './plan';
import type { SweepAxis, SweepSetting } from './sweepSchema';

/** Each setting's path in the experiment, as --sweep and --set name it (classWeight: custom[K]). */
export const SETTING_PATHS: Record<SweepSetting, string> = {
  lr: 'optimizer.lr',
  optimizer: 'optimizer.kind',
  batchSize: 'training.batchSize',
  seed: 'seed',
  labelSmoothing: 'loss.labelSmoothing',
  temperature: 'loss.temperature',
  classWeights: 'loss.classWeights',
  classWeight: 'loss.classWeights.custom[K]',
};

const NAMED = new Set<SweepSetting>(['classWeights', 'optimizer']);

/** The setting a path names, and the class of `loss.classWeights.custom[K]`. Short names (lr, seed) also work. */
export function settingOfPath(path: string, argument = 'sweep'): { setting: SweepSetting; classIndex?: number } {
  const custom = /^(?:loss\.classWeights\.custom|classWeight)\[(\d+)\]$/.exec(path);
  if (custom) return { setting: 'classWeight', classIndex: Number(custom[1]) };
  for (const [setting, full] of Object.entries(SETTING_PATHS) as [SweepSetting, string][]) {
    if (path === full || path === setting) return { setting };
  }
  const allowed = Object.values(SETTING_PATHS).join(', ');
  throw new ArgumentError(argument, `cannot sweep '${path}'; sweepable settings: ${allowed} (K: a class index)`);
}

/** The values of `text` for `setting`: words for optimizer kinds and class-weight presets, numbers otherwise. */
export function parseAxisValues(setting: SweepSetting, text: string, argument = 'values'): (number | string)[] {
  const trimmed = text.trim();
  const log = /^log:([^:]+):([^:]+):([^:]+)$/.exec(trimmed);
  if (log) {
    if (NAMED.has(setting)) throw new ArgumentError(argument, `'${setting}' takes names, not a log grid`);
    const [min, max, count] = log.slice(1).map(Number);
    return logGrid(min, max, count);
  }
  const items = trimmed.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new ArgumentError(argument, `must be values separated by commas (e.g. 0.001, 0.01, 0.1) or log:MIN:MAX:COUNT, got '${text}'`);
  }
  if (NAMED.has(setting)) return items;
  return items.map((item) => {
    const value = Number(item);
    if (!Number.isFinite(value)) throw new ArgumentError(argument, `'${item}' is not a number (${setting} takes numbers)`);
    return value;
  });
}

/** `optimizer.lr=0.001,0.01` or `loss.classWeights.custom[2]=log:1:8:4`: one axis, unchecked (the schema judges it). */
export function parseSweepFlag(flag: string): SweepAxis {
  const at = flag.indexOf('=');
  if (at <= 0) throw new ArgumentError('--sweep', `expected setting=values, e.g. --sweep optimizer.lr=0.001,0.01,0.1; got '${flag}'`);
  const { setting, classIndex } = settingOfPath(flag.slice(0, at), '--sweep');
  const values = parseAxisValues(setting, flag.slice(at + 1), `--sweep ${flag.slice(0, at)}`);
  return (classIndex === undefined ? { setting, values } : { setting, classIndex, values }) as SweepAxis;
}

/** An axis written back as a --sweep flag: the inverse of parseSweepFlag. */
export function sweepFlagOf(axis: SweepAxis): string {
  const path = axis.setting === 'classWeight' ? `loss.classWeights.custom[${axis.classIndex}]` : SETTING_PATHS[axis.setting];
  return `${path}=${axis.values.join(',')}`;
}
