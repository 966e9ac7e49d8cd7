// Each numeric parameter's allowed values, in one table: the experiment schema is built from it,
// and the page's fields, sliders and store checks read it, so a range is written once.
import { z } from '../../core/zod';

export interface NumberRange {
  min: number;
  max: number;
  integer?: boolean;
  /** The bottom is open: the value must be more than min (mixup's α > 0). */
  minExclusive?: boolean;
  /** The top is open: the value must be less than max (β < 1). */
  maxExclusive?: boolean;
}

export const RANGES = {
  /** Classes of a generated dataset (the palette has 10 colours; the generators draw 2–10 arms or blobs). */
  classes: { min: 2, max: 10, integer: true },
  /**
   * Classes of any dataset, a CSV's included: the one class limit that the model's output layer
   * (model/layout.ts), custom class weights and the page's views all use. 1,000 keeps the
   * validation confusion matrix at 10⁶ counts (4 MB) and a row of logits well inside one workgroup's
   * reach; above 20 classes the page summarises the matrix instead of drawing it.
   */
  datasetClasses: { min: 2, max: 1000, integer: true },
  /** Feature columns of any dataset: the model's inputs. */
  features: { min: 1, max: 4096, integer: true },
  /**
   * Generated samples. 10⁵ float32 points are 0.8 MB and generate in milliseconds; what they cost is
   * the measurement (every sample through the network): up to 3.3·10¹⁰ multiply-adds with 6×256
   * hidden layers, a fraction of a second on a GPU, which is why the page asks before opening such a
   * link (workEstimate.ts) and the CPU backend measures in chunks that yield to the page.
   */
  samples: { min: 10, max: 100_000, integer: true },
  noise: { min: 0, max: 5 },
  /** First class : last class; 1 is balanced. */
  imbalance: { min: 1, max: 1000 },
  validationFraction: { min: 0, max: 0.9 },
  unlabelledFraction: { min: 0, max: 0.99 },
  effectiveNumberBeta: { min: 0, max: 1, maxExclusive: true },
  classWeight: { min: 0, max: 1e6 },
  flipProbability: { min: 0, max: 1, maxExclusive: true },
  mixupAlpha: { min: 0, max: 100, minExclusive: true },
  labelSmoothing: { min: 0, max: 1 },
  temperature: { min: 0.01, max: 10 },
  projection: { min: 2, max: 128, integer: true },
  rotation: { min: 0, max: Math.PI },
  scale: { min: 0, max: 0.9 },
  jitter: { min: 0, max: 2 },
  pixelNoise: { min: 0, max: 16 },
  dropout: { min: 0, max: 0.9 },
  /** 256 wide and 6 deep: the dense kernels' tiles are sized for these (model/layout.ts checks the same). */
  hiddenWidth: { min: 1, max: 256, integer: true },
  hiddenLayers: { min: 0, max: 6, integer: true },
  learningRate: { min: 0, max: 10 },
  momentum: { min: 0, max: 1, maxExclusive: true },
  adamBeta: { min: 0, max: 1, maxExclusive: true },
  weightDecay: { min: 0, max: 1 },
  /**
   * 4096 rows: one WebGPU step of 6×256 is 4·10⁹ multiply-adds, milliseconds on a GPU. On the page's
   * CPU backend a step runs whole between two frames, so there a step is further held to
   * CPU_STEP_MACS (workEstimate.ts): a named refusal, not a frozen tab.
   */
  batchSize: { min: 1, max: 4096, integer: true },
  steps: { min: 1, max: 1_000_000, integer: true },
  evalEvery: { min: 1, max: 100_000, integer: true },
  /** A live change's step: the first step trained with it. */
  changeStep: { min: 1, max: 1_000_000, integer: true },
  /** Live changes one experiment records. */
  changes: { min: 0, max: 1000, integer: true },
  /** The page's, not the experiment's: steps encoded per animation frame. */
  stepsPerFrame: { min: 1, max: 100, integer: true },
} as const satisfies Record<string, NumberRange>;

/** A zod number held to `range`. */
export function numberIn(range: NumberRange) {
  let schema = range.integer ? z.number().int() : z.number();
  schema = range.minExclusive ? schema.gt(range.min) : schema.min(range.min);
  return range.maxExclusive ? schema.lt(range.max) : schema.max(range.max);
}

export function inRange(value: number, range: NumberRange): boolean {
  if (!Number.isFinite(value) || (range.integer && !Number.isInteger(value))) return false;
  const aboveMin = range.minExclusive ? value > range.min : value >= range.min;
  const belowMax = range.maxExclusive ? value < range.max : value <= range.max;
  return aboveMin && belowMax;
}

/** 'a number from 0.01 to 10', 'an integer from 1 to 100', 'a number from 0 to 1 (exclusive)'. */
export function describeRange(range: NumberRange): string {
  const open = [range.minExclusive && 'min', range.maxExclusive && 'max'].filter(Boolean);
  const exclusive = open.length === 2 ? ' (both exclusive)' : open.length === 1 ? ` (${open[0]} exclusive)` : '';
  return `${range.integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}${exclusive}`;
}
