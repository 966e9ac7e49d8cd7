import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../src/engine/experiment/presetIds';
import { PRESETS } from '../../src/engine/experiment/presets';
import { parseExperiment } from '../../src/engine/experiment/schema';

describe('presets', () => {
  it('are the seven the page promises, each a valid experiment that names itself, with an explanation', () => {
    expect(PRESETS.map((p) => p.title)).toEqual([
      'Spiral basics',
      'Class-weight pitfall',
      'Label smoothing',
      'Overfitting',
      'Contrastive temperature',
      'Real digits',
      'MNIST',
    ]);
    expect(PRESETS.map((p) => p.id)).toEqual([...PRESET_IDS]);
    for (const preset of PRESETS) {
      expect(parseExperiment(preset.experiment)).toEqual(preset.experiment);
      expect(preset.experiment.preset).toBe(preset.id);
      expect(preset.explanation.length).toBeGreaterThan(150);
    }
  });
});
