// A batch cannot hold more rows than the training split has. When a small file arrives (an upload),
// the batch size comes down to the training rows, and the returned notice says so with both values:
// adapted visibly, never silently. A batch size typed in by hand is still refused by the session.
import { trainRowCount } from '../data/stratifiedSplit';

export interface BatchFit {
  batchSize: number;
  /** What changed and why, or null when the batch size fits. */
  notice: string | null;
}

/**
 * `classCounts` are the dataset's rows per class, `validationFraction` the share held out of each,
 * `source` how the notice names the data (e.g. the file name).
 */
export function fitBatchSize(batchSize: number, classCounts: readonly number[], validationFraction: number, source: string): BatchFit {
  const trainRows = trainRowCount(classCounts, validationFraction);
  if (batchSize <= trainRows) return { batchSize, notice: null };
  const share = `${Math.round(validationFraction * 100)}% validation share`;
  return {
    batchSize: trainRows,
    notice: `Batch size ${batchSize} → ${trainRows}: ${source} leaves ${trainRows} training rows after the ${share}, fewer than a batch of ${batchSize}.`,
  };
}
