// A sweep as one PyTorch script: the first run's script (pytorchScript: data, initial weights, batch
// order), whose main() takes a run index, and a loop over the grid. Every run of the loop starts from
// the same initial weights and batch order, as the sweep's runs of one group do; what differs per run
// (class weights, label smoothing, optimizer) comes from the RUNS table. A sweep over the seed or the
// batch size has several groups (other data order and weights) and is refused here by name.
import { ArgumentError } from '../../core/checks';
import type { PreparedData } from '../experiment/prepare';
import { trainClassWeights } from '../experiment/prepare';
import { type CrossEntropyExperiment, type Experiment, isContrastive } from '../experiment/schema';
import { planSweep } from '../sweep/plan';
import { float64Literal, section } from './pythonLiterals';
import { pythonCriterion } from './pytorchChanges';
import { floatArray, pythonOptimizer } from './pytorchParts';
import { pytorchScript } from './pytorchScript';

const MAIN_LINE = 'if __name__ == "__main__":';

/** Replaces `line` (which must occur once) in the generated script; a mismatch is a bug here, said loudly. */
function replaceOnce(script: string, line: string, by: string): string {
  const at = script.indexOf(line);
  if (at < 0 || script.indexOf(line, at + 1) >= 0) throw new Error(`pytorchSweepScript: expected one '${line.trim()}' in the run's script`);
  return script.slice(0, at) + by + script.slice(at + line.length);
}

export function pytorchSweepScript(experiment: Experiment, data: PreparedData): string {
  if (!experiment.sweep) throw new ArgumentError('experiment.sweep', 'is missing: export a single run with pytorchScript');
  if (isContrastive(experiment))
    throw new ArgumentError('experiment.loss.mode', 'the PyTorch export of a sweep covers cross-entropy; nt-xent sweeps export run by run');
  const plan = planSweep(experiment, { classes: data.train.classes });
  if (plan.groups.length > 1) {
    throw new ArgumentError(
      'experiment.sweep.axes',
      'the PyTorch export of a sweep over the seed or the batch size is not supported; export those runs one by one',
    );
  }
  const runs = plan.runs.map((run) => run.experiment as CrossEntropyExperiment);
  let script = pytorchScript({ experiment: runs[0], data });
  const loss = runs[0].loss;
  script = replaceOnce(script, '    print(json.dumps(last))\n    return model', '    print(json.dumps(last))\n    return last');
  script = replaceOnce(script, 'def main(steps=STEPS):', 'def main(steps=STEPS, run=0):\n    settings = RUNS[run]');
  script = replaceOnce(
    script,
    '    class_weights = torch.tensor(CLASS_WEIGHTS, dtype=torch.float32)',
    '    class_weights = torch.tensor(settings["class_weights"], dtype=torch.float32)',
  );
  script = replaceOnce(
    script,
    `    label_smoothing = ${float64Literal(loss.labelSmoothing)}`,
    '    label_smoothing = settings["label_smoothing"]',
  );
  script = replaceOnce(
    script,
    `    loss_fn = ${pythonCriterion(loss)}`,
    `    loss_fn = nn.CrossEntropyLoss(weight=class_weights, label_smoothing=label_smoothing, ignore_index=-100, reduction="${loss.reduction}")`,
  );
  script = replaceOnce(
    script,
    `    optimizer = ${pythonOptimizer(runs[0].optimizer, 'model.parameters()')}`,
    '    optimizer = settings["optimizer"](model.parameters())',
  );
  const table = runs.map((run, i) => {
    const weights = floatArray('w', trainClassWeights(run, data.train)).slice('w = '.length);
    const smoothing = run.loss.labelSmoothing;
    return `    {  # run ${i}: ${plan.runs[i].label}\n        "label": ${JSON.stringify(plan.runs[i].label)},\n        "class_weights": ${weights},\n        "label_smoothing": ${float64Literal(smoothing)},\n        "optimizer": lambda parameters: ${pythonOptimizer(run.optimizer, 'parameters')},\n    },`;
  });
  const loop = `${section(`The sweep: ${plan.runs.length} runs, the same data, initial weights and batch order`)}
RUNS = [
${table.join('\n')}
]


def sweep(steps, only=None):
    """Trains every run (or only one), printing each run's history; last, a JSON line with every run's final row."""
    finals = []
    for run, settings in enumerate(RUNS):
        if only is not None and run != only:
            continue
        print(f"# run {run}: {settings['label']}", flush=True)
        torch.manual_seed(0)  # nothing random is drawn from torch; kept for any edit that would
        finals.append({"run": run, "label": settings["label"], "final": main(steps, run)})
    print(json.dumps(finals))


${MAIN_LINE}
    arguments = argparse.ArgumentParser(description="Replays an xent-lab sweep in PyTorch, run after run.")
    arguments.add_argument("--steps", type=int, default=STEPS, help=f"steps per run (default {STEPS})")
    arguments.add_argument("--run", type=int, default=None, help="train only this run (0-based)")
    parsed = arguments.parse_args()
    sweep(parsed.steps, parsed.run)
`;
  const at = script.indexOf(MAIN_LINE);
  if (at < 0) throw new Error('pytorchSweepScript: the run script has no __main__ block');
  return script.slice(0, at) + loop;
}
