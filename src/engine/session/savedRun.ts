// A run kept under a name: the experiment as trained, its curves and its final metrics, as a
// versioned plain record (no typed arrays) that IndexedDB and a JSON file can both hold. Records are
// validated on load: a file from elsewhere or an older version is refused with the reason, by name.
import { z } from '../../core/zod';
import { type Experiment, experimentSchema } from '../experiment/schema';
import type { HistoryPoint } from './history';
import type { Snapshot } from './trainingSession';

export const SAVED_RUN_VERSION = 1;
/** Longest name kept: a list row and a legend entry stay readable. */
export const MAX_RUN_NAME = 60;

// A metric may be NaN (a class absent from validation) or ±Infinity (a diverged run): IndexedDB keeps
// them, JSON writes them as null, which reads back as NaN. z.number() refuses all three, hence custom.
const num = z
  .custom<number | null>((x) => x === null || typeof x === 'number', 'must be a number or null')
  .transform((x) => (x === null ? Number.NaN : x));

const historyPoint = z.object({
  step: z.number().int().nonnegative(),
  epoch: num,
  batchLoss: num,
  trainLoss: num,
  trainLossWeighted: num,
  validationLoss: num,
  validationLossWeighted: num,
  trainAccuracy: num,
  validationAccuracy: num,
  validationRecall: z.array(num),
  trainEce: num,
  validationEce: num,
  meanLogitGap: num,
  maxLogitGap: num,
  temperature: num,
  referenceLoss: num,
  alignment: num,
  uniformity: num,
});

/** The last measurement's metrics on validation; classification fields are null for NT-Xent. */
const finalMetrics = z.object({
  step: z.number().int().nonnegative(),
  /** The objective (weights, smoothing; NT-Xent for contrastive runs). */
  validationLoss: num,
  /** Plain mean cross-entropy: no weights, no smoothing. */
  plainCrossEntropy: num,
  accuracy: num,
  recall: z.array(num),
  /** [classes × classes] row = true class, column = predicted (row-major). */
  confusion: z.array(z.number().int().nonnegative()),
  classes: z.number().int().nonnegative(),
});

export const savedRunSchema = z.object({
  version: z.literal(SAVED_RUN_VERSION),
  id: z.string().min(1),
  name: z.string().trim().min(1).max(MAX_RUN_NAME),
  /** ISO 8601. */
  savedAt: z.string().datetime(),
  experiment: experimentSchema,
  history: z.array(historyPoint),
  metrics: finalMetrics.nullable(),
});

export type SavedRun = z.infer<typeof savedRunSchema>;
export type SavedRunMetrics = z.infer<typeof finalMetrics>;

export class SavedRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavedRunError';
  }
}

/** Checks a run name: 1 to MAX_RUN_NAME characters after trimming. */
export function checkRunName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_RUN_NAME)
    throw new SavedRunError(`run name: must be 1 to ${MAX_RUN_NAME} characters, got ${trimmed.length}`);
  return trimmed;
}

export function metricsOf(snapshot: Snapshot | null): SavedRunMetrics | null {
  if (!snapshot) return null;
  if (snapshot.mode === 'nt-xent') {
    const { step, validationLoss } = snapshot;
    return { step, validationLoss, plainCrossEntropy: Number.NaN, accuracy: Number.NaN, recall: [], confusion: [], classes: 0 };
  }
  const { step, validation } = snapshot;
  return {
    step,
    validationLoss: validation.weightedLoss,
    plainCrossEntropy: validation.loss,
    accuracy: validation.accuracy,
    recall: [...validation.recall],
    confusion: [...validation.confusion],
    classes: validation.recall.length,
  };
}

export interface RunToSave {
  id: string;
  name: string;
  savedAt: Date;
  experiment: Experiment;
  history: readonly HistoryPoint[];
  snapshot: Snapshot | null;
}

export function buildSavedRun({ id, name, savedAt, experiment, history, snapshot }: RunToSave): SavedRun {
  return {
    version: SAVED_RUN_VERSION,
    id,
    name: checkRunName(name),
    savedAt: savedAt.toISOString(),
    experiment,
    history: history.map((point) => ({ ...point, validationRecall: [...point.validationRecall] })),
    metrics: metricsOf(snapshot),
  };
}

/** The record as JSON text: NaN becomes null (JSON.stringify's rule), which the schema reads back as NaN. */
export const savedRunJson = (run: SavedRun): string => JSON.stringify(run, null, 2);

/** A stored or imported record, validated; throws a SavedRunError saying what is wrong. */
export function parseSavedRun(input: unknown, source: string): SavedRun {
  if (typeof input === 'object' && input !== null && 'version' in input && input.version !== SAVED_RUN_VERSION) {
    throw new SavedRunError(
      `${source}: saved-run version ${JSON.stringify(input.version)} is not supported (this page reads version ${SAVED_RUN_VERSION})`,
    );
  }
  const parsed = savedRunSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
  throw new SavedRunError(`${source} is not a saved run: ${problems.join('; ')}`);
}

/** A JSON file's text as a run; refuses text that is not JSON, by name. */
export function parseSavedRunJson(text: string, source: string): SavedRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SavedRunError(`${source} is not JSON`);
  }
  return parseSavedRun(value, source);
}
