// Data preparation for the trainer: seeded 2-D datasets, a stratified split, standardisation fitted on
// train, class-weight presets, hidden labels and soft targets. Pure TypeScript: no GPU, no DOM.

export { sampleBeta } from './beta';
export { countPerClass, imbalancedCounts } from './classCounts';
export type { ClassWeightPreset } from './classWeights';
export { CLASS_WEIGHT_KINDS, classWeights } from './classWeights';
export type { CsvDataset, CsvOptions } from './csv';
export { parseCsvDataset } from './csv';
export type { CsvLocation } from './csvError';
export { CsvError } from './csvError';
export type { EncodedLabels, LabelClass } from './csvLabels';
export { MAX_CSV_CELLS, MAX_CSV_CHARACTERS } from './csvLimits';
export type { CsvPreview } from './csvPreview';
export { previewCsv } from './csvPreview';
export type { Dataset } from './dataset';
export { selectRows } from './dataset';
export type { GeneratorName, GeneratorOptions } from './generateDataset';
export { GENERATORS, generateDataset, MAX_NOISE, MAX_SAMPLES } from './generateDataset';
export type { BuiltinDataset, BuiltinDatasetName } from './loadDataset';
export { BUILTIN_DATASETS, loadBuiltinDataset, loadCsvFromBytes, previewCsvFromBytes } from './loadDataset';
export type { MaskOptions } from './maskLabels';
export { maskLabels } from './maskLabels';
export type { MixupPairs } from './mixup';
export { mixFeatures } from './mixup';
export type { ClassRange, Shape } from './shape';
export type { SoftTargetOptions, SoftTargets } from './softTargets';
export { softTargets } from './softTargets';
export type { Standardizer } from './standardizer';
export { applyStandardizer, fitStandardizer } from './standardizer';
export type { Split, SplitOptions } from './stratifiedSplit';
export { MAX_VALIDATION_FRACTION, stratifiedSplit, trainRowCount } from './stratifiedSplit';
