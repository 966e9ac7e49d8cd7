// The dataset every generator returns and every later step (split, standardise, train) takes.

export interface Dataset {
  /** The generator that made it, e.g. 'spirals'. */
  name: string;
  /** [n, d] row-major. */
  features: Float32Array;
  /** [n] class indices in [0, classes). */
  labels: Int32Array;
  n: number;
  d: number;
  classes: number;
  /** [classes] names for legends and confusion matrices. */
  classNames: string[];
}

/** The rows at `indices`, in that order, as a new dataset; the input is left untouched. */
export function selectRows(dataset: Dataset, indices: Int32Array): Dataset {
  const { d } = dataset;
  const features = new Float32Array(indices.length * d);
  const labels = new Int32Array(indices.length);
  indices.forEach((row, i) => {
    features.set(dataset.features.subarray(row * d, (row + 1) * d), i * d);
    labels[i] = dataset.labels[row];
  });
  return { ...dataset, features, labels, n: indices.length, classNames: [...dataset.classNames] };
}
