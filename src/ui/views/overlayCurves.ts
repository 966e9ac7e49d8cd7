// The curves drawn over the current run's: an A/B comparison's run B (live) and any number of saved
// runs, each as its own series with its own steps. Colours avoid the current run's blue and orange;
// the dash pattern changes with the colour cycle, so that the 9th run still differs from the 1st.
import type { Comparison, HistoryPoint, SavedRun } from '../../store/trainingTypes';

export interface OverlayCurve {
  key: string;
  /** The legend entry. */
  name: string;
  colour: string;
  dash: string | undefined;
  points: { step: number; value: number }[];
}

const OVERLAY_COLOURS = ['#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#882255', '#000000', '#44AA99', '#999933'];
const DASHES = [undefined, '8 3', '2 2', '10 3 2 3'];
const B_COLOUR = '#555555';

export function overlayStyle(index: number): { colour: string; dash: string | undefined } {
  return {
    colour: OVERLAY_COLOURS[index % OVERLAY_COLOURS.length],
    dash: DASHES[Math.floor(index / OVERLAY_COLOURS.length) % DASHES.length],
  };
}

type Value = (point: HistoryPoint) => number;

const series = (history: readonly HistoryPoint[], value: Value) =>
  history.filter((p) => Number.isFinite(value(p))).map((p) => ({ step: p.step, value: value(p) }));

/** Run B's train and validation objective, then each saved run's validation objective. */
export function lossOverlays(compare: Comparison | null, saved: readonly SavedRun[], floor: (x: number) => number): OverlayCurve[] {
  const curves: OverlayCurve[] = [];
  if (compare) {
    curves.push(
      {
        key: 'b-train',
        name: 'B train',
        colour: B_COLOUR,
        dash: undefined,
        points: series(compare.history, (p) => floor(p.trainLossWeighted)),
      },
      {
        key: 'b-validation',
        name: 'B validation',
        colour: B_COLOUR,
        dash: '6 3',
        points: series(compare.history, (p) => floor(p.validationLossWeighted)),
      },
    );
  }
  saved.forEach((run, i) => {
    curves.push({ key: run.id, name: run.name, ...overlayStyle(i), points: series(run.history, (p) => floor(p.validationLossWeighted)) });
  });
  return curves;
}

/** Run B's and each saved run's validation accuracy (none for NT-Xent runs, whose accuracy is NaN). */
export function accuracyOverlays(compare: Comparison | null, saved: readonly SavedRun[]): OverlayCurve[] {
  const curves: OverlayCurve[] = [];
  if (compare) {
    curves.push({
      key: 'b-accuracy',
      name: 'B validation accuracy',
      colour: B_COLOUR,
      dash: '6 3',
      points: series(compare.history, (p) => p.validationAccuracy),
    });
  }
  saved.forEach((run, i) => {
    const points = series(run.history, (p) => p.validationAccuracy);
    if (points.length > 0) curves.push({ key: run.id, name: `${run.name} accuracy`, ...overlayStyle(i), points });
  });
  return curves;
}
