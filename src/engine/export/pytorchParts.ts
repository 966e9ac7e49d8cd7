// The pieces of the generated PyTorch script that both objectives share: the model as nn.Sequential,
// loading xent-lab's parameters into it, accuracy, the optimizer call and the data as literals.
import { resolveOptimizerConfig } from '../../core/optimizerConfig';
import type { Experiment } from '../experiment/schema';
import type { Activation, MlpLayout } from '../model/layout';
import type { PackedArrays } from './packedArrays';
import { float32Literal, float64Literal, pythonBool, pythonList, pythonMatrix, section } from './pythonLiterals';

/** Two blank lines between top-level definitions, as PEP 8 has it. */
export const BETWEEN_DEFINITIONS = '\n\n\n';

const ACTIVATION_MODULES: Record<Activation, { module: string; note?: string }> = {
  relu: { module: 'ReLU' },
  tanh: { module: 'Tanh' },
  sigmoid: { module: 'Sigmoid' },
  gelu: { module: 'GELU', note: 'the exact form x * Phi(x) with erf, as in xent-lab (approximate="none")' },
};

/** build_model(), load_parameters() and accuracy(); `outputs` says what the last layer gives. */
export function pythonModel(layout: MlpLayout, outputs: string): string {
  const { module, note } = ACTIVATION_MODULES[layout.config.activation];
  const activation = `        nn.${module}(),${note ? `  # ${note}` : ''}`;
  const lines = layout.layers.flatMap((layer, i) => {
    const linear = `        nn.Linear(${layer.inputs}, ${layer.outputs}),`;
    return i < layout.layers.length - 1 ? [linear, activation] : [linear];
  });
  return `${section('The model')}
def build_model():
    """xent-lab's MLP: Linear then ${module} for each hidden layer, then a Linear to ${outputs}
    (no activation after it)."""
    return nn.Sequential(
${lines.join('\n')}
    )


def load_parameters(model, parameters):
    """Copies xent-lab's parameters into the model's Linear layers. nn.Linear draws its own initial
    weights; replacing them makes the run start exactly where xent-lab's starts."""
    linears = [layer for layer in model if isinstance(layer, nn.Linear)]
    with torch.no_grad():
        for i, linear in enumerate(linears):
            linear.weight.copy_(torch.as_tensor(parameters[f"layers.{i}.weight"], dtype=torch.float32))
            linear.bias.copy_(torch.as_tensor(parameters[f"layers.{i}.bias"], dtype=torch.float32))


def accuracy(model, x, labels):
    """Share of the labelled rows (label != -100) whose largest logit is the true class."""
    with torch.no_grad():
        predicted = model(x).argmax(dim=1)
    labelled = labels != -100
    return (predicted[labelled] == labels[labelled]).double().mean().item()`;
}

/** torch.optim.SGD / Adam / AdamW with the experiment's hyperparameters and the trainers' defaults (eps). */
export function pythonOptimizer(optimizer: Experiment['optimizer'], parameters: string): string {
  const f = (x: number) => float64Literal(x, 'optimizer');
  const { lr, weightDecay } = optimizer;
  if (optimizer.kind === 'sgd') {
    const h = resolveOptimizerConfig({ kind: 'sgd', lr, momentum: optimizer.momentum, nesterov: optimizer.nesterov, weightDecay });
    if (h.kind !== 'sgd') throw new Error('unreachable: an SGD config resolved to another optimizer');
    return `torch.optim.SGD(${parameters}, lr=${f(h.lr)}, momentum=${f(h.momentum)}, dampening=${f(h.dampening)}, nesterov=${pythonBool(h.nesterov)}, weight_decay=${f(h.weightDecay)})`;
  }
  const h = resolveOptimizerConfig({ kind: optimizer.kind, lr, beta1: optimizer.beta1, beta2: optimizer.beta2, weightDecay });
  if (h.kind === 'sgd') throw new Error('unreachable: an Adam config resolved to SGD');
  const name = h.kind === 'adam' ? 'Adam' : 'AdamW';
  return `torch.optim.${name}(${parameters}, lr=${f(h.lr)}, betas=(${f(h.beta1)}, ${f(h.beta2)}), eps=${f(h.eps)}, weight_decay=${f(h.weightDecay)})`;
}

/** Indents every line but the first, for a literal nested in a dict. */
function nest(literal: string): string {
  return literal.replaceAll('\n', '\n    ');
}

/**
 * NAME = [...] of float32 values: a list of rows when `width` is given ([rows, width]), else flat; or,
 * when `packed` is given and the array is large, a packed tensor of that shape (packedArrays.ts).
 */
export function floatArray(name: string, values: Float32Array, width?: number, packed?: PackedArrays): string {
  const shape = width === undefined ? [values.length] : [values.length / width, width];
  const packedExpression = packed?.expression(name, values, shape);
  if (packedExpression) return `${name} = ${packedExpression}`;
  const f = (x: number) => float32Literal(x, name);
  return `${name} = ${width === undefined ? pythonList(values, f) : pythonMatrix(values, width, f)}`;
}

export function intArray(name: string, values: Int32Array): string {
  return `${name} = ${pythonList(values, String, 30)}`;
}

/**
 * The flat parameter buffer as a dict of PyTorch-named tensors (layers.i.weight [out, in], layers.i.bias);
 * with `packed`, a large weight matrix is a packed tensor (packedArrays.ts).
 */
export function parameterDict(name: string, layout: MlpLayout, parameters: Float32Array, packed?: PackedArrays): string {
  const f = (x: number) => float32Literal(x, name);
  const entries = layout.layers.flatMap(({ weight, bias, inputs, outputs }) => {
    const slice = (slot: typeof weight) => parameters.subarray(slot.offset, slot.offset + slot.length);
    const weights = packed?.expression(`${name}["${weight.name}"]`, slice(weight), [outputs, inputs]);
    return [
      `    "${weight.name}": ${weights ?? nest(pythonMatrix(slice(weight), inputs, f))},`,
      `    "${bias.name}": ${nest(pythonList(slice(bias), f))},`,
    ];
  });
  return `${name} = {\n${entries.join('\n')}\n}`;
}

/**
 * A live optimizer change as the trainers make it: the same kind keeps its state (momentum buffers,
 * Adam's moments and step count) and takes the new hyperparameters in every param_group; another kind
 * is a new torch.optim optimizer with fresh state.
 */
export function pythonOptimizerChange(before: Experiment['optimizer'], after: Experiment['optimizer'], parameters: string): string {
  if (before.kind !== after.kind) return `optimizer = ${pythonOptimizer(after, parameters)}  # a new ${after.kind}: fresh state`;
  const f = (x: number) => float64Literal(x, 'optimizer');
  const fields =
    after.kind === 'sgd'
      ? `lr=${f(after.lr)}, momentum=${f(after.momentum)}, nesterov=${pythonBool(after.nesterov)}, weight_decay=${f(after.weightDecay)}`
      : `lr=${f(after.lr)}, betas=(${f(after.beta1)}, ${f(after.beta2)}), weight_decay=${f(after.weightDecay)}`;
  return `for group in optimizer.param_groups:  # same ${after.kind}: its state is kept\n    group.update(${fields})`;
}

/** The optimizer in words, for the script's header. */
export function describeOptimizer(optimizer: Experiment['optimizer']): string {
  const { kind, lr, weightDecay } = optimizer;
  const rest =
    kind === 'sgd'
      ? `momentum ${optimizer.momentum}${optimizer.nesterov ? ' (Nesterov)' : ''}`
      : `betas (${optimizer.beta1}, ${optimizer.beta2})`;
  return `${kind} (lr ${lr}, ${rest}, weight decay ${weightDecay})`;
}
