import { describe, expect, it } from 'vitest';
import { accuracySummary, lossSummary, reliabilitySummary, seriesStats, seriesSummary, similaritySummary } from '../../src/ui/chartSummary';

const rows = [
  { step: 0, train: 1.1, validation: 1.12, trainAcc: 0.3, validationAcc: 0.33 },
  { step: 300, train: 0.6, validation: 0.5, trainAcc: 0.8, validationAcc: 0.81 },
  { step: 900, train: 0.3, validation: 0.29, trainAcc: 0.95, validationAcc: 0.96 },
  { step: 1200, train: 0.23, validation: 0.31, trainAcc: 0.97, validationAcc: 0.95 },
];

describe('chart summaries', () => {
  it('says how the loss moved, with the validation minimum and its step', () => {
    expect(lossSummary(rows, 'train', 'validation')).toBe(
      'Training loss fell from 1.10 to 0.23 over 1,200 steps; validation loss 0.31, lowest 0.29 at step 900.',
    );
    expect(lossSummary([], 'train', 'validation')).toBe('Training loss: no measurements yet.');
    const noValidation = rows.map((r) => ({ ...r, validation: Number.NaN }));
    expect(lossSummary(noValidation, 'train', 'validation', 'NT-Xent')).toBe(
      'Training NT-Xent fell from 1.10 to 0.23 over 1,200 steps; no validation NT-Xent.',
    );
  });

  it('says how accuracy moved, with its best value', () => {
    expect(accuracySummary(rows, 'trainAcc', 'validationAcc')).toBe(
      'Validation accuracy rose from 33% to 95% over 1,200 steps, best 96% at step 900; training accuracy 97%.',
    );
  });

  it('summarises each series of a small chart, skipping NaN values', () => {
    const data = [
      { step: 10, a: Number.NaN, b: 0.5 },
      { step: 11, a: 0.2, b: 0.5 },
      { step: 20, a: 0.05, b: 0.5 },
    ];
    expect(seriesStats(data, 'a')).toEqual({ first: 0.2, last: 0.05, lowest: 0.05, lowestStep: 20, highest: 0.2, highestStep: 11 });
    expect(
      seriesSummary(
        'Calibration error (ECE)',
        data,
        [
          { key: 'a', name: 'train ECE' },
          { key: 'b', name: 'validation ECE' },
          { key: 'c', name: 'absent' },
        ],
        (v) => v.toFixed(2),
      ),
    ).toBe('Calibration error (ECE) over 10 steps: train ECE fell from 0.20 to 0.05; validation ECE stayed at 0.50.');
  });

  it('counts overconfident samples and names the widest gap of the reliability diagram', () => {
    const bins = [
      { count: 0, confidence: 0, accuracy: 0 },
      { count: 10, confidence: 0.55, accuracy: 0.6 },
      { count: 30, confidence: 0.85, accuracy: 0.7 },
      { count: 60, confidence: 0.97, accuracy: 0.95 },
    ];
    expect(reliabilitySummary(bins)).toBe(
      'Of 100 validation predictions in 3 confidence bins, 90 fall in bins where the model is overconfident; the widest gap is 15 points (confidence 85%, accuracy 70%).',
    );
    expect(reliabilitySummary([])).toBe('Reliability diagram: no validation predictions yet.');
  });
});

describe('similarity summary', () => {
  it('averages the positive pairs (i, i + rows/2) apart from the negatives', () => {
    // 4 rows: positives (0,2) = 0.9 and (1,3) = 0.7; negatives (0,1), (0,3), (1,2), (2,3) = 0.1, −0.1, 0.2, 0.
    const s = new Float64Array(16);
    const set = (i: number, j: number, v: number) => {
      s[i * 4 + j] = v;
      s[j * 4 + i] = v;
    };
    set(0, 2, 0.9);
    set(1, 3, 0.7);
    set(0, 1, 0.1);
    set(0, 3, -0.1);
    set(1, 2, 0.2);
    set(2, 3, 0);
    expect(similaritySummary(s, 4)).toBe('Mean cosine similarity of the 2 positive pairs 0.80; of the 4 negative pairs 0.05.');
  });
});
