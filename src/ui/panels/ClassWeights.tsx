// Class weights: a preset computed from the training split, or one weight per class by hand (a
// slider and a number). Editing a weight turns the preset into 'custom', starting from the weights
// in use. Changes apply live. Above SLIDER_CLASSES classes (up to RANGES.datasetClasses.max, the
// same limit as the schema) each class gets a number field alone, in a scrolling list.

import { useId, useState } from 'react';
import { RANGES } from '../../engine/experiment/ranges';
import type { Experiment } from '../../engine/experiment/schema';
import { useTrainingStore } from '../../store/trainingStore';
import { Errors } from '../controls/Errors';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { classColor } from '../palette';

/** The most classes given a slider each; more get a compact list of number fields. */
const SLIDER_CLASSES = 10;

type Weights = Extract<Experiment['loss'], { mode: 'cross-entropy' }>['classWeights'];

const PRESETS: { value: Weights['kind']; label: string }[] = [
  { value: 'uniform', label: 'Uniform' },
  { value: 'inverse-frequency', label: 'Inverse frequency' },
  { value: 'inverse-sqrt-frequency', label: 'Inverse sqrt' },
  { value: 'effective-number', label: 'Effective number' },
  { value: 'wrong', label: 'Wrong weights' },
  { value: 'custom', label: 'Custom' },
];

export function ClassWeights() {
  const edit = useTrainingStore((s) => s.edit);
  const loss = useTrainingStore((s) => s.experiment.loss);
  const classWeights = useTrainingStore((s) => s.classWeights);
  const data = useTrainingStore((s) => s.data);
  const [problems, setProblems] = useState<string[]>([]);
  if (loss.mode !== 'cross-entropy') return null;
  const preset = loss.classWeights;
  const weights = classWeights ? Array.from(classWeights) : [];
  const names = data?.train.classNames ?? [];

  const setPreset = (kind: Weights['kind']) =>
    setProblems(
      edit((draft) => {
        if (draft.loss.mode !== 'cross-entropy') return;
        if (kind === 'custom') draft.loss.classWeights = { kind, weights: weights.map((w) => Number(w.toPrecision(6))) };
        else if (kind === 'effective-number') draft.loss.classWeights = { kind, beta: 0.99 };
        else draft.loss.classWeights = { kind };
      }, `class weights: ${kind}`),
    );
  const setWeight = (k: number, value: number) =>
    edit((draft) => {
      if (draft.loss.mode !== 'cross-entropy') return;
      const next = weights.map((w) => Number(w.toPrecision(6)));
      next[k] = value;
      draft.loss.classWeights = { kind: 'custom', weights: next };
    }, `weight of class ${k} = ${value}`);

  return (
    <fieldset className="class-weights">
      <legend>Class weights</legend>
      <SelectField label="Weight preset" value={preset.kind} options={PRESETS} onChange={setPreset} />
      {preset.kind === 'effective-number' && (
        <NumberField
          label="β (effective number)"
          {...RANGES.effectiveNumberBeta}
          value={preset.beta}
          step={0.001}
          onCommit={(v) =>
            edit((draft) => {
              if (draft.loss.mode === 'cross-entropy') draft.loss.classWeights = { kind: 'effective-number', beta: v };
            }, `β ${v}`)
          }
        />
      )}
      {weights.length > SLIDER_CLASSES ? (
        // biome-ignore lint/a11y/useSemanticElements: a scrolling box of fields inside the fieldset, not a nested fieldset
        <div className="weight-list" role="group" aria-label={`Weights of the ${weights.length} classes`} tabIndex={-1}>
          {weights.map((w, k) => (
            <NumberField
              // biome-ignore lint/suspicious/noArrayIndexKey: a class is its index; the rows never reorder
              key={k}
              label={`Weight of class ${k}${names[k] !== undefined && names[k] !== String(k) ? `: ${names[k]}` : ''}`}
              value={Number(w.toPrecision(4))}
              {...RANGES.classWeight}
              step={0.1}
              onCommit={(v) => setWeight(k, v)}
            />
          ))}
        </div>
      ) : (
        weights.map((w, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a class is its index; the rows never reorder
          <WeightRow key={k} k={k} name={names[k] ?? String(k)} weight={w} onCommit={(v) => setWeight(k, v)} />
        ))
      )}
      <Errors problems={problems} />
    </fieldset>
  );
}

function WeightRow({ k, name, weight, onCommit }: { k: number; name: string; weight: number; onCommit(v: number): string[] }) {
  const sliderId = useId();
  const shown = Number(weight.toPrecision(4));
  const max = Math.max(10, Math.ceil(shown * 2));
  return (
    <div className="weight-row">
      <p className="weight-caption">
        <span className="swatch" style={{ background: classColor(k) }} aria-hidden="true" /> class {k}
        {name !== String(k) ? `: ${name}` : ''}
      </p>
      <NumberField label={`Weight of class ${k}`} value={shown} {...RANGES.classWeight} step={0.1} onCommit={onCommit} />
      <div className="field">
        <label htmlFor={sliderId} className="visually-secondary">
          slider for class {k}
        </label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={max}
          step={0.05}
          value={shown}
          onChange={(event) => onCommit(Number(event.target.value))}
        />
      </div>
    </div>
  );
}
