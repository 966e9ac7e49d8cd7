// A sweep as one PyTorch script: the first run's script (pytorchScript: data, initial weights, batch
// order), whose main() takes a run index, and a loop over the grid. What differs per run (class
// weights, label smoothing, temperature, optimizer) comes from the RUNS table; runs of another seed or
// batch size belong to another group, whose seed, batch size and own arrays (GROUPS,
// pytorchSweepGroups.ts) the loop installs before training them. NT-Xent sweeps patch the
// contrastive main() the same way. Arrays over LITERAL_LIMIT values, the first group's and the other
// groups' own, are packed as in the single-run export (packedArrays.ts); smaller ones stay literals.
import { ArgumentError } from '../../core/checks';
import type { DataFiles, PreparedData } from '../experiment/prepare';
import { prepareData, trainClassWeights } from '../experiment/prepare';
import type { Experiment } from '../experiment/schema';
import { axisName, planSweep, type SweepPlan } from '../sweep/plan';
import { PackedArrays } from './packedArrays';
import { float64Literal, section } from './pythonLiterals';
import { pythonCriterion } from './pytorchChanges';
import { floatArray, pythonOptimizer } from './pytorchParts';
import { pytorchScriptBeforePacking } from './pytorchScript';
import { type GroupsInScript, groupsInScript } from './pytorchSweepGroups';

const MAIN_LINE = 'if __name__ == "__main__":';

/** Replaces `line` (which must occur once) in the generated script; a mismatch is a bug here, said loudly. */
function replaceOnce(script: string, line: string, by: string): string {
  const at = script.indexOf(line);
  if (at < 0 || script.indexOf(line, at + 1) >= 0) throw new Error(`pytorchSweepScript: expected one '${line.trim()}' in the run's script`);
  return script.slice(0, at) + by + script.slice(at + line.length);
}

/** Cross-entropy's main() reads its criterion's settings and its optimizer from RUNS[run], and returns its final row. */
function crossEntropyPatches(script: string, first: Experiment): string {
  if (first.loss.mode !== 'cross-entropy') throw new Error('unreachable: a cross-entropy patch of an NT-Xent run');
  const loss = first.loss;
  let patched = replaceOnce(script, '    print(json.dumps(last))\n    return model', '    print(json.dumps(last))\n    return last');
  patched = replaceOnce(
    patched,
    '    class_weights = torch.tensor(CLASS_WEIGHTS, dtype=torch.float32)',
    '    class_weights = torch.tensor(settings["class_weights"], dtype=torch.float32)',
  );
  patched = replaceOnce(
    patched,
    `    label_smoothing = ${float64Literal(loss.labelSmoothing)}`,
    '    label_smoothing = settings["label_smoothing"]',
  );
  patched = replaceOnce(
    patched,
    `    loss_fn = ${pythonCriterion(loss)}`,
    `    loss_fn = nn.CrossEntropyLoss(weight=class_weights, label_smoothing=label_smoothing, ignore_index=-100, reduction="${loss.reduction}")`,
  );
  return replaceOnce(
    patched,
    `    optimizer = ${pythonOptimizer(first.optimizer, 'model.parameters()')}`,
    '    optimizer = settings["optimizer"](model.parameters())',
  );
}

/** NT-Xent's main() reads τ and its optimizer from RUNS[run], and returns its final line's values. */
function contrastivePatches(script: string, first: Experiment): string {
  let patched = replaceOnce(script, '    temperature = TEMPERATURE', '    temperature = settings["temperature"]');
  patched = replaceOnce(
    patched,
    `    optimizer = ${pythonOptimizer(first.optimizer, 'encoder.parameters()')}`,
    '    optimizer = settings["optimizer"](encoder.parameters())',
  );
  patched = replaceOnce(patched, '    print(json.dumps({"step": steps,', '    last = {"step": steps,');
  return replaceOnce(
    patched,
    '"probe_accuracy": probe_accuracy}))\n    return encoder',
    '"probe_accuracy": probe_accuracy}\n    print(json.dumps(last))\n    return last',
  );
}

/** One RUNS entry: what this run sets that its group's runs do not share. */
function runEntry(plan: SweepPlan, index: number, group: number, data: PreparedData): string {
  const { experiment: run, label } = plan.runs[index];
  const lines = [`"label": ${JSON.stringify(label)}`, `"group": ${group}`];
  if (run.loss.mode === 'nt-xent') lines.push(`"temperature": ${float64Literal(run.loss.temperature)}`);
  else {
    const weights = floatArray('w', trainClassWeights(run, data.train)).slice('w = '.length);
    lines.push(`"class_weights": ${weights}`, `"label_smoothing": ${float64Literal(run.loss.labelSmoothing)}`);
  }
  lines.push(`"optimizer": lambda parameters: ${pythonOptimizer(run.optimizer, 'parameters')}`);
  return `    {  # run ${index}: ${label}\n${lines.map((line) => `        ${line},\n`).join('')}    },`;
}

/** What the script says differs between runs, from the sweep's axes and the groups' arrays. */
function whatDiffers(plan: SweepPlan, groups: GroupsInScript): string {
  const perRun = plan.sweep.axes.filter((a) => a.setting !== 'seed' && a.setting !== 'batchSize').map(axisName);
  const lines = [`The sweep: ${plan.runs.length} runs.`];
  if (perRun.length > 0) lines.push(`Per run (RUNS): ${perRun.join(' and ')}.`);
  if (plan.groups.length === 1) lines.push('Every run starts from the same data, initial weights and batch order.');
  else {
    lines.push(
      `Per group of runs of one seed and batch size (GROUPS, ${plan.groups.length} groups), set by the loop before its runs:`,
      'the seed and the batch size (the batch order derives from both).',
    );
    if (groups.replaced.length > 0)
      lines.push('Arrays a group replaces with its own (the seed made them):', `${groups.replaced.join(', ')}.`);
  }
  return lines.map((line) => `# ${line}`).join('\n');
}

export async function pytorchSweepScript(experiment: Experiment, files: DataFiles): Promise<string> {
  if (!experiment.sweep) throw new ArgumentError('experiment.sweep', 'is missing: export a single run with pytorchScript');
  const { sweep: _, ...base } = experiment;
  const baseData = await prepareData(base, files);
  const plan = planSweep(experiment, { classes: baseData.train.classes });
  // Data, split and initial weights depend only on what a group shares (seed, data, batch size).
  const groupData = await Promise.all(plan.groups.map((g) => prepareData(plan.runs[g[0]].experiment, files)));
  const groupOf = new Map(plan.groups.flatMap((runs, g) => runs.map((run) => [run, g] as const)));
  const first = plan.runs[plan.groups[0][0]].experiment;
  const groups = groupsInScript(plan, groupData);

  // Every group's data has the first's shapes (only seed and batch size make a group), so when a group
  // packs an array the first group packs it too, and the script defines unpack_float32().
  const packed = new PackedArrays();
  let script = pytorchScriptBeforePacking({ experiment: first, data: groupData[0] }, packed);
  script = replaceOnce(
    script,
    '"""Reproduces an xent-lab run in PyTorch.',
    '"""Reproduces an xent-lab sweep in PyTorch: run 0 is described here; the loop at the end trains every run.',
  );
  script = replaceOnce(script, 'def main(steps=STEPS):', 'def main(steps=STEPS, run=0):\n    settings = RUNS[run]');
  script = first.loss.mode === 'nt-xent' ? contrastivePatches(script, first) : crossEntropyPatches(script, first);
  const table = plan.runs.map(({ index }) => runEntry(plan, index, groupOf.get(index) ?? 0, groupData[groupOf.get(index) ?? 0]));
  const otherGroups =
    groups.definitions.length > 0 ? `${section("The other groups' own data")}\n${groups.definitions.join('\n\n')}\n\n\n` : '';
  const loop = `${otherGroups}${section('The sweep')}
${whatDiffers(plan, groups)}
RUNS = [
${table.join('\n')}
]

${groups.table}


def sweep(steps, only=None):
    """Trains every run (or only one), printing each run's history; last, a JSON line with every run's final row."""
    finals = []
    for run, settings in enumerate(RUNS):
        if only is not None and run != only:
            continue
        print(f"# run {run}: {settings['label']}", flush=True)
        globals().update(GROUPS[settings["group"]])  # main() reads the group's seed, batch size and arrays
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
  let filled = await packed.fill(script.slice(0, at) + loop);
  for (const own of groups.packed) filled = await own.fill(filled);
  return filled;
}
