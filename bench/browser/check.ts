// The correctness guard: ours and tfjs-webgpu must compute the same thing, or the table would
// compare unlike work (another reduction, mask or smoothing). Checked once per workload.

/**
 * Both sides are f32 with different summation orders, so they differ by rounding only (measured
 * here: at most 4e-6); 1e-3 is loose enough never to flag that and tight enough to flag a different convention.
 */
export const AGREEMENT_RTOL = 1e-3;

export interface Agreement {
  compared: 'loss and gradient' | 'output';
  /** |ours − theirs| / |theirs| for the loss. */
  lossRelativeError?: number;
  /** max |ours − theirs| / max |theirs| over the gradient (or output). */
  outputRelativeError: number;
  ok: boolean;
}

type Result = { loss: number; output: Float32Array };

export function agreement(compared: Agreement['compared'], ours: Result, theirs: Result): Agreement {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < theirs.output.length; i++) {
    worst = Math.max(worst, Math.abs(ours.output[i] - theirs.output[i]));
    scale = Math.max(scale, Math.abs(theirs.output[i]));
  }
  // A length mismatch or a NaN anywhere must fail, never pass by comparison with NaN.
  const outputRelativeError = ours.output.length === theirs.output.length ? worst / scale : Number.POSITIVE_INFINITY;
  const result: Agreement = { compared, outputRelativeError, ok: outputRelativeError <= AGREEMENT_RTOL };
  if (compared === 'loss and gradient') {
    result.lossRelativeError = Math.abs(ours.loss - theirs.loss) / Math.abs(theirs.loss);
    result.ok = result.ok && result.lossRelativeError <= AGREEMENT_RTOL;
  }
  return result;
}
