// The run at a glance, in words a screen reader announces and a test can read: step, train and
// validation loss, and accuracy in cross-entropy mode.
import { useLabStore } from '../store/labStore';
import { useTrainingStore } from '../store/trainingStore';
import { batchLossText } from './batchLossText';
import { stepRateText } from './stepRate';
import { useStepRate } from './useStepRate';

const loss = (x: number | undefined) => (x === undefined ? '–' : Number.isFinite(x) ? x.toFixed(4) : String(x));

function stateText(phase: 'starting' | 'ready' | 'error', playing: boolean, unmeasured: boolean, gpu: boolean): string {
  if (phase === 'starting') return 'Preparing the data…';
  if (phase === 'error') return 'Stopped';
  // The first measurement waits for the GPU to compile its kernels (seconds on an emulated GPU).
  if (unmeasured) return gpu ? 'Compiling the GPU kernels…' : 'Starting…';
  return playing ? 'Training' : 'Paused';
}

/** Which backend takes the steps, where a warm start moves the run from the CPU to the GPU. */
const STEPPING_TEXT = {
  'cpu-warmup': 'Stepping on CPU (warming up GPU)',
  webgpu: 'Stepping on WebGPU',
  cpu: 'Stepping on CPU (the GPU did not start)',
} as const;

export function TrainingStatus() {
  const step = useTrainingStore((s) => s.step);
  const epoch = useTrainingStore((s) => s.epoch);
  const snapshot = useTrainingStore((s) => s.snapshot);
  const phase = useTrainingStore((s) => s.phase);
  const playing = useTrainingStore((s) => s.playing);
  const batchLoss = useTrainingStore((s) => s.batchLoss);
  const error = useTrainingStore((s) => s.error);
  const stepping = useTrainingStore((s) => s.stepping);
  const reduction = useTrainingStore((s) => (s.experiment.loss.mode === 'cross-entropy' ? s.experiment.loss.reduction : 'mean'));
  const batchSize = useTrainingStore((s) => s.experiment.training.batchSize);
  const rate = useStepRate(playing && phase === 'ready');
  const gpu = useLabStore((s) => s.engine?.backend === 'webgpu');
  // A validation share of 0 leaves no samples to measure: say so, not "NaN".
  const noValidation = useTrainingStore((s) => s.data !== null && s.data.validation.n === 0);
  const classification = snapshot?.mode === 'cross-entropy' ? snapshot : null;
  const contrastive = snapshot?.mode === 'nt-xent' ? snapshot : null;
  const trainLoss = classification ? classification.train.weightedLoss : contrastive?.trainLoss;
  const validationLoss = classification ? classification.validation.weightedLoss : contrastive?.validationLoss;
  return (
    <div role="status" aria-label="Training status" className="training-status">
      {[
        <span key="state" className="state">
          {stateText(phase, playing, snapshot === null, gpu)}
        </span>,
        <span key="step">Step {step}</span>,
        playing && phase === 'ready' && (
          <span key="rate" className="step-rate">
            {stepRateText(rate)}
          </span>
        ),
        <span key="epoch">Epoch {epoch}</span>,
        <span key="train">Train loss {loss(trainLoss)}</span>,
        noValidation && <span key="no-validation">No validation split</span>,
        !noValidation && <span key="validation">Validation loss {loss(validationLoss)}</span>,
        !noValidation && classification && <span key="accuracy">Accuracy {(classification.validation.accuracy * 100).toFixed(1)}%</span>,
        classification && (
          <span key="train-accuracy" className="secondary">
            Train accuracy {(classification.train.accuracy * 100).toFixed(1)}%
          </span>
        ),
        <span key="batch" className="secondary">
          {batchLossText(batchLoss, reduction, batchSize, loss)}
        </span>,
        stepping && (
          <span key="stepping" className="stepping">
            {STEPPING_TEXT[stepping]}
          </span>
        ),
        error && (
          <span key="error" className="field-error">
            {error}
          </span>
        ),
      ]
        .filter(Boolean)
        // A space between the items: the flex layout drops it, but the text a screen reader or a script
        // reads keeps "Step 5641" apart from "43 steps/s" (without it: "Step 564143 steps/s").
        .flatMap((item, index) => (index === 0 ? [item] : [' ', item]))}
    </div>
  );
}
