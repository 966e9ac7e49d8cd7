// The loss: cross-entropy with PyTorch's options, or NT-Xent for contrastive pre-training. Class
// weights, smoothing, reduction and temperature change live; the mode and the targets restart.

import { useState } from 'react';
import { RANGES } from '../../engine/experiment/ranges';
import type { Experiment } from '../../engine/experiment/schema';
import { useTrainingStore } from '../../store/trainingStore';
import { Errors } from '../controls/Errors';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { ClassWeights } from './ClassWeights';
import { SemanticsNote } from './SemanticsNote';
import { TemperatureField } from './TemperatureField';

type CrossEntropyLoss = Extract<Experiment['loss'], { mode: 'cross-entropy' }>;
type TargetKind = CrossEntropyLoss['targets']['kind'];

const MODES = [
  { value: 'cross-entropy', label: 'Cross-entropy' },
  { value: 'nt-xent', label: 'NT-Xent contrastive' },
] as const;

const DEFAULT_CROSS_ENTROPY: CrossEntropyLoss = {
  mode: 'cross-entropy',
  targets: { kind: 'hard' },
  classWeights: { kind: 'uniform' },
  labelSmoothing: 0,
  reduction: 'mean',
};

export function LossPanel() {
  const experiment = useTrainingStore((s) => s.experiment);
  const edit = useTrainingStore((s) => s.edit);
  const temperature = useTrainingStore((s) => s.temperature);
  const [problems, setProblems] = useState<string[]>([]);
  const { loss } = experiment;

  const setMode = (mode: Experiment['loss']['mode']) =>
    setProblems(
      edit((draft) => {
        if (mode === draft.loss.mode) return;
        if (mode === 'cross-entropy') {
          draft.loss = structuredClone(DEFAULT_CROSS_ENTROPY);
          return;
        }
        const twoD = 'samples' in draft.data;
        draft.loss = {
          mode: 'nt-xent',
          temperature,
          projection: 16,
          augmentation: twoD ? { kind: 'points', rotation: 0.3, scale: 0.2, jitter: 0.1 } : { kind: 'pixels', noise: 1, dropout: 0.2 },
        };
        draft.preparation.unlabelledFraction = 0;
      }),
    );

  return (
    <section className="panel" aria-labelledby="loss-heading">
      <h2 id="loss-heading">Objective</h2>
      <SelectField label="Loss" term="NT-Xent" value={loss.mode} options={MODES} onChange={setMode} />
      {loss.mode === 'cross-entropy' ? <CrossEntropyControls loss={loss} onProblems={setProblems} /> : <ContrastiveControls />}
      {loss.mode === 'nt-xent' ? (
        <TemperatureField />
      ) : (
        // Kept for a switch to NT-Xent, where it is the loss's main setting: folded away until then.
        <details className="more">
          <summary>NT-Xent temperature τ</summary>
          <TemperatureField />
        </details>
      )}
      <Errors problems={problems} />
      <SemanticsNote />
    </section>
  );
}

function CrossEntropyControls({ loss, onProblems }: { loss: CrossEntropyLoss; onProblems(p: string[]): void }) {
  const edit = useTrainingStore((s) => s.edit);
  const editLoss = (change: (l: CrossEntropyLoss) => void, label?: string) =>
    edit((draft) => {
      if (draft.loss.mode === 'cross-entropy') change(draft.loss);
    }, label);
  const setTargets = (kind: TargetKind) =>
    onProblems(
      edit((draft) => {
        if (draft.loss.mode !== 'cross-entropy') return;
        if (kind === 'hard') draft.loss.targets = { kind };
        else {
          draft.loss.targets = kind === 'mixup' ? { kind, alpha: 0.4 } : { kind, flipProbability: 0.1 };
          // PyTorch has no ignore_index for probability targets.
          draft.preparation.unlabelledFraction = 0;
        }
      }),
    );
  const { targets } = loss;
  return (
    <>
      <ClassWeights />
      <NumberField
        label="Label smoothing"
        {...RANGES.labelSmoothing}
        value={loss.labelSmoothing}
        step={0.05}
        hint="ε: the target keeps 1 − ε on the true class and spreads ε evenly over all C classes."
        onCommit={(v) => editLoss((l) => (l.labelSmoothing = v), `label smoothing ${v}`)}
      />
      <SelectField
        label="Reduction"
        term="reduction"
        value={loss.reduction}
        options={[
          { value: 'mean', label: 'mean' },
          { value: 'sum', label: 'sum' },
        ]}
        onChange={(v) => onProblems(editLoss((l) => (l.reduction = v), `reduction ${v}`))}
      />
      <SelectField
        label="Targets"
        value={targets.kind}
        options={[
          { value: 'hard', label: 'Class indices (hard labels)' },
          { value: 'noisy-annotator', label: 'Probabilities: noisy annotator' },
          { value: 'mixup', label: 'Probabilities: mixup' },
        ]}
        onChange={setTargets}
      />
      {targets.kind === 'noisy-annotator' && (
        <NumberField
          label="Annotator flip probability"
          {...RANGES.flipProbability}
          value={targets.flipProbability}
          step={0.05}
          onCommit={(v) =>
            editLoss((l) => {
              if (l.targets.kind === 'noisy-annotator') l.targets.flipProbability = v;
            })
          }
        />
      )}
      {targets.kind === 'mixup' && (
        <NumberField
          label="Mixup α"
          {...RANGES.mixupAlpha}
          value={targets.alpha}
          step={0.1}
          onCommit={(v) =>
            editLoss((l) => {
              if (l.targets.kind === 'mixup') l.targets.alpha = v;
            })
          }
        />
      )}
    </>
  );
}

function ContrastiveControls() {
  const loss = useTrainingStore((s) => s.experiment.loss);
  const edit = useTrainingStore((s) => s.edit);
  if (loss.mode !== 'nt-xent') return null;
  const editLoss = (change: (l: Extract<Experiment['loss'], { mode: 'nt-xent' }>) => void) =>
    edit((draft) => {
      if (draft.loss.mode === 'nt-xent') change(draft.loss);
    });
  const { augmentation } = loss;
  return (
    <>
      <NumberField
        label="Projection width"
        {...RANGES.projection}
        value={loss.projection}
        step={1}
        hint="The embedding NT-Xent compares, after the hidden layers."
        onCommit={(v) => editLoss((l) => (l.projection = v))}
      />
      {augmentation.kind === 'points' ? (
        <>
          <NumberField
            label="Rotation (radians)"
            {...RANGES.rotation}
            value={augmentation.rotation}
            step={0.05}
            onCommit={(v) =>
              editLoss((l) => {
                if (l.augmentation.kind === 'points') l.augmentation.rotation = v;
              })
            }
          />
          <NumberField
            label="Scaling"
            {...RANGES.scale}
            value={augmentation.scale}
            step={0.05}
            onCommit={(v) =>
              editLoss((l) => {
                if (l.augmentation.kind === 'points') l.augmentation.scale = v;
              })
            }
          />
          <NumberField
            label="Jitter"
            {...RANGES.jitter}
            value={augmentation.jitter}
            step={0.05}
            onCommit={(v) =>
              editLoss((l) => {
                if (l.augmentation.kind === 'points') l.augmentation.jitter = v;
              })
            }
          />
        </>
      ) : (
        <>
          <NumberField
            label="Pixel noise"
            {...RANGES.pixelNoise}
            value={augmentation.noise}
            step={0.1}
            onCommit={(v) =>
              editLoss((l) => {
                if (l.augmentation.kind === 'pixels') l.augmentation.noise = v;
              })
            }
          />
          <NumberField
            label="Pixel dropout"
            {...RANGES.dropout}
            value={augmentation.dropout}
            step={0.05}
            onCommit={(v) =>
              editLoss((l) => {
                if (l.augmentation.kind === 'pixels') l.augmentation.dropout = v;
              })
            }
          />
        </>
      )}
    </>
  );
}
