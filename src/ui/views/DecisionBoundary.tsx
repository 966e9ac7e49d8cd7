// The decision boundary of a 2-D model: the GPU evaluates the network on a 100×100 grid a few
// times per second; the background shows the winning class (paler where it is less sure), the
// points their true class by colour and shape (validation points open). Click a point to inspect it,
// or focus the plot and move between points with the arrow keys (Enter inspects).
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTrainingStore } from '../../store/trainingStore';
import type { DecisionGrid, SampleRef, TrainingState } from '../../store/trainingTypes';
import { CLASS_SHAPES, classColor, drawMarker } from '../palette';
import { BoundaryAxes, BoundaryLegend } from './BoundaryFrame';
import { focusedPointText } from './focusedPointText';
import { isArrow, nearestInDirection, nearestTo, type PlotPoint } from './pointNavigation';

const SIZE = 420;

/** Points drawn per split at most; larger sets are thinned evenly (the caption says so). */
const DRAWN_POINTS = 4000;

export function DecisionBoundary() {
  const grid = useTrainingStore((s) => s.grid);
  const data = useTrainingStore((s) => s.data);
  const crossEntropy = useTrainingStore((s) => s.experiment.loss.mode === 'cross-entropy');
  const snapshot = useTrainingStore((s) => s.snapshot);
  const highlight = useTrainingStore((s) => s.highlight);
  const selected = useTrainingStore((s) => s.selected);
  const select = useTrainingStore((s) => s.select);
  const canvas = useRef<HTMLCanvasElement>(null);
  /** The keyboard's point: an index into `points`. */
  const [focused, setFocused] = useState<number | null>(null);
  const points = useMemo(() => (grid && data?.train.d === 2 ? drawnPoints(grid, data) : []), [grid, data]);
  const focus = focused !== null && focused < points.length ? points[focused] : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: new data are new points; the old index means nothing
  useEffect(() => setFocused(null), [data]);

  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g || !grid || !data) return;
    drawGrid(g, grid);
    const predicted = snapshot?.mode === 'cross-entropy' ? snapshot : null;
    const splits = [
      { split: 'train' as const, set: data.train, open: false, predicted: predicted?.trainPredicted },
      { split: 'validation' as const, set: data.validation, open: true, predicted: predicted?.validationPredicted },
    ];
    for (const { split, set, open, predicted: guess } of splits) {
      // Every stride-th point: 10⁵ markers took ~400 ms a redraw on the CPU page, a frozen tab.
      const stride = Math.ceil(set.n / DRAWN_POINTS);
      for (let i = 0; i < set.n; i++) {
        if (i % stride !== 0 && !(selected?.split === split && selected.index === i)) continue;
        const [px, py] = toPixel(grid, set.features[2 * i], set.features[2 * i + 1]);
        const k = set.labels[i];
        const lit = highlight && k === highlight.actual && guess?.[i] === highlight.predicted;
        const dim = highlight && !lit;
        g.globalAlpha = dim ? 0.25 : 1;
        g.fillStyle = classColor(k);
        g.strokeStyle = '#fff';
        const shape = CLASS_SHAPES[k % CLASS_SHAPES.length];
        drawMarker(g, open ? (shape.endsWith('-open') ? shape : (`${shape}-open` as typeof shape)) : shape, px, py, lit ? 5 : 3.5);
        if (selected?.split === split && selected.index === i) {
          g.strokeStyle = '#000';
          g.lineWidth = 2;
          g.beginPath();
          g.arc(px, py, 9, 0, 2 * Math.PI);
          g.stroke();
          g.lineWidth = 1;
        }
      }
    }
    g.globalAlpha = 1;
    if (focus) {
      // The keyboard focus: a dashed ring, black over white so that it shows on every class colour.
      for (const [color, dash] of [
        ['#fff', []],
        ['#000', [4, 3]],
      ] as const) {
        g.strokeStyle = color;
        g.lineWidth = 3 - dash.length;
        g.setLineDash(dash);
        g.beginPath();
        g.arc(focus.x, focus.y, 12, 0, 2 * Math.PI);
        g.stroke();
      }
      g.setLineDash([]);
      g.lineWidth = 1;
    }
  }, [grid, data, snapshot, highlight, selected, focus]);

  if (data?.train.d !== 2 || !crossEntropy) return null;

  const pick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const [x, y] = [((event.clientX - box.left) / box.width) * SIZE, ((event.clientY - box.top) / box.height) * SIZE];
    const nearest = nearestTo(points, x, y);
    if (nearest >= 0 && Math.hypot(points[nearest].x - x, points[nearest].y - y) < 12)
      select({ split: points[nearest].split, index: points[nearest].index });
  };

  const onKey = (event: React.KeyboardEvent<HTMLCanvasElement>) => {
    if (points.length === 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isArrow(event.key)) {
      event.preventDefault(); // the arrows move the focus, not the page
      // The first press starts from the inspected point if it is drawn, else from the middle.
      const start = selected ? points.findIndex((p) => p.split === selected.split && p.index === selected.index) : -1;
      setFocused(
        focus ? nearestInDirection(points, focused as number, event.key) : start >= 0 ? start : nearestTo(points, SIZE / 2, SIZE / 2),
      );
    } else if (event.key === 'Enter' && focus) {
      event.preventDefault();
      select({ split: focus.split, index: focus.index });
    } else if (event.key === 'Escape') {
      setFocused(null);
    }
  };
  const predicted = snapshot?.mode === 'cross-entropy' ? snapshot : null;

  return (
    <section className="panel view" aria-labelledby="boundary-heading">
      <h2 id="boundary-heading">Decision boundary</h2>
      <figure data-chart="decision-boundary" data-chart-title="Decision boundary">
        <div data-chart-body className="boundary-chart">
          <BoundaryAxes bounds={grid?.bounds ?? null}>
            {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable plot with its own arrow keys is what role="application" is for */}
            <canvas
              ref={canvas}
              width={SIZE}
              height={SIZE}
              className="boundary"
              role="application"
              tabIndex={0}
              aria-label="Decision boundary points"
              aria-describedby="boundary-description"
              onClick={pick}
              onKeyDown={onKey}
            />
          </BoundaryAxes>
          <BoundaryLegend names={data.train.classNames} />
        </div>
        <p id="boundary-description" className="visually-hidden">
          The model's class over the plane ({grid?.resolution ?? 100}×{grid?.resolution ?? 100} grid, evaluated on the training backend),
          with the training points filled and validation points open. Arrow keys move between points; Enter inspects the focused point.
        </p>
        {/* Empty until a point has focus: the caption says how to get there. */}
        <p className="field-hint focused-point" aria-live="polite">
          {focus ? focusedPointText(focus, data[focus.split], predicted) : ''}
        </p>
        <figcaption>
          Background: the predicted class, paler where less sure. Filled points train, open ones validate. Click a point, or focus the plot
          and use the arrow keys and Enter, to inspect it.
          {data.train.n + data.validation.n > 2 * DRAWN_POINTS &&
            ` Of the ${(data.train.n + data.validation.n).toLocaleString('en')} points, an evenly spaced ${DRAWN_POINTS.toLocaleString('en')} per split are drawn.`}
        </figcaption>
      </figure>
    </section>
  );
}

/** The points drawn, in canvas pixels: what a click or an arrow key can land on. */
function drawnPoints(grid: DecisionGrid, data: NonNullable<TrainingState['data']>): (SampleRef & PlotPoint)[] {
  const points: (SampleRef & PlotPoint)[] = [];
  for (const split of ['train', 'validation'] as const) {
    const set = data[split];
    const stride = Math.ceil(set.n / DRAWN_POINTS);
    for (let index = 0; index < set.n; index += stride) {
      const [x, y] = toPixel(grid, set.features[2 * index], set.features[2 * index + 1]);
      points.push({ split, index, x, y });
    }
  }
  return points;
}

function toPixel(grid: DecisionGrid, x: number, y: number): [number, number] {
  const [x0, x1, y0, y1] = grid.bounds;
  return [((x - x0) / (x1 - x0)) * SIZE, SIZE - ((y - y0) / (y1 - y0)) * SIZE];
}

function drawGrid(g: CanvasRenderingContext2D, grid: DecisionGrid): void {
  const { resolution, classes, confidence } = grid;
  const image = g.createImageData(resolution, resolution);
  const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      const cell = j * resolution + i;
      const [r, gr, b] = rgb(classColor(classes[cell]));
      // Rows of the grid start at y0 (the bottom); the image's rows start at the top.
      const at = 4 * ((resolution - 1 - j) * resolution + i);
      const strength = 0.15 + 0.45 * confidence[cell];
      image.data[at] = 255 - (255 - r) * strength;
      image.data[at + 1] = 255 - (255 - gr) * strength;
      image.data[at + 2] = 255 - (255 - b) * strength;
      image.data[at + 3] = 255;
    }
  }
  const scratch = new OffscreenCanvas(resolution, resolution);
  scratch.getContext('2d')?.putImageData(image, 0, 0);
  g.imageSmoothingEnabled = true;
  g.clearRect(0, 0, SIZE, SIZE);
  g.drawImage(scratch, 0, 0, SIZE, SIZE);
}
