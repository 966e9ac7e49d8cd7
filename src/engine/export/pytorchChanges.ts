// The run's live changes in the generated PyTorch script: each as an `if step == N:` block in the
// training loop that sets what the page's session set before step N (the criterion, the optimizer's
// param_groups or a new optimizer, a new batch sampler, τ), the new class weights as data, and a line
// per change in the header, so that the script never tells a different story from the run.
import { settingsByChange, startSettings } from '../experiment/changes';
import type { PreparedData } from '../experiment/prepare';
import { trainClassWeights } from '../experiment/prepare';
import type { Experiment, LiveChange } from '../experiment/schema';
import { float64Literal, pythonString } from './pythonLiterals';
import { describeOptimizer, floatArray, pythonOptimizerChange } from './pytorchParts';

interface ScriptChange {
  step: number;
  /** What changed, in words. */
  words: string;
  /** Python statements, unindented. */
  code: string[];
  /** Data literals this change reads (the new class weights). */
  data: string | null;
}

const classWeightsName = (step: number) => `CLASS_WEIGHTS_FROM_STEP_${step}`;

const list = (values: Float32Array) => `[${Array.from(values, (w) => Number(w.toPrecision(4))).join(', ')}]`;

/** The cross-entropy criterion as the script builds it; the class weights are in `class_weights`. */
export function pythonCriterion(loss: { labelSmoothing: number; reduction: string }): string {
  return `nn.CrossEntropyLoss(weight=class_weights, label_smoothing=${float64Literal(loss.labelSmoothing)}, ignore_index=-100, reduction=${pythonString(loss.reduction)})`;
}

/**
 * The changes of `experiment` as script pieces. `parameters` names the model's parameters, `sampler`
 * says how a new batch size's sampler is seeded (the runner's seed + its steps so far).
 */
function scriptChanges(experiment: Experiment, data: PreparedData, parameters: string, samplerSeed: string): ScriptChange[] {
  let before = startSettings(experiment);
  return settingsByChange(experiment).map(({ change, settings }) => {
    const part = describeChange(change, before, settings, data, parameters, samplerSeed);
    before = settings;
    return part;
  });
}

function describeChange(
  change: LiveChange,
  before: Experiment,
  after: Experiment,
  data: PreparedData,
  parameters: string,
  samplerSeed: string,
): ScriptChange {
  const { step } = change;
  const words: string[] = [];
  const code: string[] = [];
  let weights: string | null = null;
  if (change.optimizer) {
    words.push(`optimizer ${describeOptimizer(after.optimizer)}`);
    code.push(pythonOptimizerChange(before.optimizer, after.optimizer, parameters));
  }
  if (change.batchSize !== undefined) {
    words.push(`batch size ${change.batchSize}`);
    code.push(
      `sampler = BatchSampler(len(TRAIN_X), ${change.batchSize}, seed=${samplerSeed} + ${step - 1})  # a fresh shuffle, as xent-lab starts one`,
    );
  }
  const { loss } = change;
  if (loss?.temperature !== undefined) {
    words.push(`temperature ${loss.temperature}`);
    code.push(`temperature = ${float64Literal(loss.temperature)}`);
  }
  if (after.loss.mode === 'cross-entropy' && (loss?.classWeights || loss?.labelSmoothing !== undefined || loss?.reduction)) {
    if (loss.classWeights) {
      const values = trainClassWeights(after, data.train);
      words.push(`class weights ${after.loss.classWeights.kind} ${list(values)}`);
      code.push(`class_weights = torch.tensor(${classWeightsName(step)}, dtype=torch.float32)`);
      weights = `# Class weights from step ${step} (${after.loss.classWeights.kind}).\n${floatArray(classWeightsName(step), values)}`;
    }
    if (loss.labelSmoothing !== undefined) words.push(`label smoothing ${loss.labelSmoothing}`);
    if (loss.reduction) words.push(`reduction '${loss.reduction}'`);
    code.push(`label_smoothing = ${float64Literal(after.loss.labelSmoothing)}`, `loss_fn = ${pythonCriterion(after.loss)}`);
  }
  return { step, words: words.join(', '), code, data: weights };
}

export interface ChangesInScript {
  /** Header lines, one per change; empty without changes. */
  header: string;
  /** The `if step == N:` blocks, indented for the training loop's body. */
  loop: string;
  /** Data literals (class weights from a step on). */
  data: string[];
}

export function changesInScript(experiment: Experiment, data: PreparedData, parameters: string, samplerSeed: string): ChangesInScript {
  const changes = scriptChanges(experiment, data, parameters, samplerSeed);
  if (changes.length === 0) return { header: '', loop: '', data: [] };
  const header = [
    '',
    'Live changes during the run, each applied before the step it names (the settings above are step 0):',
    ...changes.map((c) => `  step ${c.step}: ${c.words}`),
  ].join('\n');
  const indent = (line: string, depth: string) => line.replaceAll('\n', `\n${depth}`);
  const loop = changes
    .map(
      (c) =>
        `        if step == ${c.step}:  # ${c.words}\n${c.code.map((line) => `            ${indent(line, '            ')}`).join('\n')}`,
    )
    .join('\n');
  return { header, loop: `${loop}\n`, data: changes.flatMap((c) => (c.data ? [c.data] : [])) };
}
