// Share links: an experiment survives the round trip exactly; anything else is refused with reasons
// and never half-applied.
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { PRESETS } from '../../src/engine/experiment/presets';
import { parseExperiment } from '../../src/engine/experiment/schema';
import { experimentFragment, readExperimentFragment } from '../../src/store/shareLink';

describe('share links', () => {
  it('round-trip every preset exactly', () => {
    for (const { experiment } of PRESETS) {
      const result = readExperimentFragment(experimentFragment(experiment));
      expect(result).toEqual({ kind: 'ok', experiment });
    }
  });

  it('round-trip a custom experiment, with live settings and a CSV source', () => {
    const experiment = parseExperiment({
      ...DEFAULT_EXPERIMENT,
      seed: 4_000_000_000,
      data: { source: 'csv', file: 'my data.csv', labelColumn: 3 },
      loss: { ...DEFAULT_EXPERIMENT.loss, classWeights: { kind: 'custom', weights: [0.5, 1e-3, 12.25] }, labelSmoothing: 0.15 },
    });
    // A browser's address bar may turn '+' into a space: still the same experiment.
    const fragment = experimentFragment(experiment).replace(/\+/g, ' ');
    expect(readExperimentFragment(fragment)).toEqual({ kind: 'ok', experiment });
  });

  it('names every rejected field of a tampered experiment', () => {
    const tampered = { ...DEFAULT_EXPERIMENT, seed: -1, optimizer: { ...DEFAULT_EXPERIMENT.optimizer, lr: 50 } };
    const result = readExperimentFragment(`#experiment=${compressToEncodedURIComponent(JSON.stringify(tampered))}`);
    expect(result.kind).toBe('rejected');
    if (result.kind !== 'rejected') return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatch(/^seed: /);
    expect(result.problems[1]).toMatch(/^optimizer\.lr: /);
  });

  it('refuses damaged, non-JSON and foreign fragments, and ignores an empty one', () => {
    expect(readExperimentFragment('')).toEqual({ kind: 'none' });
    expect(readExperimentFragment('#')).toEqual({ kind: 'none' });
    expect(readExperimentFragment('#experiment=%3Cscript%3E')).toMatchObject({ kind: 'rejected' });
    expect(readExperimentFragment(`#experiment=${compressToEncodedURIComponent('{not json')}`)).toEqual({
      kind: 'rejected',
      problems: ['the experiment in the link is not valid JSON'],
    });
    expect(readExperimentFragment('#something=1')).toEqual({ kind: 'rejected', problems: ['the link has no "experiment=" part'] });
  });
});
