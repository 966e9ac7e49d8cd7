// The page's live example: a small random batch through log-softmax and cross-entropy on the
// active backend, shaped for display.
import { normalArray, seededRandom } from './random';
import type { Engine } from './types';

export const EXAMPLE_CLASSES = ['cat', 'dog', 'bird', 'fish'];
const ROWS = 4;
export const DEFAULT_LABEL_SMOOTHING = 0.1;

export interface ExampleRow {
  sample: number;
  logits: number[];
  target: number;
  probability: number; // softmax of the target class
  loss: number; // this row's loss ('none')
  gradTarget: number; // ∂(Σ loss)/∂logit of the target class
}

export interface Example {
  seed: number;
  labelSmoothing: number;
  rows: ExampleRow[];
  meanLoss: number;
}

export async function runExample(engine: Engine, seed: number, labelSmoothing: number): Promise<Example> {
  const random = seededRandom(seed);
  const c = EXAMPLE_CLASSES.length;
  const logits = normalArray(random, ROWS * c, 1.5);
  const target = Int32Array.from({ length: ROWS }, () => random.int(c));
  const common = { logits, n: ROWS, c, target, labelSmoothing };
  const [logp, perRow, mean] = await Promise.all([
    engine.logSoftmax({ logits, n: ROWS, c }),
    engine.crossEntropy({ ...common, reduction: 'none' }),
    engine.crossEntropy({ ...common, reduction: 'mean' }),
  ]);
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    sample: i,
    logits: Array.from(logits.subarray(i * c, (i + 1) * c)),
    target: target[i],
    probability: Math.exp(logp[i * c + target[i]]),
    loss: perRow.loss[i],
    gradTarget: perRow.grad[i * c + target[i]],
  }));
  return { seed, labelSmoothing, rows, meanLoss: mean.loss[0] };
}
