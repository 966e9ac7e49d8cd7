// Model and optimizer. The architecture restarts training (so it applies on Enter, blur or a pause); the optimizer, learning rate, batch size
// and weight decay change live, between two steps.

import { useId } from 'react';
import { describeRange, inRange, RANGES } from '../../engine/experiment/ranges';
import type { Experiment } from '../../engine/experiment/schema';
import { useTrainingStore } from '../../store/trainingStore';
import type { Parsed } from '../controls/draftCommit';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { useDraft } from '../controls/useDraft';
import { NetworkDiagram } from './NetworkDiagram';

type OptimizerChoice = 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'adamw';

const OPTIMIZERS: { value: OptimizerChoice; label: string }[] = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'Momentum' },
  { value: 'nesterov', label: 'Nesterov' },
  { value: 'adam', label: 'Adam' },
  { value: 'adamw', label: 'AdamW' },
];

const ACTIVATIONS = [
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'tanh' },
  { value: 'sigmoid', label: 'sigmoid' },
  { value: 'gelu', label: 'GELU' },
] as const;

function optimizerChoice(optimizer: Experiment['optimizer']): OptimizerChoice {
  if (optimizer.kind !== 'sgd') return optimizer.kind;
  if (optimizer.nesterov) return 'nesterov';
  return optimizer.momentum > 0 ? 'momentum' : 'sgd';
}

function optimizerFor(choice: OptimizerChoice, current: Experiment['optimizer']): Experiment['optimizer'] {
  const { lr, weightDecay } = current;
  if (choice === 'adam' || choice === 'adamw') {
    const betas = current.kind === 'sgd' ? { beta1: 0.9, beta2: 0.999 } : { beta1: current.beta1, beta2: current.beta2 };
    return { kind: choice, lr, weightDecay, ...betas };
  }
  const momentum = choice === 'sgd' ? 0 : current.kind === 'sgd' && current.momentum > 0 ? current.momentum : 0.9;
  return { kind: 'sgd', lr, weightDecay, momentum, nesterov: choice === 'nesterov' };
}

export function ModelPanel() {
  const experiment = useTrainingStore((s) => s.experiment);
  const edit = useTrainingStore((s) => s.edit);
  const { model, optimizer, training } = experiment;
  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Model</h2>
      <NetworkDiagram />
      <HiddenLayers hidden={model.hidden} onCommit={(hidden) => edit((d) => (d.model.hidden = hidden))} />
      <SelectField
        label="Activation"
        value={model.activation}
        options={ACTIVATIONS}
        onChange={(v) => edit((d) => (d.model.activation = v))}
      />
      <SelectField
        label="Initialisation"
        term="Kaiming"
        value={model.init}
        options={[
          { value: 'kaiming', label: 'Kaiming (He)' },
          { value: 'xavier', label: 'Xavier (Glorot)' },
        ]}
        onChange={(v) => edit((d) => (d.model.init = v))}
      />
      <SelectField
        label="Optimizer"
        value={optimizerChoice(optimizer)}
        options={OPTIMIZERS}
        hint="Momentum and Nesterov are torch.optim.SGD with momentum (and nesterov=True)."
        onChange={(choice) => edit((d) => (d.optimizer = optimizerFor(choice, d.optimizer)), `optimizer ${choice}`)}
      />
      <NumberField
        label="Learning rate"
        {...RANGES.learningRate}
        value={optimizer.lr}
        step={0.001}
        onCommit={(v) => edit((d) => (d.optimizer.lr = v), `learning rate ${v}`)}
      />
      <NumberField
        label="Batch size"
        {...RANGES.batchSize}
        value={training.batchSize}
        step={1}
        onCommit={(v) => edit((d) => (d.training.batchSize = v), `batch size ${v}`)}
      />
      {optimizer.kind === 'sgd' && optimizer.momentum > 0 && (
        <NumberField
          label="Momentum"
          {...RANGES.momentum}
          value={optimizer.momentum}
          step={0.05}
          onCommit={(v) =>
            edit((d) => {
              if (d.optimizer.kind === 'sgd') d.optimizer.momentum = v;
            }, `momentum ${v}`)
          }
        />
      )}
      {/* Rarely changed: folded, as the data panel's imbalance and preparation, to keep the lab on one screen. */}
      <details className="more">
        <summary>{optimizer.kind === 'sgd' ? 'Weight decay' : 'Weight decay, β₁, β₂'}</summary>
        <NumberField
          label="Weight decay"
          {...RANGES.weightDecay}
          value={optimizer.weightDecay}
          step={0.0001}
          hint={optimizer.kind === 'adamw' ? 'Decoupled (AdamW).' : 'Added to the gradient (L2), as PyTorch does for SGD and Adam.'}
          onCommit={(v) => edit((d) => (d.optimizer.weightDecay = v), `weight decay ${v}`)}
        />
        {optimizer.kind !== 'sgd' && (
          <>
            <NumberField
              label="β₁ (first moment)"
              term="β₁/β₂"
              {...RANGES.adamBeta}
              value={optimizer.beta1}
              step={0.01}
              onCommit={(v) =>
                edit((d) => {
                  if (d.optimizer.kind !== 'sgd') d.optimizer.beta1 = v;
                }, `β₁ ${v}`)
              }
            />
            <NumberField
              label="β₂ (second moment)"
              {...RANGES.adamBeta}
              value={optimizer.beta2}
              step={0.001}
              onCommit={(v) =>
                edit((d) => {
                  if (d.optimizer.kind !== 'sgd') d.optimizer.beta2 = v;
                }, `β₂ ${v}`)
              }
            />
          </>
        )}
      </details>
    </section>
  );
}

const parseWidths = (text: string) =>
  text.trim() === ''
    ? []
    : text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);

function widthsProblem(raw: string): Parsed<number[]> {
  const widths = parseWidths(raw);
  const { hiddenLayers: layers, hiddenWidth: width } = RANGES;
  if (widths.length <= layers.max && widths.every((w) => inRange(w, width))) return { ok: true, value: widths };
  return {
    ok: false,
    problem: `Hidden layers must be ${layers.min} to ${layers.max} widths, each ${describeRange(width)}, got ${JSON.stringify(raw)}.`,
  };
}

/**
 * Hidden widths as a comma-separated list, e.g. "64, 64"; empty for a linear model. A new
 * architecture restarts training, so it applies on Enter, blur or a pause, never per keystroke.
 */
function HiddenLayers({ hidden, onCommit }: { hidden: number[]; onCommit(hidden: number[]): string[] }) {
  const id = useId();
  const key = hidden.join(', ');
  const draft = useDraft(key, {
    parse: widthsProblem,
    // "128," or "128, " is a list on its way, and an emptied field is being retyped: a pause must
    // not restart on either (Enter or blur on an empty field does make the model linear).
    unfinished: (raw) => raw.trim() === '' || /[,\s]$/.test(raw),
    current: (widths) => widths.join(', ') === key,
    apply: onCommit,
  });
  const { problem } = draft;
  return (
    <div className="field">
      <label htmlFor={id}>Hidden layers</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={draft.text}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-note`}
        onChange={(event) => draft.onChange(event.target.value)}
        onBlur={draft.onBlur}
        onKeyDown={draft.onKeyDown}
      />
      <span id={`${id}-note`} className={problem ? 'field-error' : 'field-hint'} role={problem ? 'alert' : undefined}>
        {problem ?? 'Widths separated by commas, e.g. 64, 64; empty for a linear model.'}
      </span>
    </div>
  );
}
