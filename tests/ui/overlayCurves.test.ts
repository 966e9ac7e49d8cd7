// The overlay series: one per saved run (any number, each looking different from the others and from
// the current run's blue/orange), run B's two curves first, NaN points left out.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { historyPoint } from '../../src/engine/session/history';
import type { SavedRun } from '../../src/store/trainingTypes';
import { accuracyOverlays, lossOverlays } from '../../src/ui/views/overlayCurves';

const point = (step: number, loss: number, accuracy: number) => ({
  ...historyPoint(
    {
      mode: 'nt-xent',
      step,
      epoch: 0,
      trainLoss: loss,
      validationLoss: loss,
      temperature: 0.5,
      referenceLoss: loss,
      stats: { alignment: 0, uniformity: 0 },
      similarity: new Float64Array(),
      rows: 0,
      scatter: new Float64Array(),
    } as never,
    loss,
  ),
  validationAccuracy: accuracy,
});

const run = (i: number): SavedRun => ({
  version: 1,
  id: `id-${i}`,
  name: `run ${i}`,
  savedAt: '2026-12-05T23:00:00.000Z',
  experiment: DEFAULT_EXPERIMENT,
  history: [point(0, 1, 0.5), point(10, Number.NaN, Number.NaN), point(20, 0.5, 0.75)],
  metrics: null,
});

describe('overlay curves', () => {
  it('draws each of twelve saved runs in its own style, under its name, without NaN points', () => {
    const runs = Array.from({ length: 12 }, (_, i) => run(i));
    const curves = lossOverlays(null, runs, (x) => x);
    expect(curves.map((c) => c.name)).toEqual(runs.map((r) => r.name));
    const styles = new Set(curves.map((c) => `${c.colour} ${c.dash}`));
    expect(styles.size).toBe(12);
    for (const c of curves) expect(['#0072B2', '#D55E00']).not.toContain(c.colour);
    expect(curves[0].points).toEqual([
      { step: 0, value: 1 },
      { step: 20, value: 0.5 },
    ]);
    expect(accuracyOverlays(null, runs)[3]).toMatchObject({ name: 'run 3 accuracy', points: [{ value: 0.5 }, { value: 0.75 }] });
  });

  it('puts run B of an A/B comparison first, as train and validation', () => {
    const compare = { experiment: DEFAULT_EXPERIMENT, label: 'lr 0.1', history: [point(5, 0.8, 0.6)], snapshot: null };
    const curves = lossOverlays(compare, [run(0)], (x) => Math.max(x, 0.9));
    expect(curves.map((c) => c.name)).toEqual(['B train', 'B validation', 'run 0']);
    expect(curves[0].points).toEqual([{ step: 5, value: 0.9 }]);
  });
});
