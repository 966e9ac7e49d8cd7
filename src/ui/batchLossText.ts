// The batch loss as the status bar shows it: with reduction 'mean' it is per sample, like the
// curves; with 'sum' or 'none' it is the sum over the batch (batch × larger), so the per-sample mean
// is shown beside it and the reduction is named.

export function batchLossText(
  batchLoss: number | null,
  reduction: 'mean' | 'sum' | 'none',
  batchSize: number,
  format: (x: number) => string,
): string {
  if (batchLoss === null) return 'Batch loss –';
  if (reduction === 'mean') return `Batch loss ${format(batchLoss)}`;
  const what = reduction === 'sum' ? "reduction 'sum'" : "reduction 'none', summed";
  return `Batch loss ${format(batchLoss)} (${what} over ${batchSize} samples; ${format(batchLoss / batchSize)} per sample)`;
}
