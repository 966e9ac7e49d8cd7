// The cross-entropy half of the generated PyTorch script: the training loop of runExperiment
// (src/engine/experiment/run.ts) with nn.CrossEntropyLoss, and the prepared arrays it reads.
import type { PreparedData } from '../experiment/prepare';
import type { CrossEntropyExperiment } from '../experiment/schema';
import type { MlpLayout } from '../model/layout';
import type { PackedArrays } from './packedArrays';
import { float64Literal, section } from './pythonLiterals';
import { type ChangesInScript, pythonCriterion } from './pytorchChanges';
import { floatArray, intArray, parameterDict, pythonOptimizer } from './pytorchParts';

function sameValues(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** What the train accuracy is measured on: hard labels of the split as it is, as run.ts measures it. */
function trainMetricsInputs(soft: boolean, mixed: boolean): string {
  const features = mixed
    ? 'train_features = torch.as_tensor(TRAIN_FEATURES, dtype=torch.float32)  # mixup mixed TRAIN_X; accuracy reads the split as it is'
    : 'train_features = train_x';
  const labels = soft
    ? 'train_labels = torch.tensor(TRAIN_LABELS, dtype=torch.int64)  # the hard labels behind the probabilities'
    : 'train_labels = train_y  # unlabelled rows (-100) are left out of the accuracy';
  return `    ${features}\n    ${labels}`;
}

/** evaluate(): the metrics the page's curves show for a split, as experiment/evaluate.ts measures them. */
export const PYTHON_EVALUATE = `def evaluate(model, x, labels, class_weights, label_smoothing):
    """What xent-lab's curves show for a split, over its labelled rows (label != -100): the plain mean
    cross-entropy (no weights, no smoothing), the objective the optimizer follows (the class weights
    and label smoothing in force, reduction 'mean'), and the accuracy."""
    with torch.no_grad():
        logits = model(x)
        plain = F.cross_entropy(logits, labels, ignore_index=-100).item()
        weighted = F.cross_entropy(logits, labels, weight=class_weights, ignore_index=-100, label_smoothing=label_smoothing).item()
    labelled = labels != -100
    accuracy = (logits.argmax(dim=1)[labelled] == labels[labelled]).double().mean().item()
    return plain, weighted, accuracy


def csv_row(values):
    """One line of xent-lab's history CSV: shortest round-trip numbers, NaN as an empty cell."""
    return ",".join("" if isinstance(v, float) and math.isnan(v) else repr(v) for v in values)`;

export function crossEntropyMain(experiment: CrossEntropyExperiment, data: PreparedData, changes: ChangesInScript): string {
  const { loss } = experiment;
  const soft = data.trainTargets instanceof Float32Array;
  const mixed = !sameValues(data.trainInputs, data.train.features);
  return `${section('Training')}
def main(steps=STEPS):
    train_x = torch.as_tensor(TRAIN_X, dtype=torch.float32)  # a list of rows, or a packed tensor
    train_y = torch.as_tensor(TRAIN_Y, dtype=${soft ? 'torch.float32)  # [rows, classes] class probabilities' : 'torch.int64)'}
${trainMetricsInputs(soft, mixed)}
    validation_x = torch.as_tensor(VALIDATION_X, dtype=torch.float32)
    validation_y = torch.as_tensor(VALIDATION_Y, dtype=torch.int64)

    model = build_model()
    load_parameters(model, INITIAL_PARAMETERS)
    class_weights = torch.tensor(CLASS_WEIGHTS, dtype=torch.float32)
    label_smoothing = ${float64Literal(loss.labelSmoothing)}
    loss_fn = ${pythonCriterion(loss)}
    optimizer = ${pythonOptimizer(experiment.optimizer, 'model.parameters()')}
    sampler = BatchSampler(len(TRAIN_X), BATCH_SIZE, seed=SEED + 3)  # xent-lab's runner batches with seed + 3

    def measure(step, batch_loss):
        """A row of the history: the step, the epoch, the last batch's loss, then the splits' metrics."""
        train = evaluate(model, train_features, train_labels, class_weights, label_smoothing)
        validation = evaluate(model, validation_x, validation_y, class_weights, label_smoothing)
        row = [step, sampler.epoch, batch_loss, train[0], train[1], validation[0], validation[1], train[2], validation[2]]
        print(csv_row(row), flush=True)
        return dict(zip(HISTORY_COLUMNS, row))

    print(",".join(HISTORY_COLUMNS))
    last = measure(0, float("nan")) if MEASURE_AT is not None and 0 in MEASURE_AT else None
    for step in range(1, steps + 1):
${changes.loop}        batch = torch.tensor(sampler.next())
        loss = loss_fn(model(train_x[batch]), train_y[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        due = step in MEASURE_AT if MEASURE_AT is not None else step % EVAL_EVERY == 0
        if due or step == steps:
            last = measure(step, loss.item())
            if not math.isfinite(last["batch_loss"]):
                print(f"stopped at step {step}: the training loss became {last['batch_loss']} (try a smaller learning rate)")
                break

    print(json.dumps(last))
    return model`;
}

/** The arrays the training reads, one '# why\nNAME = …' each. */
export function crossEntropyData(
  experiment: CrossEntropyExperiment,
  data: PreparedData,
  layout: MlpLayout,
  initial: Float32Array,
  changes: ChangesInScript,
  packed?: PackedArrays,
): string[] {
  const { train, validation } = data;
  const soft = data.trainTargets instanceof Float32Array;
  const standardized = experiment.preparation.standardize ? ", standardised with the training split's mean and std" : '';
  const parts = [
    `# Training split: ${train.n} rows x ${train.d} features${standardized}.\n# The rows the steps read:\n${floatArray('TRAIN_X', data.trainInputs, train.d, packed)}`,
    soft
      ? `# The targets the loss sees: [rows, classes] class probabilities (${experiment.loss.targets.kind}).\n${floatArray('TRAIN_Y', data.trainTargets as Float32Array, train.classes, packed)}`
      : `# The targets the loss sees: a class index per row; -100 marks an unlabelled row.\n${intArray('TRAIN_Y', data.trainTargets as Int32Array)}`,
  ];
  if (!sameValues(data.trainInputs, train.features)) {
    parts.push(
      `# The training rows before mixup, for the train accuracy.\n${floatArray('TRAIN_FEATURES', train.features, train.d, packed)}`,
    );
  }
  if (soft) parts.push(`# The training split's own labels, for the train accuracy.\n${intArray('TRAIN_LABELS', train.labels)}`);
  parts.push(
    `# Validation split: ${validation.n} rows (never trained on).\n${floatArray('VALIDATION_X', validation.features, validation.d, packed)}`,
    intArray('VALIDATION_Y', validation.labels),
    `# Class weights at step 0 (${experiment.loss.classWeights.kind}), computed from the training split's labels.\n${floatArray('CLASS_WEIGHTS', data.classWeights)}`,
    ...changes.data,
    `# Initial parameters: ${experiment.model.init}-uniform weights from xent-lab's PRNG (seed ${experiment.seed}), zero biases.\n${parameterDict('INITIAL_PARAMETERS', layout, initial, packed)}`,
  );
  return parts;
}
