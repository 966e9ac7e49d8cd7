// The experiment: everything needed to reproduce a run (data, model, loss, optimizer, training,
// seed). Versioned and validated with zod; the headless runner reads it from JSON, and share links
// will carry the same object. Every rejected field is reported by its path.
import { z } from '../../core/zod';
import { checkSweep } from '../sweep/checkSweep';
import { sweepSchema } from '../sweep/sweepSchema';
import { PRESET_IDS } from './presetIds';
import { numberIn, RANGES } from './ranges';

export { type NumberRange, RANGES } from './ranges';

export const EXPERIMENT_VERSION = 1;

const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

const generatedData = z
  .object({
    source: z.enum(['spirals', 'blobs', 'circles', 'xor', 'moons']),
    classes: numberIn(RANGES.classes),
    samples: numberIn(RANGES.samples),
    noise: numberIn(RANGES.noise),
    /** First class : last class; 1 is balanced. */
    imbalance: numberIn(RANGES.imbalance),
  })
  .strict();

/** A dataset shipped in public/datasets, loaded through the CSV path an upload takes. */
const builtinData = z.object({ source: z.enum(['digits', 'iris', 'mnist']) }).strict();

/**
 * A user's CSV file. `file` names it: a path relative to the config file for the headless runner, the
 * uploaded file's name in the page. A share link carries the name, not the rows: whoever opens it
 * supplies the file again.
 */
const csvData = z
  .object({
    source: z.literal('csv'),
    file: z.string().min(1).max(260),
    /** A header name or a 0-based column index; default the column holding text, else the last. */
    labelColumn: z.union([z.string().min(1).max(200), z.number().int().min(0).max(100_000)]).optional(),
    /** Whether the first row names the columns; default 'auto' (detected). */
    header: z.union([z.boolean(), z.literal('auto')]).optional(),
    /** Drop rows with a missing value (empty, NA, N/A, NaN, null, ?); default false: such a file is refused. */
    dropMissing: z.boolean().optional(),
  })
  .strict();

const data = z.discriminatedUnion('source', [generatedData, builtinData, csvData]);

const preparation = z
  .object({
    validationFraction: numberIn(RANGES.validationFraction),
    standardize: z.boolean(),
    /** Share of training labels replaced by ignoreIndex (unlabelled). */
    unlabelledFraction: numberIn(RANGES.unlabelledFraction),
  })
  .strict();

const classWeights = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['uniform', 'inverse-frequency', 'inverse-sqrt-frequency', 'wrong']) }).strict(),
  z.object({ kind: z.literal('effective-number'), beta: numberIn(RANGES.effectiveNumberBeta) }).strict(),
  z
    .object({
      kind: z.literal('custom'),
      weights: z.array(numberIn(RANGES.classWeight)).min(RANGES.datasetClasses.min).max(RANGES.datasetClasses.max),
    })
    .strict(),
]);

/** Hard labels, or class probabilities made from them (PyTorch's probability targets). */
const targets = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hard') }).strict(),
  z.object({ kind: z.literal('noisy-annotator'), flipProbability: numberIn(RANGES.flipProbability) }).strict(),
  z.object({ kind: z.literal('mixup'), alpha: numberIn(RANGES.mixupAlpha) }).strict(),
]);

const crossEntropyLoss = z
  .object({
    mode: z.literal('cross-entropy'),
    targets,
    classWeights,
    labelSmoothing: numberIn(RANGES.labelSmoothing),
    reduction: z.enum(['mean', 'sum']),
  })
  .strict();

const augmentation = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('points'),
      rotation: numberIn(RANGES.rotation),
      scale: numberIn(RANGES.scale),
      jitter: numberIn(RANGES.jitter),
    })
    .strict(),
  z.object({ kind: z.literal('pixels'), noise: numberIn(RANGES.pixelNoise), dropout: numberIn(RANGES.dropout) }).strict(),
]);

/** SimCLR pre-training: the model's hidden layers are the encoder, followed by a linear projection. */
const ntXentLoss = z
  .object({
    mode: z.literal('nt-xent'),
    temperature: numberIn(RANGES.temperature),
    projection: numberIn(RANGES.projection),
    augmentation,
  })
  .strict();

const loss = z.discriminatedUnion('mode', [crossEntropyLoss, ntXentLoss]);

const model = z
  .object({
    hidden: z.array(numberIn(RANGES.hiddenWidth)).max(RANGES.hiddenLayers.max),
    activation: z.enum(['relu', 'tanh', 'sigmoid', 'gelu']),
    init: z.enum(['kaiming', 'xavier']),
  })
  .strict();

const learningRate = numberIn(RANGES.learningRate);
const optimizer = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sgd'),
      lr: learningRate,
      momentum: numberIn(RANGES.momentum),
      nesterov: z.boolean(),
      weightDecay: numberIn(RANGES.weightDecay),
    })
    .strict(),
  z
    .object({
      kind: z.enum(['adam', 'adamw']),
      lr: learningRate,
      beta1: numberIn(RANGES.adamBeta),
      beta2: numberIn(RANGES.adamBeta),
      weightDecay: numberIn(RANGES.weightDecay),
    })
    .strict(),
]);

const training = z
  .object({
    batchSize: numberIn(RANGES.batchSize),
    steps: numberIn(RANGES.steps),
    /** Metrics every this many steps. */
    evalEvery: numberIn(RANGES.evalEvery),
  })
  .strict();

/**
 * What a running session takes live (session/liveUpdate.ts), as it is after the change: the loss's
 * live fields one by one (cross-entropy: classWeights, labelSmoothing, reduction; NT-Xent:
 * temperature, augmentation), the optimizer section in full, and the batch size.
 */
const liveLoss = z
  .object({
    classWeights: classWeights.optional(),
    labelSmoothing: numberIn(RANGES.labelSmoothing).optional(),
    reduction: z.enum(['mean', 'sum']).optional(),
    temperature: numberIn(RANGES.temperature).optional(),
    augmentation: augmentation.optional(),
  })
  .strict();

const LIVE_LOSS_FIELDS = {
  'cross-entropy': ['classWeights', 'labelSmoothing', 'reduction'],
  'nt-xent': ['temperature', 'augmentation'],
} as const;

/** A live change: from `step` on (the first step trained with it), these settings replace the earlier ones. */
const liveChange = z
  .object({
    step: numberIn(RANGES.changeStep),
    optimizer: optimizer.optional(),
    batchSize: numberIn(RANGES.batchSize).optional(),
    loss: liveLoss.optional(),
  })
  .strict()
  .refine((c) => c.optimizer !== undefined || c.batchSize !== undefined || (c.loss !== undefined && Object.keys(c.loss).length > 0), {
    message: 'must change something: optimizer, batchSize or loss',
  });

export type LiveChange = z.infer<typeof liveChange>;

const experimentBase = z
  .object({
    version: z.literal(EXPERIMENT_VERSION),
    seed,
    data,
    preparation,
    model,
    loss,
    optimizer,
    training,
    /**
     * Live changes during the run, by increasing step. The sections above are the settings at step 0;
     * a change past training.steps is never reached.
     */
    changes: z.array(liveChange).max(RANGES.changes.max).optional(),
    /** The page preset this experiment started from; the page shows its explanation. The runner ignores it. */
    preset: z.enum(PRESET_IDS).optional(),
    /** A grid of runs over one or two settings (src/engine/sweep); absent for a single run. */
    sweep: sweepSchema.optional(),
  })
  .strict();

export const experimentSchema = experimentBase
  .refine((e) => e.loss.mode !== 'cross-entropy' || e.loss.targets.kind === 'hard' || e.preparation.unlabelledFraction === 0, {
    path: ['preparation', 'unlabelledFraction'],
    message: 'must be 0 with probability targets (PyTorch has no ignore_index for them)',
  })
  .refine((e) => e.loss.mode !== 'nt-xent' || e.loss.augmentation.kind === 'pixels' || 'samples' in e.data, {
    path: ['loss', 'augmentation', 'kind'],
    message: "'points' augments generated 2-D data; use 'pixels' for digits, Iris and CSV files",
  })
  .superRefine(checkChanges)
  .superRefine(checkSweep);

/** Steps strictly increasing, and loss fields that the experiment's loss mode has. */
function checkChanges(e: z.infer<typeof experimentBase>, context: z.RefinementCtx): void {
  const allowed: readonly string[] = LIVE_LOSS_FIELDS[e.loss.mode];
  (e.changes ?? []).forEach((change, i) => {
    const previous = e.changes?.[i - 1];
    if (previous && change.step <= previous.step) {
      context.addIssue({
        code: 'custom',
        path: ['changes', i, 'step'],
        message: `must be more than the previous change's step (${previous.step})`,
      });
    }
    for (const key of Object.keys(change.loss ?? {})) {
      if (!allowed.includes(key)) {
        context.addIssue({
          code: 'custom',
          path: ['changes', i, 'loss', key],
          message: `is not a live setting of ${e.loss.mode}; allowed: ${allowed.join(', ')}`,
        });
      }
    }
    if (change.loss?.augmentation?.kind === 'points' && !('samples' in e.data)) {
      context.addIssue({
        code: 'custom',
        path: ['changes', i, 'loss', 'augmentation', 'kind'],
        message: "'points' augments generated 2-D data",
      });
    }
  });
}

export type Experiment = z.infer<typeof experimentSchema>;

export class ExperimentError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid experiment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ExperimentError';
  }
}

/** Parses untrusted input (JSON from a file or a link); throws ExperimentError listing every bad field. */
export function parseExperiment(input: unknown): Experiment {
  const result = experimentSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ExperimentError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
}

export type CrossEntropyExperiment = Experiment & { loss: { mode: 'cross-entropy' } };
export type ContrastiveExperiment = Experiment & { loss: { mode: 'nt-xent' } };

export function isContrastive(experiment: Experiment): experiment is ContrastiveExperiment {
  return experiment.loss.mode === 'nt-xent';
}
