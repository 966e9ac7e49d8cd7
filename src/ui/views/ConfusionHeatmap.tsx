// A large confusion matrix as a canvas heatmap (one pixel per cell, scaled up) and a list of its
// largest confusions as buttons: with more than ~20 classes a table of C² buttons is unreadable and
// slow (200 classes: 40,000 buttons). The canvas is described in words for screen readers.
import { useEffect, useRef } from 'react';
import { diagonalShare, largestCount, topConfusions } from './confusionSummary';

const SIZE = 320;
const LISTED = 12;

interface Props {
  confusion: ArrayLike<number>;
  names: string[];
  highlight: { actual: number; predicted: number } | null;
  onPick(cell: { actual: number; predicted: number } | null): void;
}

export function ConfusionHeatmap({ confusion, names, highlight, onPick }: Props) {
  const C = names.length;
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (g) drawHeatmap(g, confusion, C);
  }, [confusion, C]);
  const top = topConfusions(confusion, C, LISTED);
  const share = diagonalShare(confusion, C);
  const summary = `${C} by ${C} confusion matrix: ${Number.isNaN(share) ? 'no validation samples' : `${(share * 100).toFixed(1)}% of validation samples on the diagonal`}; ${
    top.length === 0
      ? 'no confusions'
      : `the largest confusion is ${names[top[0].actual]} predicted as ${names[top[0].predicted]} (${top[0].count})`
  }.`;
  return (
    <div className="confusion-summary">
      <canvas ref={canvas} width={SIZE} height={SIZE} role="img" aria-label={summary} className="confusion-heatmap" />
      <p className="field-hint">{summary} Darker is more samples; rows are the true class, columns the predicted one.</p>
      <h3>Largest confusions</h3>
      {top.length === 0 ? (
        <p>None: every validation sample is on the diagonal.</p>
      ) : (
        <ol className="top-confusions">
          {top.map(({ actual, predicted, count }) => {
            const on = highlight?.actual === actual && highlight.predicted === predicted;
            return (
              <li key={`${actual}-${predicted}`}>
                <button type="button" aria-pressed={on} onClick={() => onPick(on ? null : { actual, predicted })}>
                  {count} of class {names[actual]} predicted as {names[predicted]}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

function drawHeatmap(g: CanvasRenderingContext2D, confusion: ArrayLike<number>, C: number): void {
  const max = largestCount(confusion);
  const image = g.createImageData(C, C);
  for (let i = 0; i < C * C; i++) {
    // The same purple as the table's cells, stronger where the count is larger (square root: small
    // confusions stay visible beside a full diagonal).
    const shade = Math.sqrt(confusion[i] / max);
    image.data[4 * i] = 255 - (255 - 106) * shade;
    image.data[4 * i + 1] = 255 - (255 - 61) * shade;
    image.data[4 * i + 2] = 255 - (255 - 154) * shade;
    image.data[4 * i + 3] = 255;
  }
  const scratch = new OffscreenCanvas(C, C);
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  g.imageSmoothingEnabled = false;
  g.clearRect(0, 0, SIZE, SIZE);
  g.drawImage(scratch, 0, 0, SIZE, SIZE);
}
