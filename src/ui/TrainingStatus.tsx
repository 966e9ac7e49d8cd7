// The run at a glance, in words a screen reader announces and a test can read: step, train and
// validation loss, and accuracy in cross-entropy mode.
import { useTrainingStore } from '../store/trainingStore';

const loss = (x: number | undefined) => (x === undefined ? '–' : Number.isFinite(x) ? x.toFixed(4) : String(x));

export function TrainingStatus() {
  const step = useTrainingStore((s) => s.step);
  const epoch = useTrainingStore((s) => s.epoch);
  const snapshot = useTrainingStore((s) => s.snapshot);
  const phase = useTrainingStore((s) => s.phase);
  const playing = useTrainingStore((s) => s.playing);
  const batchLoss = useTrainingStore((s) => s.batchLoss);
  const error = useTrainingStore((s) => s.error);
  const classification = snapshot?.mode === 'cross-entropy' ? snapshot : null;
  const contrastive = snapshot?.mode === 'nt-xent' ? snapshot : null;
  const trainLoss = classification ? classification.train.weightedLoss : contrastive?.trainLoss;
  const validationLoss = classification ? classification.validation.weightedLoss : contrastive?.validationLoss;
  return (
    <div role="status" aria-label="Training status" className="training-status">
      <span className="state">{phase === 'starting' ? 'Preparing…' : phase === 'error' ? 'Stopped' : playing ? 'Training' : 'Paused'}</span>
      <span>Step {step}</span>
      <span>Epoch {epoch}</span>
      <span>Train loss {loss(trainLoss)}</span>
      <span>Validation loss {loss(validationLoss)}</span>
      {classification && <span>Accuracy {(classification.validation.accuracy * 100).toFixed(1)}%</span>}
      {classification && <span className="secondary">Train accuracy {(classification.train.accuracy * 100).toFixed(1)}%</span>}
      <span className="secondary">Batch loss {batchLoss === null ? '–' : loss(batchLoss)}</span>
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
