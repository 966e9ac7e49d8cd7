// The decision boundary's frame: axis ticks along the plot (the grid's bounds in data units) and a
// legend of the class markers, in the page and in its PNG export alike.
import { type ReactNode, useEffect, useRef } from 'react';
import { CLASS_SHAPES, classColor, drawMarker, type Shape } from '../palette';

const TICKS = [0, 0.25, 0.5, 0.75, 1];
/** The y axis leaves its middle to the axis title. */
const Y_TICKS = [0, 1 / 3, 2 / 3, 1];
const tick = (from: number, to: number, t: number) => Number((from + t * (to - from)).toPrecision(2));

/** The plot with ticks below (x₁) and to the left (x₂); `bounds` are [x0, x1, y0, y1]. */
export function BoundaryAxes({ bounds, children }: { bounds: [number, number, number, number] | null; children: ReactNode }) {
  const [x0, x1, y0, y1] = bounds ?? [0, 1, 0, 1];
  return (
    <div className="boundary-plot">
      <div className="axis axis-y" aria-hidden="true">
        {bounds &&
          Y_TICKS.map((t) => (
            <span key={t} style={{ top: `${(1 - t) * 100}%` }}>
              {tick(y0, y1, t)}
            </span>
          ))}
        <span className="axis-title">x₂</span>
      </div>
      {children}
      <div />
      <div className="axis axis-x" aria-hidden="true">
        {bounds &&
          TICKS.map((t) => (
            <span key={t} style={{ left: `${t * 100}%` }}>
              {tick(x0, x1, t)}
            </span>
          ))}
        <span className="axis-title">x₁</span>
      </div>
    </div>
  );
}

function Marker({ shape, color }: { shape: Shape; color: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    g.clearRect(0, 0, 16, 16);
    g.fillStyle = color;
    g.strokeStyle = '#fff';
    drawMarker(g, shape, 8, 8, 4.5);
  }, [shape, color]);
  // A picture of the marker; the entry's text says what it stands for.
  return (
    <span aria-hidden="true">
      <canvas ref={canvas} width={16} height={16} className="legend-marker" />
    </span>
  );
}

/** One entry per class (colour and shape), and how train and validation points differ. */
export function BoundaryLegend({ names }: { names: string[] }) {
  return (
    <ul className="boundary-legend" aria-label="Legend">
      {names.map((name, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a class is its index; the entries never reorder
        <li key={k}>
          <Marker shape={CLASS_SHAPES[k % CLASS_SHAPES.length]} color={classColor(k)} />
          {name === String(k) ? `class ${k}` : `${k}: ${name}`}
        </li>
      ))}
      <li>
        <Marker shape="circle" color="#555555" />
        train
      </li>
      <li>
        <Marker shape="circle-open" color="#555555" />
        validation
      </li>
    </ul>
  );
}
