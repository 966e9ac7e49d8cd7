// Validation confusion matrix with per-class recall, precision and F1. Each cell is a button that
// highlights its samples (and lists them for data without a 2-D view). Above TABLE_CLASSES classes
// the matrix is summarised instead (a heatmap and the largest confusions): C² buttons would not fit.
import { useTrainingStore } from '../../store/trainingStore';
import { classColor } from '../palette';
import { ConfusionHeatmap } from './ConfusionHeatmap';
import { largestCount } from './confusionSummary';

/** The most classes shown as a table of buttons (400 cells). */
export const TABLE_CLASSES = 20;

export function ConfusionMatrix() {
  const snapshot = useTrainingStore((s) => s.snapshot);
  const data = useTrainingStore((s) => s.data);
  const highlight = useTrainingStore((s) => s.highlight);
  const setHighlight = useTrainingStore((s) => s.setHighlight);
  const select = useTrainingStore((s) => s.select);
  if (snapshot?.mode !== 'cross-entropy' || !data) return null;
  const { validation } = snapshot;
  if (data.validation.n === 0) {
    return (
      <section className="panel view" aria-labelledby="confusion-heading">
        <h2 id="confusion-heading">Confusion matrix (validation)</h2>
        <p>No validation split: set a validation share above 0 in the Data panel to see the matrix.</p>
      </section>
    );
  }
  const names = data.train.classNames;
  const C = names.length;
  // Only the table needs these: at 1,000 classes each is a pass over 10⁶ counts.
  const table = C <= TABLE_CLASSES;
  const rowTotals = table ? names.map((_, a) => validation.confusion.slice(a * C, (a + 1) * C).reduce((x, y) => x + y, 0)) : [];
  // A loop, not Math.max(1, ...confusion): 1,000 classes would spread 10⁶ arguments.
  const max = table ? largestCount(validation.confusion) : 1;
  const members =
    highlight === null
      ? []
      : Array.from(data.validation.labels.keys()).filter(
          (i) => data.validation.labels[i] === highlight.actual && snapshot.validationPredicted[i] === highlight.predicted,
        );
  return (
    <section className="panel view" aria-labelledby="confusion-heading">
      <h2 id="confusion-heading">Confusion matrix (validation)</h2>
      {!table ? (
        <ConfusionHeatmap confusion={validation.confusion} names={names} highlight={highlight} onPick={setHighlight} />
      ) : (
        <table className="confusion">
          <thead>
            <tr>
              <th scope="col">true ↓ / predicted →</th>
              {names.map((name, k) => (
                <th key={name} scope="col">
                  <span className="swatch" style={{ background: classColor(k) }} aria-hidden="true" /> {name}
                </th>
              ))}
              <th scope="col">recall</th>
              <th scope="col">precision</th>
              <th scope="col">F1</th>
            </tr>
          </thead>
          <tbody>
            {names.map((actualName, a) => (
              <tr key={actualName}>
                <th scope="row">
                  <span className="swatch" style={{ background: classColor(a) }} aria-hidden="true" /> {actualName}
                </th>
                {names.map((predictedName, p) => {
                  const count = validation.confusion[a * C + p];
                  const on = highlight?.actual === a && highlight.predicted === p;
                  const shade = count / max;
                  return (
                    <td key={predictedName} className={a === p ? 'diagonal' : undefined}>
                      <button
                        type="button"
                        className="cell"
                        aria-pressed={on}
                        style={{ background: `rgba(106, 61, 154, ${0.05 + 0.4 * shade})`, color: '#111827' }}
                        title={`${count} validation samples of class ${actualName} predicted as ${predictedName}`}
                        onClick={() => setHighlight(on ? null : { actual: a, predicted: p })}
                      >
                        {count}
                        <span className="visually-hidden">
                          {' '}
                          samples of class {actualName} predicted as {predictedName}
                        </span>
                      </button>
                    </td>
                  );
                })}
                <td>{rowTotals[a] === 0 ? '–' : `${(validation.recall[a] * 100).toFixed(0)}%`}</td>
                <td>{`${(validation.precision[a] * 100).toFixed(0)}%`}</td>
                <td>{validation.f1[a].toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="field-hint">
        Expected calibration error {(validation.ece * 100).toFixed(1)}% · plain validation cross-entropy {validation.loss.toFixed(4)}
      </p>
      {highlight && (
        <div className="members">
          <p>
            {members.length} validation sample{members.length === 1 ? '' : 's'} of class {names[highlight.actual]} predicted as{' '}
            {names[highlight.predicted]}
            {members.length > 0 ? ': pick one to inspect it.' : '.'}
          </p>
          <ul className="sample-list">
            {members.slice(0, 40).map((i) => (
              <li key={i}>
                <button type="button" onClick={() => select({ split: 'validation', index: i })}>
                  Sample {i}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
