// What PyTorch's CrossEntropyLoss does with the current settings: the formula and the live
// denominator of the reduction, and the weights + smoothing quirk when both are on.
import { useTrainingStore } from '../../store/trainingStore';

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3));

export function SemanticsNote() {
  const experiment = useTrainingStore((s) => s.experiment);
  const data = useTrainingStore((s) => s.data);
  const classWeights = useTrainingStore((s) => s.classWeights); // the weights in use change with each live edit
  const { loss, training, preparation } = experiment;
  if (loss.mode === 'nt-xent') {
    return (
      <details className="semantics">
        <summary>PyTorch semantics</summary>
        <p>
          NT-Xent (SimCLR): ẑ = z/‖z‖, s<sub>ij</sub> = ẑ<sub>i</sub>·ẑ<sub>j</sub>; each of the 2N = {2 * training.batchSize} rows is a
          cross-entropy over s<sub>ij</sub>/τ (j ≠ i, τ = {loss.temperature}) whose target is its other view; the loss is the mean over all
          2N rows.
        </p>
      </details>
    );
  }
  const batch = training.batchSize;
  const weights = classWeights ? Array.from(classWeights) : null;
  const labels = data?.train.labels;
  const C = data?.train.classes ?? 0;
  // E[Σ_i w[y_i]] over a batch: the batch size × the mean weight of a labelled training row.
  let meanWeight = 1;
  if (weights && labels && labels.length > 0) meanWeight = labels.reduce((sum, y) => sum + weights[y], 0) / labels.length;
  const labelled = 1 - preparation.unlabelledFraction;
  const probabilities = loss.targets.kind !== 'hard';
  const uniform = !weights || weights.every((w) => w === 1);
  const smoothing = loss.labelSmoothing;

  let denominator: string;
  if (loss.reduction === 'sum') denominator = 'none: reduction "sum" adds the per-row losses.';
  else if (probabilities) denominator = `the batch size, ${batch}: with probability targets "mean" divides by N, whatever the weights.`;
  else if (uniform)
    denominator = `the number of labelled rows in the batch, ≈ ${fmt(batch * labelled)}${labelled < 1 ? ` (rows with ignore_index = −100 count for nothing)` : ''}.`;
  else
    denominator = `Σ w[yᵢ] over the labelled rows of the batch, ≈ ${fmt(batch * labelled * meanWeight)} (${batch}${labelled < 1 ? ` × ${fmt(labelled)} labelled` : ''} × mean weight ${fmt(meanWeight)}), not the batch size.`;

  return (
    <details className="semantics">
      <summary>PyTorch semantics</summary>
      <p className="formula">
        ℓᵢ = −(1 − ε)·w[yᵢ]·log pᵢ[yᵢ] − (ε/C)·Σ<sub>c</sub> w[c]·log pᵢ[c], with ε = {smoothing}, C = {C || '…'}
      </p>
      <p>
        <strong>Denominator of the reduction:</strong> {denominator}
      </p>
      {!uniform && smoothing > 0 && !probabilities && (
        <p className="quirk">
          <strong>Weights + smoothing quirk:</strong> PyTorch weighs the smoothing term by w[c] of every class c, yet with "mean" still
          divides it by Σ w[yᵢ] of the true classes (pytorch#104776). xent-lab does exactly the same, so its numbers match PyTorch's.
        </p>
      )}
    </details>
  );
}
