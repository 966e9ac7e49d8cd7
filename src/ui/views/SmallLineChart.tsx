// A compact curve over training steps: a visible title, labelled axes and an accessible name, with
// the live-change markers the loss curves draw. The lesson views (recall, calibration, logits) use it.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Marker } from '../../store/trainingTypes';
import { seriesSummary } from '../chartSummary';

export interface Series {
  key: string;
  name: string;
  color: string;
  dash?: string;
}

interface Props {
  id: string;
  title: string;
  yLabel: string;
  data: Record<string, number | undefined>[];
  series: Series[];
  markers: readonly Marker[];
  /** [min, max], or 'auto' ends. */
  domain?: [number | 'auto', number | 'auto'];
  format: (v: number) => string;
  caption: string;
}

export function SmallLineChart({ id, title, yLabel, data, series, markers, domain = ['auto', 'auto'], format, caption }: Props) {
  return (
    <figure className="chart" data-chart={id} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="chart-title">
        {title}
      </h3>
      <div role="img" aria-label={seriesSummary(title, data, series, format)}>
        <ResponsiveContainer width="100%" height={170}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
            <XAxis
              dataKey="step"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              label={{ value: 'step', position: 'insideBottom', offset: -10, fontSize: 11 }}
            />
            <YAxis
              domain={domain}
              width={56}
              tickFormatter={format}
              label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize: 11 }}
            />
            <Tooltip formatter={(v) => (typeof v === 'number' ? format(v) : String(v))} labelFormatter={(step) => `step ${step}`} />
            <Legend />
            {markers.map((m) => (
              <ReferenceLine key={`${m.step}-${m.label}`} x={m.step} stroke="#6a3d9a" strokeDasharray="2 2" />
            ))}
            {series.map((s) => (
              <Line
                key={s.key}
                name={s.name}
                dataKey={s.key}
                stroke={s.color}
                strokeDasharray={s.dash}
                dot={false}
                isAnimationActive={false}
                strokeWidth={2}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
