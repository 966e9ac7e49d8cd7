// The experiment: everything needed to reproduce a run (data, model, loss, optimizer, training,
// seed). Versioned and validated with zod; the headless runner reads it from JSON, and share links
// will carry the same object. Every rejected field is reported by its path.
import { z } from 'zod';
import { PRESET_IDS } from './presetIds';

// The page's Content-Security-Policy forbids eval: without this, zod probes `Function('')` once to
// decide whether to compile its parsers, and the browser reports a violation on every load.
z.config({ jitless: true });

export const EXPERIMENT_VERSION = 1;

const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

const generatedData = z
  .object({
    source: z.enum(['spirals', 'blobs', 'circles', 'xor', 'moons']),
    classes: z.number().int().min(2).max(10),
    samples: z.number().int().min(10).max(100_000),
    noise: z.number().min(0).max(5),
    /** First class : last class; 1 is balanced. */
    imbalance: z.number().min(1).max(1000),
  })
  .strict();

/** A dataset shipped in public/datasets, loaded through the CSV path an upload takes. */
const builtinData = z.object({ source: z.enum(['digits', 'iris']) }).strict();

/**
 * A user's CSV file. `file` names it: a path relative to the config file for the headless runner, the
 * uploaded file's name in the page. A share link carries the name, not the rows: whoever opens it
 * supplies the file again.
 */
const csvData = z
  .object({
    source: z.literal('csv'),
    file: z.string().min(1).max(260),
    /** A header name or a 0-based column index; default the last column. */
    labelColumn: z.union([z.string().min(1).max(200), z.number().int().min(0).max(100_000)]).optional(),
    /** Whether the first row names the columns; default 'auto' (detected). */
    header: z.union([z.boolean(), z.literal('auto')]).optional(),
  })
  .strict();

const data = z.discriminatedUnion('source', [generatedData, builtinData, csvData]);

const preparation = z
  .object({
    validationFraction: z.number().min(0).max(0.9),
    standardize: z.boolean(),
    /** Share of training labels replaced by ignoreIndex (unlabelled). */
    unlabelledFraction: z.number().min(0).max(0.99),
  })
  .strict();

const classWeights = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['uniform', 'inverse-frequency', 'inverse-sqrt-frequency', 'wrong']) }).strict(),
  z.object({ kind: z.literal('effective-number'), beta: z.number().min(0).lt(1) }).strict(),
  z.object({ kind: z.literal('custom'), weights: z.array(z.number().min(0).max(1e6)).min(2).max(10) }).strict(),
]);

/** Hard labels, or class probabilities made from them (PyTorch's probability targets). */
const targets = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hard') }).strict(),
  z.object({ kind: z.literal('noisy-annotator'), flipProbability: z.number().min(0).lt(1) }).strict(),
  z.object({ kind: z.literal('mixup'), alpha: z.number().gt(0).max(100) }).strict(),
]);

const crossEntropyLoss = z
  .object({
    mode: z.literal('cross-entropy'),
    targets,
    classWeights,
    labelSmoothing: z.number().min(0).max(1),
    reduction: z.enum(['mean', 'sum']),
  })
  .strict();

const augmentation = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('points'),
      rotation: z.number().min(0).max(Math.PI),
      scale: z.number().min(0).max(0.9),
      jitter: z.number().min(0).max(2),
    })
    .strict(),
  z.object({ kind: z.literal('pixels'), noise: z.number().min(0).max(16), dropout: z.number().min(0).max(0.9) }).strict(),
]);

/** SimCLR pre-training: the model's hidden layers are the encoder, followed by a linear projection. */
const ntXentLoss = z
  .object({
    mode: z.literal('nt-xent'),
    temperature: z.number().min(0.01).max(10),
    projection: z.number().int().min(2).max(128),
    augmentation,
  })
  .strict();

const loss = z.discriminatedUnion('mode', [crossEntropyLoss, ntXentLoss]);

const model = z
  .object({
    hidden: z.array(z.number().int().min(1).max(256)).max(6),
    activation: z.enum(['relu', 'tanh', 'sigmoid', 'gelu']),
    init: z.enum(['kaiming', 'xavier']),
  })
  .strict();

const learningRate = z.number().min(0).max(10);
const optimizer = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sgd'),
      lr: learningRate,
      momentum: z.number().min(0).lt(1),
      nesterov: z.boolean(),
      weightDecay: z.number().min(0).max(1),
    })
    .strict(),
  z
    .object({
      kind: z.enum(['adam', 'adamw']),
      lr: learningRate,
      beta1: z.number().min(0).lt(1),
      beta2: z.number().min(0).lt(1),
      weightDecay: z.number().min(0).max(1),
    })
    .strict(),
]);

const training = z
  .object({
    batchSize: z.number().int().min(1).max(4096),
    steps: z.number().int().min(1).max(1_000_000),
    /** Metrics every this many steps. */
    evalEvery: z.number().int().min(1).max(100_000),
  })
  .strict();

export const experimentSchema = z
  .object({
    version: z.literal(EXPERIMENT_VERSION),
    seed,
    data,
    preparation,
    model,
    loss,
    optimizer,
    training,
    /** The page preset this experiment started from; the page shows its explanation. The runner ignores it. */
    preset: z.enum(PRESET_IDS).optional(),
  })
  .strict()
  .refine((e) => e.loss.mode !== 'cross-entropy' || e.loss.targets.kind === 'hard' || e.preparation.unlabelledFraction === 0, {
    path: ['preparation', 'unlabelledFraction'],
    message: 'must be 0 with probability targets (PyTorch has no ignore_index for them)',
  })
  .refine((e) => e.loss.mode !== 'nt-xent' || e.loss.augmentation.kind === 'pixels' || 'samples' in e.data, {
    path: ['loss', 'augmentation', 'kind'],
    message: "'points' augments generated 2-D data; use 'pixels' for digits, Iris and CSV files",
  });

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
