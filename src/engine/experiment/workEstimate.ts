// How much arithmetic an experiment asks for, before anything runs: multiply-adds of one training
// step and of one measurement (every sample through the network once). The page asks before opening
// a shared link whose work is large, and the CPU backend refuses a step it cannot take between two
// frames. Counts are of the dense layers only (activations, softmax and the optimizer are O(weights)
// or O(outputs), far smaller), and a backward pass is counted as twice its forward.
import type { Experiment } from './schema';

/** Features per sample: known for generated and built-in data; a CSV is counted as the widest allowed row. */
const INPUTS = { generated: 2, digits: 64, iris: 4, mnist: 784, csv: 64 } as const;
/** Samples of the built-in datasets (public/datasets). */
const BUILTIN_SAMPLES = { digits: 1797, iris: 150, mnist: 10000 } as const;
/** Classes of the built-in datasets. */
const BUILTIN_CLASSES = { digits: 10, iris: 3, mnist: 10 } as const;

export interface WorkEstimate {
  /** Multiply-adds of one training step, forward and backward. */
  step: number;
  /** Multiply-adds of one measurement: all samples forward once. */
  measure: number;
  /** Samples in the dataset (for a CSV, unknown until the file is there: 0). */
  samples: number;
}

/**
 * A link whose step or measurement exceeds these asks first. The float64 CPU reference does about
 * 0.25 GMAC/s (measured: tests/train/cpuPredict.test.ts, 2·10⁸ in 0.8 s on a shared 2-core machine),
 * so 10⁹ is seconds per measurement there; the presets do at most 2.0·10⁷ per step and 1.0·10⁹ per
 * measurement (MNIST: 784·128 + 128·10 per sample, 10,000 samples), hence the bound of 2·10⁹ (the
 * default: 8.5·10⁵ and 2.6·10⁶).
 */
export const CONFIRM_STEP_MACS = 1e8;
export const CONFIRM_MEASURE_MACS = 2e9;

/**
 * The most a CPU step may do: a step runs whole between two frames, so it must end within ~80 ms at
 * 0.25 GMAC/s for a click to be answered within 100 ms. 3× the largest preset's step.
 */
export const CPU_STEP_MACS = 2e7;

export function estimateWork(experiment: Experiment): WorkEstimate {
  const { inputs, samples, classes } = dataShape(experiment.data);
  const outputs = experiment.loss.mode === 'nt-xent' ? experiment.loss.projection : classes;
  const widths = [inputs, ...experiment.model.hidden, outputs];
  let perSample = 0;
  for (let i = 1; i < widths.length; i++) perSample += widths[i - 1] * widths[i];
  // NT-Xent steps two views of each row, and its similarity matrix is (2N)² × projection.
  const contrastive = experiment.loss.mode === 'nt-xent';
  const rows = experiment.training.batchSize * (contrastive ? 2 : 1);
  const similarity = contrastive ? rows * rows * outputs : 0;
  return { step: 3 * perSample * rows + 2 * similarity, measure: perSample * samples, samples };
}

function dataShape(data: Experiment['data']): { inputs: number; samples: number; classes: number } {
  switch (data.source) {
    case 'digits':
    case 'iris':
    case 'mnist':
      return { inputs: INPUTS[data.source], samples: BUILTIN_SAMPLES[data.source], classes: BUILTIN_CLASSES[data.source] };
    case 'csv':
      // Rows arrive with the file: the measurement is counted when the file is there, not from the link.
      return { inputs: INPUTS.csv, samples: 0, classes: 10 };
    default:
      return { inputs: INPUTS.generated, samples: data.samples, classes: data.classes };
  }
}

/** Whether a link's experiment should be confirmed before it runs. */
export function needsConfirmation(work: WorkEstimate): boolean {
  return work.step > CONFIRM_STEP_MACS || work.measure > CONFIRM_MEASURE_MACS;
}

/** '4.0 billion multiply-adds per training step and 33 billion per measurement'. */
export function describeWork(work: WorkEstimate): string {
  return `${count(work.step)} multiply-adds per training step and ${count(work.measure)} per measurement`;
}

/** A multiply-add count in words: '4.0 billion', '850 thousand'. */
export function count(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(2)} billion`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(2)} million`;
  if (n >= 1e3) return `${(n / 1e3).toPrecision(2)} thousand`;
  return String(Math.round(n));
}
