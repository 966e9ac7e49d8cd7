// The lessons over time, for cross-entropy runs: each class's validation recall (a rare class the
// model ignores shows here, not in the accuracy), calibration error on each split with a reliability
// diagram of the latest measurement, and how far the winning logit stands above the rest.

import { useTrainingStore } from '../../store/trainingStore';
import { classColor } from '../palette';
import { Term } from '../Term';
import { ReliabilityDiagram } from './ReliabilityDiagram';
import { SmallLineChart } from './SmallLineChart';

const TRAIN = '#0072B2';
const VALIDATION = '#D55E00';
const percent = (v: number) => `${Math.round(v * 100)}%`;

export function LessonCurves() {
  const history = useTrainingStore((s) => s.history);
  const markers = useTrainingStore((s) => s.markers);
  const snapshot = useTrainingStore((s) => s.snapshot);
  const names = useTrainingStore((s) => s.data?.train.classNames);
  if (snapshot?.mode !== 'cross-entropy') return null;
  const classes = snapshot.validation.recall.length;
  const data = history.map((p) => {
    const row: Record<string, number | undefined> = {
      step: p.step,
      trainEce: p.trainEce,
      validationEce: p.validationEce,
      meanLogitGap: p.meanLogitGap,
      maxLogitGap: p.maxLogitGap,
    };
    // A class absent from validation has no recall (NaN): left as a gap, not drawn as 0.
    for (let k = 0; k < classes; k++) row[`recall${k}`] = Number.isFinite(p.validationRecall[k]) ? p.validationRecall[k] : undefined;
    return row;
  });
  const recallSeries = Array.from({ length: classes }, (_, k) => ({
    key: `recall${k}`,
    name: `recall of ${names?.[k] ?? `class ${k}`}`,
    color: classColor(k),
  }));
  return (
    <section className="panel view" aria-labelledby="lessons-heading">
      <h2 id="lessons-heading">Recall, calibration and logits</h2>
      <SmallLineChart
        id="recall"
        title="Validation recall per class"
        yLabel="recall"
        data={data}
        series={recallSeries}
        markers={markers}
        domain={[0, 1]}
        format={percent}
        caption="The share of each class's validation samples predicted as that class. A rare class the model ignores sits low here while the accuracy looks fine."
      />
      <p className="term-line">
        <Term term="ECE">ECE</Term>
      </p>
      <SmallLineChart
        id="ece"
        title="Calibration error (ECE)"
        yLabel="ECE"
        data={data}
        series={[
          { key: 'trainEce', name: 'train ECE', color: TRAIN },
          { key: 'validationEce', name: 'validation ECE', color: VALIDATION, dash: '6 3' },
        ]}
        markers={markers}
        domain={[0, 'auto']}
        format={percent}
        caption="Expected calibration error over 15 confidence bins: how far the confidence of the predicted class is from how often it is right. 0 is perfectly calibrated."
      />
      <ReliabilityDiagram bins={snapshot.validation.reliability} step={snapshot.step} />
      <SmallLineChart
        id="logits"
        title="Logit gap (top logit − row mean)"
        yLabel="logit gap"
        data={data}
        series={[
          { key: 'meanLogitGap', name: 'mean over validation', color: VALIDATION },
          { key: 'maxLogitGap', name: 'largest', color: '#555555', dash: '6 3' },
        ]}
        markers={markers}
        domain={[0, 'auto']}
        format={(v) => v.toPrecision(2)}
        caption="How far the winning logit stands above the others on validation samples: it keeps growing as plain cross-entropy pushes confidence toward 1, and levels off with label smoothing."
      />
    </section>
  );
}
