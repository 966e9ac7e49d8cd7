// The reliability diagram of the latest measurement: for each confidence bin, how often the
// predicted class was right, against the diagonal of perfect calibration. Bars below the diagonal
// are overconfidence, above it underconfidence.
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReliabilityBin } from '../../store/trainingTypes';
import { reliabilitySummary } from '../chartSummary';

interface Props {
  bins: readonly ReliabilityBin[];
  step: number;
}

export function ReliabilityDiagram({ bins, step }: Props) {
  const width = 1 / bins.length;
  const data = bins.map((b, i) => ({
    center: (i + 0.5) * width,
    accuracy: b.count > 0 ? b.accuracy : undefined,
    perfect: (i + 0.5) * width,
    count: b.count,
  }));
  return (
    <figure className="chart" data-chart="reliability" aria-labelledby="reliability-title">
      <h3 id="reliability-title" className="chart-title">
        {`Reliability diagram (validation, step ${step})`}
      </h3>
      <div role="img" aria-label={reliabilitySummary(bins)}>
        <ResponsiveContainer width="100%" height={190}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
            <XAxis
              dataKey="center"
              type="number"
              domain={[0, 1]}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
              tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
              label={{ value: 'confidence of the predicted class', position: 'insideBottom', offset: -10, fontSize: 11 }}
            />
            <YAxis
              domain={[0, 1]}
              width={56}
              tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
              label={{ value: 'accuracy', angle: -90, position: 'insideLeft', fontSize: 11 }}
            />
            <Tooltip
              formatter={(v, name) => (typeof v === 'number' ? (name === 'samples' ? String(v) : `${(v * 100).toFixed(1)}%`) : String(v))}
              labelFormatter={(c) => `confidence ≈ ${Math.round(Number(c) * 100)}%`}
            />
            <Bar name="accuracy in bin" dataKey="accuracy" fill="#D55E00" isAnimationActive={false} barSize={10} />
            <Line
              name="perfect calibration"
              dataKey="perfect"
              stroke="#555555"
              strokeDasharray="4 3"
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        Bars below the dashed diagonal: the model is more confident than it is right (overconfident); above it: underconfident.
      </figcaption>
    </figure>
  );
}
