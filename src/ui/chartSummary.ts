// What each chart shows, in a sentence with its numbers: the accessible name of the chart, read in
// place of a string of tick labels. One function per chart kind; no React.

/** A chart row: the step and the plotted values, by key (NaN, missing or not a number where a series has no value). */
export type ChartRow = object;

/** The row's value at `key` if it is a finite number. */
function valueAt(row: ChartRow, key: string): number | null {
  const v = (row as Record<string, unknown>)[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export interface SeriesStats {
  first: number;
  last: number;
  lowest: number;
  lowestStep: number;
  highest: number;
  highestStep: number;
}

const count = (n: number) => n.toLocaleString('en');
const fixed = (x: number) => x.toFixed(2);
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** First, last, lowest and highest finite value of `key`, with their steps; null when it has none. */
export function seriesStats(rows: readonly ChartRow[], key: string): SeriesStats | null {
  let stats: SeriesStats | null = null;
  for (const row of rows) {
    const v = valueAt(row, key);
    const step = valueAt(row, 'step') ?? Number.NaN;
    if (v === null) continue;
    if (!stats) stats = { first: v, last: v, lowest: v, lowestStep: step, highest: v, highestStep: step };
    stats.last = v;
    if (v < stats.lowest) [stats.lowest, stats.lowestStep] = [v, step];
    if (v > stats.highest) [stats.highest, stats.highestStep] = [v, step];
  }
  return stats;
}

/** "fell from 1.10 to 0.23": the change from the first value to the last, in words. */
function change(stats: SeriesStats, format: (v: number) => string): string {
  const [from, to] = [format(stats.first), format(stats.last)];
  if (from === to) return `stayed at ${to}`;
  return `${stats.last < stats.first ? 'fell' : 'rose'} from ${from} to ${to}`;
}

function stepSpan(rows: readonly ChartRow[]): string {
  const steps = rows.length > 0 ? (valueAt(rows[rows.length - 1], 'step') ?? 0) - (valueAt(rows[0], 'step') ?? 0) : 0;
  return `over ${count(steps)} step${steps === 1 ? '' : 's'}`;
}

/** The loss chart: "Training loss fell from 1.10 to 0.23 over 1,200 steps; validation loss 0.31, lowest 0.29 at step 900." */
export function lossSummary(rows: readonly ChartRow[], train: string, validation: string, what = 'loss'): string {
  const [t, v] = [seriesStats(rows, train), seriesStats(rows, validation)];
  if (!t) return `Training ${what}: no measurements yet.`;
  const head = `Training ${what} ${change(t, fixed)} ${stepSpan(rows)}`;
  if (!v) return `${head}; no validation ${what}.`;
  return `${head}; validation ${what} ${fixed(v.last)}, lowest ${fixed(v.lowest)} at step ${count(v.lowestStep)}.`;
}

/** The accuracy chart: "Validation accuracy rose from 33% to 95% over 1,200 steps, best 96% at step 1,000; training accuracy 97%." */
export function accuracySummary(rows: readonly ChartRow[], train: string, validation: string): string {
  const [t, v] = [seriesStats(rows, train), seriesStats(rows, validation)];
  if (!v && !t) return 'Accuracy: no measurements yet.';
  if (!v) return `Training accuracy ${change(t as SeriesStats, percent)} ${stepSpan(rows)}; no validation split.`;
  const head = `Validation accuracy ${change(v, percent)} ${stepSpan(rows)}, best ${percent(v.highest)} at step ${count(v.highestStep)}`;
  return t ? `${head}; training accuracy ${percent(t.last)}.` : `${head}.`;
}

/** A small curve chart of several series: "Calibration error (ECE) over 1,200 steps: train ECE fell from 0.20 to 0.05; …". */
export function seriesSummary(
  title: string,
  rows: readonly ChartRow[],
  series: readonly { key: string; name: string }[],
  format: (v: number) => string,
): string {
  const parts = series.flatMap((s) => {
    const stats = seriesStats(rows, s.key);
    return stats ? [`${s.name} ${change(stats, format)}`] : [];
  });
  if (parts.length === 0) return `${title}: no measurements yet.`;
  return `${title} ${stepSpan(rows)}: ${parts.join('; ')}.`;
}

/** The reliability diagram: how many samples sit in overconfident bins, and the widest gap. */
export function reliabilitySummary(bins: readonly { count: number; confidence: number; accuracy: number }[]): string {
  const filled = bins.filter((b) => b.count > 0);
  if (filled.length === 0) return 'Reliability diagram: no validation predictions yet.';
  const total = filled.reduce((sum, b) => sum + b.count, 0);
  const over = filled.filter((b) => b.accuracy < b.confidence).reduce((sum, b) => sum + b.count, 0);
  const widest = filled.reduce((a, b) => (Math.abs(b.confidence - b.accuracy) > Math.abs(a.confidence - a.accuracy) ? b : a));
  const gap = Math.round(Math.abs(widest.confidence - widest.accuracy) * 100);
  return `Of ${count(total)} validation predictions in ${filled.length} confidence bins, ${count(over)} fall in bins where the model is overconfident; the widest gap is ${gap} points (confidence ${percent(widest.confidence)}, accuracy ${percent(widest.accuracy)}).`;
}

/** The similarity histograms: mean cosine of the positive pairs (row i with i + rows/2) against the negatives. */
export function similaritySummary(similarity: ArrayLike<number>, rows: number): string {
  const half = rows / 2;
  let [positive, negative, negatives] = [0, 0, 0];
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) {
      if (j === i + half) positive += similarity[i * rows + j];
      else [negative, negatives] = [negative + similarity[i * rows + j], negatives + 1];
    }
  }
  if (half === 0) return 'Similarity histograms: no probe pairs.';
  return `Mean cosine similarity of the ${count(half)} positive pairs ${fixed(positive / half)}; of the ${count(negatives)} negative pairs ${fixed(negative / negatives)}.`;
}
