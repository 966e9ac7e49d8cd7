// The presets' names, apart from their experiments so that the schema can name them without a cycle.
export const PRESET_IDS = [
  'spiral-basics',
  'class-weight-pitfall',
  'label-smoothing',
  'overfitting',
  'contrastive-temperature',
  'real-digits',
  'mnist',
] as const;
export type PresetId = (typeof PRESET_IDS)[number];
