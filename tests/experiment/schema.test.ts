import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { ExperimentError, parseExperiment } from '../../src/engine/experiment/schema';

describe('parseExperiment', () => {
  it('accepts the default experiment', () => {
    expect(parseExperiment(structuredClone(DEFAULT_EXPERIMENT))).toEqual(DEFAULT_EXPERIMENT);
  });

  it('reports every bad field by its path, not just the first', () => {
    const bad = structuredClone(DEFAULT_EXPERIMENT) as Record<string, any>;
    bad.data.samples = -5;
    bad.optimizer.lr = 'fast';
    bad.model.hidden = [64, 999];
    bad.loss.labelSmoothing = 1.5;
    bad.training.extra = true;
    try {
      parseExperiment(bad);
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ExperimentError);
      const fields = (error as ExperimentError).problems.map((p) => p.split(':')[0]);
      expect(fields).toEqual(expect.arrayContaining(['data.samples', 'optimizer.lr', 'model.hidden.1', 'loss.labelSmoothing', 'training']));
      expect((error as ExperimentError).message).toMatch(/training: Unrecognized key/);
    }
  });

  it('takes live changes by increasing step, each holding only what a run changes live for its loss mode', () => {
    const adam = DEFAULT_EXPERIMENT.optimizer;
    const ok = parseExperiment({
      ...DEFAULT_EXPERIMENT,
      changes: [
        { step: 40, loss: { classWeights: { kind: 'inverse-frequency' }, reduction: 'sum' } },
        { step: 80, optimizer: { ...adam, lr: 0.001 }, batchSize: 32 },
      ],
    });
    expect(ok.changes?.map((c) => c.step)).toEqual([40, 80]);
    const problems = (changes: unknown) => {
      try {
        parseExperiment({ ...DEFAULT_EXPERIMENT, changes });
        return [];
      } catch (error) {
        return (error as ExperimentError).problems;
      }
    };
    expect(problems([{ step: 0, batchSize: 32 }])).toEqual([expect.stringMatching(/^changes\.0\.step: /)]);
    expect(
      problems([
        { step: 5, batchSize: 32 },
        { step: 5, batchSize: 16 },
      ]),
    ).toEqual(["changes.1.step: must be more than the previous change's step (5)"]);
    expect(problems([{ step: 5 }])).toEqual(['changes.0: must change something: optimizer, batchSize or loss']);
    expect(problems([{ step: 5, loss: { temperature: 0.1 } }])).toEqual([
      'changes.0.loss.temperature: is not a live setting of cross-entropy; allowed: classWeights, labelSmoothing, reduction',
    ]);
    // What restarts a run (the model, the targets, the seed) is not a live change.
    expect(problems([{ step: 5, model: DEFAULT_EXPERIMENT.model }])[0]).toMatch(/^changes\.0: Unrecognized key/);
    expect(problems([{ step: 5, loss: { targets: { kind: 'hard' } } }])[0]).toMatch(/^changes\.0\.loss: Unrecognized key/);
    expect(problems(Array.from({ length: 1001 }, (_, i) => ({ step: i + 1, batchSize: 32 })))[0]).toMatch(/^changes: Too big/);
  });

  it('refuses another version and non-objects', () => {
    expect(() => parseExperiment({ ...DEFAULT_EXPERIMENT, version: 2 })).toThrow(/version: /);
    expect(() => parseExperiment('spirals')).toThrow(/\(root\): /);
  });

  it('refuses unlabelled rows with probability targets, as PyTorch has no ignore_index for them', () => {
    const bad = structuredClone(DEFAULT_EXPERIMENT);
    bad.loss.targets = { kind: 'mixup', alpha: 0.2 };
    bad.preparation.unlabelledFraction = 0.3;
    expect(() => parseExperiment(bad)).toThrow(/preparation\.unlabelledFraction: must be 0 with probability targets/);
  });

  it('accepts a contrastive experiment and refuses point augmentations on images', () => {
    const contrastive = {
      ...structuredClone(DEFAULT_EXPERIMENT),
      loss: {
        mode: 'nt-xent',
        temperature: 0.2,
        projection: 16,
        augmentation: { kind: 'points', rotation: 0.3, scale: 0.1, jitter: 0.05 },
      },
    };
    expect(parseExperiment(contrastive).loss.mode).toBe('nt-xent');
    expect(() => parseExperiment({ ...contrastive, data: { source: 'digits' } })).toThrow(
      /loss\.augmentation\.kind: 'points' augments generated 2-D data/,
    );
    expect(() => parseExperiment({ ...contrastive, loss: { ...contrastive.loss, temperature: 0 } })).toThrow(/loss\.temperature: /);
  });

  it('accepts a CSV source by file name and checks its label column and header', () => {
    const csv = (data: object) => ({ ...structuredClone(DEFAULT_EXPERIMENT), data });
    expect(parseExperiment(csv({ source: 'csv', file: 'points.csv' })).data).toEqual({ source: 'csv', file: 'points.csv' });
    expect(parseExperiment(csv({ source: 'csv', file: 'a.csv', labelColumn: 2, header: 'auto' })).data.source).toBe('csv');
    expect(() => parseExperiment(csv({ source: 'csv', file: '' }))).toThrow(/data\.file: /);
    expect(() => parseExperiment(csv({ source: 'csv', file: 'a.csv', labelColumn: -1 }))).toThrow(/data\.labelColumn: /);
    expect(() => parseExperiment(csv({ source: 'csv', file: 'a.csv', header: 'yes' }))).toThrow(/data\.header: /);
    expect(() => parseExperiment(csv({ source: 'csv', file: 'a.csv', rows: [] }))).toThrow(/data: .*rows/);
  });

  it('checks the optimizer fields of the chosen kind', () => {
    const sgdWithBetas = { ...DEFAULT_EXPERIMENT, optimizer: { kind: 'sgd', lr: 0.1, beta1: 0.9 } };
    expect(() => parseExperiment(sgdWithBetas)).toThrow(/optimizer\.(momentum|beta1)/);
  });
});
