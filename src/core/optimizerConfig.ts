// torch.optim's hyperparameters as the engine takes them (OptimizerConfig, PyTorch's defaults
// optional) and resolved (every field filled in and checked), shared by the GPU optimizer
// (src/gpu/kernels/optimizers.ts) and its float64 reference (src/reference/optimizers.ts).
import { ArgumentError, describeValue } from './checks';

export interface SgdHyperparameters {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
}

export interface AdamHyperparameters {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/** Every hyperparameter resolved (PyTorch's defaults filled in), tagged with its optimizer. */
export type OptimizerHyperparameters = ({ kind: 'sgd' } & SgdHyperparameters) | ({ kind: 'adam' | 'adamw' } & AdamHyperparameters);

/** As torch.optim takes them: omitted fields get PyTorch's defaults (resolveOptimizerConfig). */
export type OptimizerConfig = { lr: number } & (
  | ({ kind: 'sgd' } & Partial<SgdHyperparameters>)
  | ({ kind: 'adam' | 'adamw' } & Partial<AdamHyperparameters>)
);

type Rule = [allowed: string, accepts: (value: number) => boolean];
const POSITIVE: Rule = ['a finite number > 0', (v) => Number.isFinite(v) && v > 0];
const NON_NEGATIVE: Rule = ['a finite number ≥ 0', (v) => Number.isFinite(v) && v >= 0];
const BELOW_ONE: Rule = ['a number in [0, 1)', (v) => v >= 0 && v < 1];
const UP_TO_ONE: Rule = ['a number in [0, 1]', (v) => v >= 0 && v <= 1];

const FIELDS = {
  sgd: ['kind', 'lr', 'momentum', 'dampening', 'weightDecay', 'nesterov'],
  adam: ['kind', 'lr', 'beta1', 'beta2', 'eps', 'weightDecay'],
};

function numberField(fields: Record<string, unknown>, name: string, fallback: number | undefined, [allowed, accepts]: Rule): number {
  const value = fields[name] ?? fallback;
  if (typeof value !== 'number' || !accepts(value)) throw new ArgumentError(name, `must be ${allowed}, got ${describeValue(value)}`);
  return value;
}

/**
 * Fills in torch.optim's defaults (SGD: momentum, dampening, weight decay 0; Adam: betas 0.9, 0.999,
 * eps 1e-8, weight decay 0; AdamW: weight decay 0.01; amsgrad and maximize are always off) and checks
 * every field, naming it and its allowed values.
 */
export function resolveOptimizerConfig(config: OptimizerConfig): OptimizerHyperparameters {
  const kind = config?.kind;
  if (kind !== 'sgd' && kind !== 'adam' && kind !== 'adamw') {
    throw new ArgumentError('kind', `must be 'sgd', 'adam' or 'adamw', got ${describeValue(kind)}`);
  }
  const fields = config as Record<string, unknown>;
  const known = FIELDS[kind === 'sgd' ? 'sgd' : 'adam'];
  for (const name of Object.keys(fields)) {
    if (!known.includes(name)) throw new ArgumentError(name, `is not a hyperparameter of ${kind} (${known.slice(1).join(', ')})`);
  }
  const lr = numberField(fields, 'lr', undefined, NON_NEGATIVE); // torch.optim accepts 0: a frozen model
  const weightDecay = numberField(fields, 'weightDecay', kind === 'adamw' ? 0.01 : 0, NON_NEGATIVE);
  if (kind !== 'sgd') {
    const beta1 = numberField(fields, 'beta1', 0.9, BELOW_ONE);
    const beta2 = numberField(fields, 'beta2', 0.999, BELOW_ONE);
    return { kind, lr, beta1, beta2, eps: numberField(fields, 'eps', 1e-8, POSITIVE), weightDecay };
  }
  const momentum = numberField(fields, 'momentum', 0, BELOW_ONE);
  const dampening = numberField(fields, 'dampening', 0, UP_TO_ONE);
  const nesterov = fields.nesterov ?? false;
  if (typeof nesterov !== 'boolean') throw new ArgumentError('nesterov', `must be true or false, got ${describeValue(nesterov)}`);
  if (nesterov && (momentum === 0 || dampening !== 0)) {
    throw new ArgumentError(
      'nesterov',
      `needs momentum > 0 and dampening 0 (as torch.optim.SGD), got momentum ${momentum}, dampening ${dampening}`,
    );
  }
  return { kind, lr, momentum, dampening, weightDecay, nesterov };
}

/** The step's scalars, formed in float64 as torch.optim forms them in Python: the GPU gets these too. */
export function adamBiasCorrection(h: AdamHyperparameters, step: number): { stepSize: number; biasCorrection2Sqrt: number } {
  return { stepSize: h.lr / (1 - h.beta1 ** step), biasCorrection2Sqrt: Math.sqrt(1 - h.beta2 ** step) };
}

/**
 * An optimizer's state as torch.optim keeps it, in float32, so that a run can move between the CPU
 * reference and the GPU trainer mid-way without restarting Adam's moments or SGD's momentum.
 * Arrays are [L] in the parameters' packed layout.
 */
export type OptimizerState =
  | { kind: 'sgd' /** null until the first step with μ ≠ 0 (PyTorch's momentum_buffer is None). */; momentumBuffer: Float32Array | null }
  | { kind: 'adam' | 'adamw' /** Adam's t: steps taken. */; step: number; expAvg: Float32Array; expAvgSq: Float32Array };
