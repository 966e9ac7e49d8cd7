// One class limit: custom class weights take as many classes as a dataset may have (the MLP's
// output layer), no more; before, the schema stopped at 10 while a CSV could bring 1,000.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { RANGES } from '../../src/engine/experiment/ranges';
import { parseExperiment } from '../../src/engine/experiment/schema';
import { mlpLayout } from '../../src/engine/model/layout';

function withWeights(count: number) {
  const experiment = structuredClone(DEFAULT_EXPERIMENT);
  if (experiment.loss.mode !== 'cross-entropy') throw new Error('the default is cross-entropy');
  experiment.loss.classWeights = { kind: 'custom', weights: new Array(count).fill(1) };
  return experiment;
}

describe('the class limit', () => {
  it('is the same for custom weights and the model', () => {
    const max = RANGES.datasetClasses.max;
    expect(() => parseExperiment(withWeights(11))).not.toThrow();
    expect(() => parseExperiment(withWeights(max))).not.toThrow();
    expect(() => parseExperiment(withWeights(max + 1))).toThrow(new RegExp(`loss.classWeights.weights: .*${max}`));
    expect(() => mlpLayout({ inputs: 2, hidden: [], classes: max, activation: 'relu' })).not.toThrow();
    expect(() => mlpLayout({ inputs: 2, hidden: [], classes: max + 1, activation: 'relu' })).toThrow(/classes/);
  });
});
