import { describe, expect, it } from 'vitest';
import { appendPoint, type HistoryPoint } from '../../src/engine/session/history';

const point = (step: number): HistoryPoint => ({
  step,
  epoch: 1,
  batchLoss: 1,
  trainLoss: 1,
  trainLossWeighted: 1,
  validationLoss: 1,
  validationLossWeighted: 1,
  trainAccuracy: 0.5,
  validationAccuracy: 0.5,
  validationRecall: [0.5, 0.5],
  trainEce: 0.1,
  validationEce: 0.1,
  meanLogitGap: 1,
  maxLogitGap: 2,
  temperature: Number.NaN,
  referenceLoss: Number.NaN,
  alignment: Number.NaN,
  uniformity: Number.NaN,
});

describe('the curves ring', () => {
  it('keeps the newest points up to its capacity, without touching the input', () => {
    let points: HistoryPoint[] = [];
    for (let step = 1; step <= 7; step++) points = appendPoint(points, point(step), 5);
    expect(points.map((p) => p.step)).toEqual([3, 4, 5, 6, 7]);
    const before = points;
    appendPoint(points, point(8), 5);
    expect(before.map((p) => p.step)).toEqual([3, 4, 5, 6, 7]);
  });

  it('replaces a point measured again at the same step', () => {
    const points = appendPoint(appendPoint([], point(1)), { ...point(1), trainLoss: 2 });
    expect(points).toHaveLength(1);
    expect(points[0].trainLoss).toBe(2);
  });
});
