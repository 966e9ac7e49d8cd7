// Loss and accuracy curves: train and validation, the weighted objective and plain cross-entropy,
// with a marker where a setting changed live. Lines differ by dash as well as colour. For NT-Xent
// the loss at a fixed reference τ is drawn too: the loss at the current τ jumps when τ changes,
// with no learning, and only the reference curve is comparable across the change.
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { REFERENCE_TEMPERATURE } from '../../engine/contrastive/referenceTemperature';
import { useTrainingStore } from '../../store/trainingStore';
import { accuracySummary, lossSummary } from '../chartSummary';
import { CheckboxField } from '../controls/CheckboxField';
import { MarkerList, markerLines, useWidth } from './MarkerLines';
import { accuracyOverlays, lossOverlays, type OverlayCurve } from './overlayCurves';

/** What the curves' numbers are, and how they relate to the batch loss the optimiser sees. */
function lossCaption(contrastive: boolean, reduction: string, batchSize: number): string {
  if (contrastive) {
    return `Mean NT-Xent of fixed probe batches at the current τ. A τ change moves this loss with no learning (its scale changes); the dotted green curve, at a fixed τ = ${REFERENCE_TEMPERATURE}, is comparable across τ changes.`;
  }
  const mean = 'Mean loss per sample over each split, measured a few times per second (densely in the first 100 steps).';
  if (reduction === 'mean') return mean;
  return `${mean} The batch loss uses reduction '${reduction}': ${reduction === 'sum' ? 'the sum' : 'the per-sample losses, shown as their sum'} over ${batchSize} samples, about ${batchSize}× these curves, and so is its gradient.`;
}

/** A series with its own steps (run B's, a saved run's) over the current run's. */
function overlayLine(curve: OverlayCurve) {
  return (
    <Line
      key={curve.key}
      name={curve.name}
      data={curve.points}
      dataKey="value"
      stroke={curve.colour}
      strokeDasharray={curve.dash}
      dot={false}
      isAnimationActive={false}
      strokeWidth={2}
    />
  );
}

const TRAIN = '#0072B2';
const VALIDATION = '#D55E00';
// Axis titles, so that the charts (and their PNG export) say what they plot.
const STEP_LABEL = { value: 'step', position: 'insideBottom', offset: 4, fontSize: 12 } as const;
const MARGIN = { top: 8, right: 16, bottom: 8, left: 0 };
const Y_AXIS_WIDTH = 68;
const Y_LABEL = { angle: -90, position: 'insideLeft', offset: 10, fontSize: 12, style: { textAnchor: 'middle' } } as const;

export function LossCurves() {
  const history = useTrainingStore((s) => s.history);
  const markers = useTrainingStore((s) => s.markers);
  const contrastive = useTrainingStore((s) => s.experiment.loss.mode === 'nt-xent');
  const compare = useTrainingStore((s) => s.compare);
  const savedRuns = useTrainingStore((s) => s.savedRuns);
  const overlaid = useTrainingStore((s) => s.overlaid);
  const reduction = useTrainingStore((s) => (s.experiment.loss.mode === 'cross-entropy' ? s.experiment.loss.reduction : 'mean'));
  const batchSize = useTrainingStore((s) => s.experiment.training.batchSize);
  const [logScale, setLogScale] = useState(false);
  const [chartBox, chartWidth] = useWidth<HTMLDivElement>();
  const stepRange: [number, number] = [history[0]?.step ?? 0, history.at(-1)?.step ?? 0];
  const [plain, setPlain] = useState(false);
  // A log axis needs positive values: a loss of exactly 0 is drawn at the axis floor.
  const floor = (x: number) => (logScale ? Math.max(x, 1e-6) : x);
  const saved = overlaid.flatMap((id) => savedRuns.filter((run) => run.id === id));
  const data = history.map((p) => ({
    ...p,
    trainLossWeighted: floor(p.trainLossWeighted),
    validationLossWeighted: floor(p.validationLossWeighted),
    trainLoss: floor(p.trainLoss),
    validationLoss: floor(p.validationLoss),
    referenceLoss: Number.isFinite(p.referenceLoss) ? floor(p.referenceLoss) : undefined,
  }));
  return (
    <section className="panel view" aria-labelledby="curves-heading">
      <h2 id="curves-heading">Loss curves</h2>
      <div className="chart-options">
        <CheckboxField label="Logarithmic y-axis" checked={logScale} onChange={setLogScale} />
        {!contrastive && (
          <CheckboxField label="Also plot plain cross-entropy (no weights, no smoothing)" checked={plain} onChange={setPlain} />
        )}
      </div>
      <figure className="chart" data-chart="loss" data-chart-title={contrastive ? 'NT-Xent loss' : 'Loss'}>
        {/* A picture with its numbers in words: the ticks and legend are not read out one by one. */}
        <div
          ref={chartBox}
          role="img"
          aria-label={lossSummary(history, 'trainLossWeighted', 'validationLossWeighted', contrastive ? 'NT-Xent' : 'loss')}
        >
          <ResponsiveContainer width="100%" height={210}>
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
              <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} label={STEP_LABEL} height={40} />
              <YAxis
                label={{ ...Y_LABEL, value: 'loss per sample' }}
                scale={logScale ? 'log' : 'linear'}
                domain={['auto', 'auto']}
                allowDataOverflow
                width={68}
                tickFormatter={(v: number) => v.toPrecision(2)}
              />
              <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(step) => `step ${step}`} />
              <Legend />
              {markerLines(markers, Math.max(0, chartWidth - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right), stepRange)}
              <Line
                name={contrastive ? 'train NT-Xent' : 'train (objective)'}
                dataKey="trainLossWeighted"
                stroke={TRAIN}
                dot={false}
                isAnimationActive={false}
                strokeWidth={2}
              />
              <Line
                name={contrastive ? 'validation NT-Xent' : 'validation (objective)'}
                dataKey="validationLossWeighted"
                stroke={VALIDATION}
                strokeDasharray="6 3"
                dot={false}
                isAnimationActive={false}
                strokeWidth={2}
              />
              {contrastive && (
                <Line
                  name={`train NT-Xent at fixed τ = ${REFERENCE_TEMPERATURE}`}
                  dataKey="referenceLoss"
                  stroke="#009E73"
                  strokeDasharray="2 2"
                  dot={false}
                  isAnimationActive={false}
                  strokeWidth={2}
                />
              )}
              {lossOverlays(compare, saved, floor).map(overlayLine)}
              {plain && !contrastive && (
                <Line name="train (plain)" dataKey="trainLoss" stroke={TRAIN} strokeDasharray="1 3" dot={false} isAnimationActive={false} />
              )}
              {plain && !contrastive && (
                <Line
                  name="validation (plain)"
                  dataKey="validationLoss"
                  stroke={VALIDATION}
                  strokeDasharray="1 3"
                  dot={false}
                  isAnimationActive={false}
                />
              )}
            </LineChart>
          </ResponsiveContainer>
        </div>
        <figcaption>
          {lossCaption(contrastive, reduction, batchSize)} Dashed purple lines mark live changes.
          {saved.length > 0 && ' Each overlaid saved run is drawn as its validation loss, under its name.'}
        </figcaption>
        <MarkerList markers={markers} />
      </figure>
      {!contrastive && (
        <figure className="chart" data-chart="accuracy" data-chart-title="Accuracy">
          <div role="img" aria-label={accuracySummary(history, 'trainAccuracy', 'validationAccuracy')}>
            <ResponsiveContainer width="100%" height={140}>
              <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" opacity={0.4} />
                <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} label={STEP_LABEL} height={40} />
                <YAxis
                  label={{ ...Y_LABEL, value: 'accuracy' }}
                  domain={[0, 1]}
                  width={68}
                  tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
                />
                <Tooltip
                  formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))}
                  labelFormatter={(step) => `step ${step}`}
                />
                <Legend />
                <Line name="train accuracy" dataKey="trainAccuracy" stroke={TRAIN} dot={false} isAnimationActive={false} strokeWidth={2} />
                <Line
                  name="validation accuracy"
                  dataKey="validationAccuracy"
                  stroke={VALIDATION}
                  strokeDasharray="6 3"
                  dot={false}
                  isAnimationActive={false}
                  strokeWidth={2}
                />
                {accuracyOverlays(compare, saved).map(overlayLine)}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <figcaption>Accuracy on each split.</figcaption>
        </figure>
      )}
    </section>
  );
}
