// A/B compare: run A restarts beside run B, a copy with the same data, seed and initial weights and
// one setting changed; both train in lockstep and their curves overlay.

import { useId, useState } from 'react';
import { describeRange, RANGES } from '../../engine/experiment/ranges';
import type { Experiment } from '../../engine/experiment/schema';
import { useTrainingStore } from '../../store/trainingStore';
import { Errors } from '../controls/Errors';

type Setting =
  | 'lr'
  | 'batchSize'
  | 'weightDecay'
  | 'labelSmoothing'
  | 'classWeights'
  | 'reduction'
  | 'optimizer'
  | 'temperature'
  | 'hidden';

interface SettingSpec {
  label: string;
  /** The current value, as text for the value box. */
  current(e: Experiment): string;
  apply(e: Experiment, text: string): void;
  hint: string;
}

const number = (text: string, what: string): number => {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${what} must be a number, got ${JSON.stringify(text)}`);
  return value;
};

const SETTINGS: Record<Setting, SettingSpec> = {
  lr: {
    label: 'learning rate',
    hint: 'a number, e.g. 0.1',
    current: (e) => String(e.optimizer.lr),
    apply: (e, t) => {
      e.optimizer.lr = number(t, 'learning rate');
    },
  },
  batchSize: {
    label: 'batch size',
    hint: 'an integer, e.g. 16',
    current: (e) => String(e.training.batchSize),
    apply: (e, t) => {
      e.training.batchSize = number(t, 'batch size');
    },
  },
  weightDecay: {
    label: 'weight decay',
    hint: 'a number, e.g. 0.01',
    current: (e) => String(e.optimizer.weightDecay),
    apply: (e, t) => {
      e.optimizer.weightDecay = number(t, 'weight decay');
    },
  },
  optimizer: {
    label: 'optimizer',
    hint: 'sgd, adam or adamw',
    current: (e) => e.optimizer.kind,
    apply: (e, t) => {
      const { lr, weightDecay } = e.optimizer;
      if (t === 'sgd') e.optimizer = { kind: 'sgd', lr, weightDecay, momentum: 0, nesterov: false };
      else if (t === 'adam' || t === 'adamw') e.optimizer = { kind: t, lr, weightDecay, beta1: 0.9, beta2: 0.999 };
      else throw new Error(`optimizer must be sgd, adam or adamw, got ${JSON.stringify(t)}`);
    },
  },
  labelSmoothing: {
    label: 'label smoothing',
    hint: describeRange(RANGES.labelSmoothing),
    current: (e) => (e.loss.mode === 'cross-entropy' ? String(e.loss.labelSmoothing) : '0'),
    apply: (e, t) => {
      if (e.loss.mode !== 'cross-entropy') throw new Error('label smoothing applies to cross-entropy');
      e.loss.labelSmoothing = number(t, 'label smoothing');
    },
  },
  classWeights: {
    label: 'class-weight preset',
    hint: 'uniform, inverse-frequency, inverse-sqrt-frequency or wrong',
    current: (e) => (e.loss.mode === 'cross-entropy' ? e.loss.classWeights.kind : 'uniform'),
    apply: (e, t) => {
      if (e.loss.mode !== 'cross-entropy') throw new Error('class weights apply to cross-entropy');
      if (t !== 'uniform' && t !== 'inverse-frequency' && t !== 'inverse-sqrt-frequency' && t !== 'wrong') {
        throw new Error(
          `class-weight preset must be uniform, inverse-frequency, inverse-sqrt-frequency or wrong, got ${JSON.stringify(t)}`,
        );
      }
      e.loss.classWeights = { kind: t };
    },
  },
  reduction: {
    label: 'reduction',
    hint: 'mean or sum',
    current: (e) => (e.loss.mode === 'cross-entropy' ? e.loss.reduction : 'mean'),
    apply: (e, t) => {
      if (e.loss.mode !== 'cross-entropy') throw new Error('the reduction applies to cross-entropy');
      if (t !== 'mean' && t !== 'sum') throw new Error(`reduction must be mean or sum, got ${JSON.stringify(t)}`);
      e.loss.reduction = t;
    },
  },
  temperature: {
    label: 'temperature',
    hint: describeRange(RANGES.temperature),
    current: (e) => (e.loss.mode === 'nt-xent' ? String(e.loss.temperature) : '0.5'),
    apply: (e, t) => {
      if (e.loss.mode !== 'nt-xent') throw new Error('the temperature applies to NT-Xent');
      e.loss.temperature = number(t, 'temperature');
    },
  },
  hidden: {
    label: 'hidden layers',
    hint: 'widths separated by commas, e.g. 32, 32',
    current: (e) => e.model.hidden.join(', '),
    apply: (e, t) => {
      e.model.hidden =
        t.trim() === ''
          ? []
          : t
              .split(/[\s,]+/)
              .filter(Boolean)
              .map((w) => number(w, 'a hidden width'));
    },
  },
};

export function ComparePanel() {
  const ids = { setting: useId(), value: useId() };
  const experiment = useTrainingStore((s) => s.experiment);
  const compare = useTrainingStore((s) => s.compare);
  const startCompare = useTrainingStore((s) => s.startCompare);
  const stopCompare = useTrainingStore((s) => s.stopCompare);
  const [setting, setSetting] = useState<Setting>('lr');
  const [value, setValue] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const spec = SETTINGS[setting];

  const start = async () => {
    const text = value.trim() === '' ? spec.current(experiment) : value;
    let applied = false;
    const found = await startCompare((draft) => {
      spec.apply(draft, text);
      applied = true;
    }, `${spec.label} ${text}`).catch((error: unknown) => [error instanceof Error ? error.message : String(error)]);
    setProblems(applied ? found : found.length > 0 ? found : [`${spec.label}: nothing to change`]);
  };

  const b = compare?.snapshot;
  return (
    <section className="panel view" aria-labelledby="compare-heading">
      <h2 id="compare-heading">A/B compare</h2>
      {compare ? (
        <>
          <p>
            Run B differs from run A in <strong>{compare.label}</strong>; same data, seed and initial weights. Its curves are drawn grey
            beside A's.
          </p>
          {b && (
            <p className="compare-status">
              B: step {b.step} · train loss {(b.mode === 'cross-entropy' ? b.train.weightedLoss : b.trainLoss).toFixed(4)} · validation loss{' '}
              {(b.mode === 'cross-entropy' ? b.validation.weightedLoss : b.validationLoss).toFixed(4)}
              {b.mode === 'cross-entropy' && ` · accuracy ${(b.validation.accuracy * 100).toFixed(1)}%`}
            </p>
          )}
          <button type="button" onClick={stopCompare}>
            Stop comparing
          </button>
        </>
      ) : (
        <>
          <p className="field-hint">Run A restarts from step 0 beside run B, a copy with one setting changed.</p>
          <div className="field">
            <label htmlFor={ids.setting}>Setting that differs in B</label>
            <select
              id={ids.setting}
              value={setting}
              onChange={(event) => {
                setSetting(event.target.value as Setting);
                setValue('');
              }}
            >
              {(Object.keys(SETTINGS) as Setting[]).map((key) => (
                <option key={key} value={key}>
                  {SETTINGS[key].label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.value}>Value in B</label>
            <input
              id={ids.value}
              type="text"
              value={value}
              placeholder={spec.current(experiment)}
              aria-describedby={`${ids.value}-note`}
              onChange={(event) => setValue(event.target.value)}
            />
            <span id={`${ids.value}-note`} className="field-hint">
              {spec.hint}; A has {spec.current(experiment)}.
            </span>
          </div>
          <button type="button" onClick={() => void start()}>
            Start A/B comparison
          </button>
        </>
      )}
      <Errors problems={problems} />
    </section>
  );
}
