// The sweep's results: a heatmap of the metric (2-D: rows are axis 1's values, columns axis 2's),
// or a line plot with a row of cells (1-D). Every cell is a button that opens its run.

import { axisName } from '../../engine/sweep/plan';
import { lowerIsBetter, METRIC_NAMES } from '../../engine/sweep/sweepMetric';
import type { SweepAxis, SweepMetric } from '../../engine/sweep/sweepSchema';
import type { SweepCell } from '../../store/sweepStore';

interface Props {
  axes: SweepAxis[];
  metric: SweepMetric;
  cells: SweepCell[];
  onOpen(index: number): void;
}

const format = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));

/** A cell's name: its settings, the metric and its value (or that it has none yet). */
export function cellName(cell: SweepCell, metric: SweepMetric): string {
  const value = cell.metric === null ? 'not measured yet' : format(cell.metric);
  return `${cell.label}: ${METRIC_NAMES[metric]} ${value}${cell.diverged ? ' (diverged)' : ''}`;
}

/** Green for the best measured value, red for the worst. */
function colour(cell: SweepCell, cells: SweepCell[], metric: SweepMetric): string {
  if (cell.metric === null) return 'transparent';
  const measured = cells.map((c) => c.metric).filter((m): m is number => m !== null && Number.isFinite(m));
  const [min, max] = [Math.min(...measured), Math.max(...measured)];
  let t = max > min ? (cell.metric - min) / (max - min) : 0.5;
  if (lowerIsBetter(metric)) t = 1 - t;
  return `hsl(${Math.round(120 * t)} 65% 45% / 0.55)`;
}

function CellButton({
  cell,
  cells,
  metric,
  onOpen,
}: {
  cell: SweepCell;
  cells: SweepCell[];
  metric: SweepMetric;
  onOpen(i: number): void;
}) {
  return (
    <button
      type="button"
      aria-label={cellName(cell, metric)}
      title={cellName(cell, metric)}
      style={{ background: colour(cell, cells, metric), minWidth: '3.5rem', width: '100%' }}
      onClick={() => onOpen(cell.index)}
    >
      {cell.metric === null ? '…' : format(cell.metric)}
    </button>
  );
}

function LinePlot({ cells }: { cells: SweepCell[] }) {
  const points = cells.filter((c) => c.metric !== null && Number.isFinite(c.metric));
  if (points.length < 2) return null;
  const values = points.map((c) => c.metric as number);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const x = (i: number) => 10 + (280 * i) / Math.max(1, cells.length - 1);
  const y = (v: number) => 90 - (max > min ? (80 * (v - min)) / (max - min) : 40);
  const path = points.map((c) => `${x(c.index)},${y(c.metric as number)}`).join(' ');
  return (
    <svg viewBox="0 0 300 100" width="100%" height="100" aria-hidden="true">
      <polyline points={path} fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

export function SweepGrid({ axes, metric, cells, onOpen }: Props) {
  if (axes.length === 1) {
    return (
      <div>
        <LinePlot cells={cells} />
        <table className="sweep-grid">
          <caption>{`${METRIC_NAMES[metric]} by ${axisName(axes[0])}`}</caption>
          <tbody>
            <tr>
              {cells.map((cell) => (
                <td key={cell.index}>
                  <CellButton cell={cell} cells={cells} metric={metric} onOpen={onOpen} />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    );
  }
  const [rows, columns] = axes;
  return (
    <table className="sweep-grid">
      <caption>{`${METRIC_NAMES[metric]}: ${axisName(rows)} (rows) × ${axisName(columns)} (columns)`}</caption>
      <thead>
        <tr>
          <th scope="col">{`${axisName(rows)} \\ ${axisName(columns)}`}</th>
          {columns.values.map((v) => (
            <th key={String(v)} scope="col">
              {String(v)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.values.map((v, r) => (
          <tr key={String(v)}>
            <th scope="row">{String(v)}</th>
            {columns.values.map((_, c) => {
              const cell = cells[r * columns.values.length + c];
              return (
                <td key={cell.index}>
                  <CellButton cell={cell} cells={cells} metric={metric} onOpen={onOpen} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
