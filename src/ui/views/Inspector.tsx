// One sample under the loss: its logits, softmax, the target after smoothing, its weight, its loss
// and ∂loss/∂logits, with the formula filled in. It follows the model as training goes on.
import { useEffect, useState } from 'react';
import { imageSide } from '../../engine/data/imageDataset';
import { useTrainingStore } from '../../store/trainingStore';
import type { SampleBreakdown } from '../../store/trainingTypes';
import { classColor } from '../palette';
import { DigitImage } from './DigitImage';

const f = (x: number) => (Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(3));

export function Inspector() {
  const selected = useTrainingStore((s) => s.selected);
  const data = useTrainingStore((s) => s.data);
  const inspect = useTrainingStore((s) => s.inspect);
  const snapshotStep = useTrainingStore((s) => s.snapshot?.step);
  const loss = useTrainingStore((s) => s.experiment.loss);
  const [breakdown, setBreakdown] = useState<SampleBreakdown | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: snapshotStep re-inspects the sample as the model trains
  useEffect(() => {
    if (!selected || !data || loss.mode !== 'cross-entropy') {
      setBreakdown(null);
      return;
    }
    let live = true;
    void inspect(selected).then((value) => {
      if (live) setBreakdown(value);
    });
    return () => {
      live = false;
    };
  }, [selected, data, snapshotStep, loss, inspect]);

  if (!selected || !data) {
    return (
      <section className="panel view" aria-labelledby="inspector-heading">
        <h2 id="inspector-heading">Sample inspector</h2>
        <p className="field-hint">Click a point in the decision boundary, or a sample listed under a confusion-matrix cell.</p>
      </section>
    );
  }
  const set = data[selected.split];
  const names = set.classNames;
  const trueClass = set.labels[selected.index];
  const side = imageSide(set.d);
  const epsilon = breakdown?.labelSmoothing ?? 0;
  return (
    <section className="panel view" aria-labelledby="inspector-heading">
      <h2 id="inspector-heading">
        Sample inspector: {selected.split} sample {selected.index}, class {names[trueClass]}
      </h2>
      {side !== null && <DigitImage pixels={set.features.slice(selected.index * set.d, (selected.index + 1) * set.d)} side={side} />}
      {breakdown && (
        <>
          <table className="inspector">
            <thead>
              <tr>
                <th scope="col">class</th>
                <th scope="col">logit z</th>
                <th scope="col">softmax p</th>
                <th scope="col">target q</th>
                <th scope="col">∂ℓ/∂z</th>
              </tr>
            </thead>
            <tbody>
              {names.map((name, k) => (
                <tr key={name} className={k === trueClass ? 'true-class' : undefined}>
                  <th scope="row">
                    <span className="swatch" style={{ background: classColor(k) }} aria-hidden="true" /> {name}
                    {k === trueClass ? ' (true)' : ''}
                  </th>
                  <td>{f(breakdown.logits[k])}</td>
                  <td>{f(breakdown.probabilities[k])}</td>
                  <td>{f(breakdown.target[k])}</td>
                  <td>{f(breakdown.gradient[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="formula">
            {breakdown.ignored
              ? 'This training label is hidden (ignore_index): the row adds nothing to the loss or the gradient.'
              : breakdown.weight === null
                ? `ℓ = −Σc w[c]·q[c]·log p[c] = ${f(breakdown.loss)} (probability target, ε = ${epsilon})`
                : `ℓ = −(1 − ${epsilon})·${f(breakdown.weight)}·log ${f(breakdown.probabilities[trueClass])} − (${epsilon}/${names.length})·Σc w[c]·log p[c] = ${f(breakdown.loss)}`}
          </p>
          <p className="field-hint">
            The gradient is p·Σk w[k]q[k] − w⊙q: it pushes the true class's logit up and the others down, in proportion to their
            probability.
          </p>
        </>
      )}
    </section>
  );
}
