// `npm run train -- [--config experiment.json] [--set path=value]… [--sweep setting=values]… [--sweep-metric M] [--backend webgpu|cpu] [--steps N] [--json]`:
// runs an experiment headless, on Dawn (WebGPU) or the float64 CPU reference. Without --config it
// runs the page's default experiment. A progress bar on a TTY, plain lines otherwise; with --json
// the final metrics are the last line. A contrastive experiment (loss.mode 'nt-xent') reports its
// linear-probe accuracy and embedding statistics instead. An invalid config exits 2 with every bad field named.
// A sweep (the config's `sweep`, or --sweep flags: `--sweep optimizer.lr=0.001,0.01,0.1` or
// `--sweep loss.classWeights.custom[2]=log:1:8:4`, one or two) prints a table of its runs (cli/sweep.ts).
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { create, globals } from 'webgpu';
import { ArgumentError } from '../src/core/checks';
import { CsvError } from '../src/engine/data/csvError';
import { DEFAULT_EXPERIMENT } from '../src/engine/experiment/defaults';
import type { DataFiles } from '../src/engine/experiment/prepare';
import { type Progress, runExperiment, type TrainerFactory } from '../src/engine/experiment/run';
import { runContrastiveExperiment } from '../src/engine/experiment/runContrastive';
import {
  type ContrastiveExperiment,
  type CrossEntropyExperiment,
  ExperimentError,
  isContrastive,
  parseExperiment,
} from '../src/engine/experiment/schema';
import { parseSweepFlag } from '../src/engine/sweep/axisText';
import { BatchedGpuMlp } from '../src/engine/sweep/batchedGpuMlp';
import { type BatchedTrainerFactory, sequentialSweepFactory } from '../src/engine/sweep/sequentialSweepTrainer';
import { CpuMlp } from '../src/engine/train/cpuMlp';
import { GpuMlp } from '../src/engine/train/gpuMlp';
import { GpuWorkError } from '../src/gpu/errorScopes';
import { bufferLimitsOf } from '../src/gpu/limits';
import { applyOverride, configObject, OverrideError, parseOverride } from './overrides';
import { reporter } from './progress';
import { sweepCommand } from './sweep';
import { pointVulkanAtSwiftShader } from './swiftshader';

let gpu: GPU | null = null;

const USAGE =
  'usage: npm run train -- [--config experiment.json] [--set path=value]… [--sweep setting=v1,v2,…|setting=log:MIN:MAX:COUNT]… ' +
  '[--sweep-metric validation-loss|accuracy|minority-recall|ece|probe-accuracy] [--backend webgpu|cpu] [--steps N] [--json]';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

interface Backend {
  factory: TrainerFactory;
  /** The GPU's sweep trainer (every run in one step's dispatches); absent on the CPU, which trains run by run. */
  batched?: BatchedTrainerFactory;
  name: string;
}

async function trainerFactory(backend: string): Promise<Backend> {
  if (backend === 'cpu') return { factory: (setup) => new CpuMlp(setup), name: 'CPU (float64 reference)' };
  pointVulkanAtSwiftShader();
  Object.assign(globalThis, globals);
  // Keep the GPU object referenced for the whole run: once collected, Dawn's instance goes with it.
  gpu = create([]);
  const adapter = await gpu.requestAdapter();
  if (!adapter)
    fail(
      "backend 'webgpu': no WebGPU adapter (install libvulkan1 and a Vulkan driver, e.g. Chromium's SwiftShader), or use --backend cpu",
      1,
    );
  // The adapter's buffer limits, as the page asks (src/engine/createEngine.ts); a trainer that still
  // does not fit is refused by name before it starts (src/engine/train/trainerLimits.ts).
  const device = await adapter.requestDevice({ label: 'xent-lab train', requiredLimits: bufferLimitsOf(adapter) });
  const info = adapter.info;
  return {
    factory: (setup) => new GpuMlp(device, setup),
    batched: (setup) => new BatchedGpuMlp(device, setup),
    name: `WebGPU (${[info.vendor, info.architecture].filter(Boolean).join(' ')})`,
  };
}

async function crossEntropy(experiment: CrossEntropyExperiment, factory: TrainerFactory, files: DataFiles) {
  const progress = reporter(experiment.training.steps, Boolean(process.stdout.isTTY));
  const result = await runExperiment(experiment, factory, { ...files, onProgress: (p: Progress) => progress.update(p) });
  progress.stop();
  if (result.diverged) {
    const { step, cause, rewoundTo } = result.diverged;
    process.stdout.write(`diverged at step ${step}: ${cause}; rewound to step ${rewoundTo}\n`);
  }
  const { train, validation } = result.final;
  process.stdout.write(
    `final: train accuracy ${percent(train.accuracy)}, validation accuracy ${percent(validation.accuracy)}, validation loss ${validation.loss.toFixed(4)}\n`,
  );
  return {
    steps: result.steps,
    stepsPerSecond: Number(result.stepsPerSecond.toFixed(1)),
    diverged: result.diverged,
    train: { loss: train.loss, weightedLoss: train.weightedLoss, accuracy: train.accuracy },
    validation: {
      loss: validation.loss,
      weightedLoss: validation.weightedLoss,
      accuracy: validation.accuracy,
      recall: validation.recall,
      ece: validation.ece,
    },
  };
}

async function contrastive(experiment: ContrastiveExperiment, factory: TrainerFactory, files: DataFiles) {
  const result = await runContrastiveExperiment(experiment, factory, files);
  const { stats } = result;
  process.stdout.write(
    `final: NT-Xent loss ${result.loss.toFixed(4)}, linear-probe validation accuracy ${percent(result.probeAccuracy)}, ` +
      `alignment ${stats.alignment.toFixed(3)}, uniformity ${stats.uniformity.toFixed(3)}\n`,
  );
  return { steps: experiment.training.steps, ...result, stepsPerSecond: Number(result.stepsPerSecond.toFixed(1)) };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** `work`'s result, or exit 2 with the message of a refused input (never a stack trace). */
function settled<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof OverrideError || error instanceof ExperimentError || error instanceof ArgumentError) fail(error.message);
    throw error;
  }
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs>['values'];
  try {
    args = parseArgs({
      options: {
        config: { type: 'string' },
        backend: { type: 'string', default: 'webgpu' },
        steps: { type: 'string' },
        set: { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
        sweep: { type: 'string', multiple: true, default: [] },
        'sweep-metric': { type: 'string' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  const backend = String(args.backend);
  if (backend !== 'webgpu' && backend !== 'cpu') fail(`--backend: must be 'webgpu' or 'cpu', got '${backend}'`);

  let raw: Record<string, unknown> = structuredClone(DEFAULT_EXPERIMENT) as unknown as Record<string, unknown>;
  if (args.config) {
    const path = String(args.config);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      fail(`--config ${path}: ${(error as Error).message}`);
    }
    raw = settled(() => configObject(path, parsed));
  }
  const overrides = [...(args.set as string[]), ...(args.steps === undefined ? [] : [`training.steps=${args.steps}`])];
  for (const flag of overrides) settled(() => applyOverride(raw, parseOverride(flag)));
  const sweepFlags = args.sweep as string[];
  if (sweepFlags.length > 0) raw.sweep = { axes: settled(() => sweepFlags.map(parseSweepFlag)), metric: 'validation-loss' };
  if (args['sweep-metric'] !== undefined) {
    if (!raw.sweep || typeof raw.sweep !== 'object') fail("--sweep-metric: needs a sweep (--sweep setting=values, or the config's sweep)");
    (raw.sweep as Record<string, unknown>).metric = String(args['sweep-metric']);
  } else if (sweepFlags.length > 0 && (raw.loss as { mode?: string } | undefined)?.mode === 'nt-xent') {
    (raw.sweep as Record<string, unknown>).metric = 'probe-accuracy';
  }
  const experiment = settled(() => parseExperiment(raw));

  const { factory, batched, name } = await trainerFactory(backend);
  const changes = experiment.changes?.length ?? 0;
  const changed =
    changes > 0 ? ` (${changes} live change${changes === 1 ? '' : 's'}, at step ${experiment.changes?.map((c) => c.step).join(', ')})` : '';
  process.stdout.write(`xent-lab: ${experiment.data.source}, ${experiment.training.steps} steps${changed} on ${name}\n`);
  const publicDir = new URL('../public/', import.meta.url); // dist-cli/ sits beside public/
  // A CSV named by data.file is read relative to the config file, or to the working directory.
  const configDir = args.config ? dirname(resolve(String(args.config))) : process.cwd();
  const files: DataFiles = {
    fetchBytes: async (path) => new Uint8Array(await readFile(new URL(path, publicDir))),
    readUserFile: async (file) => {
      try {
        return new Uint8Array(await readFile(resolve(configDir, file)));
      } catch (error) {
        return fail(`data.file: cannot read ${resolve(configDir, file)}: ${(error as Error).message}`);
      }
    },
  };
  let summary: object;
  try {
    summary = experiment.sweep
      ? await sweepCommand(experiment, { batched: batched ?? sequentialSweepFactory(factory), single: factory }, files, !batched)
      : isContrastive(experiment)
        ? await contrastive(experiment, factory, files)
        : await crossEntropy(experiment as CrossEntropyExperiment, factory, files);
  } catch (error) {
    // A malformed CSV or an argument the data cannot satisfy: the message names the line, column or field.
    if (error instanceof CsvError || error instanceof ArgumentError) fail(error.message);
    // The GPU refused the work (validation or out of memory): an error, never a number.
    if (error instanceof GpuWorkError) fail(error.message, 1);
    throw error;
  }
  if (args.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1));
