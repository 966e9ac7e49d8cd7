// A sweep: one or two settings of the experiment, each with its values; the runs are their grid
// (at most MAX_SWEEP_RUNS). Part of the experiment (field `sweep`), so the share link, the headless
// runner and the PyTorch export all carry it. Grid expansion lives in plan.ts.
import { z } from '../../core/zod';
import { numberIn, RANGES } from '../experiment/ranges';
import { MAX_SWEEP_RUNS } from './types';

/** The most values one axis takes (an 8×8 grid, or 64 on one axis). */
export const MAX_AXIS_VALUES = MAX_SWEEP_RUNS;

const values = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(MAX_AXIS_VALUES);
const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);

/** One axis: the setting it varies and the values it takes, in the order the grid shows them. */
export const sweepAxisSchema = z.discriminatedUnion('setting', [
  z.object({ setting: z.literal('lr'), values: values(numberIn(RANGES.learningRate)) }).strict(),
  z
    .object({
      setting: z.literal('classWeights'),
      values: values(z.enum(['uniform', 'inverse-frequency', 'inverse-sqrt-frequency', 'wrong'])),
    })
    .strict(),
  /** The weight of one class; the other classes keep the experiment's weights (1 unless custom). */
  z
    .object({
      setting: z.literal('classWeight'),
      classIndex: z
        .number()
        .int()
        .min(0)
        .max(RANGES.datasetClasses.max - 1),
      values: values(numberIn(RANGES.classWeight)),
    })
    .strict(),
  z.object({ setting: z.literal('labelSmoothing'), values: values(numberIn(RANGES.labelSmoothing)) }).strict(),
  z.object({ setting: z.literal('temperature'), values: values(numberIn(RANGES.temperature)) }).strict(),
  z.object({ setting: z.literal('batchSize'), values: values(numberIn(RANGES.batchSize)) }).strict(),
  z.object({ setting: z.literal('optimizer'), values: values(z.enum(['sgd', 'adam', 'adamw'])) }).strict(),
  z.object({ setting: z.literal('seed'), values: values(seed) }).strict(),
]);

export type SweepAxis = z.infer<typeof sweepAxisSchema>;
export type SweepSetting = SweepAxis['setting'];

export const SWEEP_METRICS = ['validation-loss', 'accuracy', 'minority-recall', 'ece', 'probe-accuracy'] as const;
export type SweepMetric = (typeof SWEEP_METRICS)[number];

export const sweepSchema = z
  .object({
    axes: z.array(sweepAxisSchema).min(1).max(2),
    /** What the grid shows: plain validation cross-entropy, accuracy, the rarest class's recall, ECE, or NT-Xent's probe accuracy. */
    metric: z.enum(SWEEP_METRICS),
  })
  .strict();

export type Sweep = z.infer<typeof sweepSchema>;

/** Runs of the grid: the product of the axes' lengths. */
export const sweepRunCount = (sweep: Sweep): number => sweep.axes.reduce((n, axis) => n * axis.values.length, 1);
