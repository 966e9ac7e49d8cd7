import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { presetById } from '../../src/engine/experiment/presets';
import { type ExperimentError, parseExperiment } from '../../src/engine/experiment/schema';
import { logGrid, planSweep } from '../../src/engine/sweep/plan';

const blobs = presetById('class-weight-pitfall').experiment;

describe('the sweep field of the experiment', () => {
  it('refuses a grid of more than 64 runs, naming sweep and the limit', () => {
    const sweep = {
      axes: [
        { setting: 'lr', values: logGrid(0.001, 0.1, 8) },
        { setting: 'seed', values: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      ],
      metric: 'accuracy',
    };
    expect(() => parseExperiment({ ...DEFAULT_EXPERIMENT, sweep })).toThrow(/sweep: has 8 × 9 = 72 runs; at most 64 runs in all/);
    expect(() => parseExperiment({ ...DEFAULT_EXPERIMENT, sweep: { ...sweep, axes: [sweep.axes[0]] } })).not.toThrow();
  });

  it('refuses a class index the data does not have, and settings of the other loss', () => {
    const sweep = { axes: [{ setting: 'classWeight', classIndex: 3, values: [1, 2] }], metric: 'minority-recall' };
    try {
      parseExperiment({ ...blobs, sweep });
      expect.unreachable();
    } catch (error) {
      expect((error as ExperimentError).problems).toEqual(['sweep.axes.0.classIndex: must be a class of the data: 0 to 2, got 3']);
    }
    const temperature = { axes: [{ setting: 'temperature', values: [0.1] }], metric: 'accuracy' };
    expect(() => parseExperiment({ ...blobs, sweep: temperature })).toThrow(/sweep.axes.0.setting: 'temperature' is NT-Xent's τ/);
  });
});

describe('planSweep', () => {
  it('expands a 2-D grid row by row, setting each run’s lr and weight of one class', () => {
    const experiment = parseExperiment({
      ...blobs,
      sweep: {
        axes: [
          { setting: 'lr', values: [0.001, 0.01] },
          { setting: 'classWeight', classIndex: 2, values: [1, 4, 8] },
        ],
        metric: 'minority-recall',
      },
    });
    const plan = planSweep(experiment);
    expect(plan.runs.map((r) => r.label)).toEqual([
      'lr 0.001, weight of class 2 = 1',
      'lr 0.001, weight of class 2 = 4',
      'lr 0.001, weight of class 2 = 8',
      'lr 0.01, weight of class 2 = 1',
      'lr 0.01, weight of class 2 = 4',
      'lr 0.01, weight of class 2 = 8',
    ]);
    const run = plan.runs[4].experiment;
    expect(run.optimizer.lr).toBe(0.01);
    expect(run.loss.mode === 'cross-entropy' && run.loss.classWeights).toEqual({ kind: 'custom', weights: [1, 1, 4] });
    expect(run.sweep).toBeUndefined();
    expect(() => parseExperiment(run)).not.toThrow();
    // Same batch size and seed: one group sharing batches and initial weights.
    expect(plan.groups).toEqual([[0, 1, 2, 3, 4, 5]]);
  });

  it('puts runs of other batch sizes or seeds into separate groups', () => {
    const experiment = parseExperiment({
      ...DEFAULT_EXPERIMENT,
      sweep: {
        axes: [
          { setting: 'batchSize', values: [32, 64] },
          { setting: 'optimizer', values: ['sgd', 'adam'] },
        ],
        metric: 'accuracy',
      },
    });
    const plan = planSweep(experiment);
    expect(plan.groups).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(plan.runs[0].experiment.optimizer).toEqual({ kind: 'sgd', lr: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0 });
    expect(plan.runs[3].experiment.training.batchSize).toBe(64);
  });

  it('logGrid spaces values evenly in log space and refuses a bad range by name', () => {
    expect(logGrid(0.001, 0.1, 3)).toEqual([0.001, 0.01, 0.1]);
    expect(logGrid(0.001, 1, 4)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(() => logGrid(0, 1, 3)).toThrow(/min/);
  });
});
