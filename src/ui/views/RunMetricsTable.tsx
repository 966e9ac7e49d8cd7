// Full final metrics of each overlaid saved run, side by side: the objective, plain cross-entropy,
// accuracy, per-class recall and the confusion matrix (small ones in full; above SMALL_MATRIX classes
// only the diagonal share, which a row can still hold).
import type { SavedRun, SavedRunMetrics } from '../../store/trainingTypes';

const SMALL_MATRIX = 10;
const fixed = (x: number, digits = 4) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const percent = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

function Confusion({ metrics, name }: { metrics: SavedRunMetrics; name: string }) {
  const C = metrics.classes;
  if (C === 0) return <>—</>;
  if (C > SMALL_MATRIX) {
    const correct = Array.from({ length: C }, (_, k) => metrics.confusion[k * C + k]).reduce((a, b) => a + b, 0);
    const total = metrics.confusion.reduce((a, b) => a + b, 0);
    return (
      <>
        {C}×{C}: {correct} of {total} on the diagonal
      </>
    );
  }
  return (
    <table className="mini-confusion" aria-label={`Confusion matrix of ${name}: rows true class, columns predicted`}>
      <tbody>
        {Array.from({ length: C }, (_, a) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are class indices, fixed for a run
          <tr key={a}>
            {Array.from({ length: C }, (_, p) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are class indices
              <td key={p} className={a === p ? 'diagonal' : undefined}>
                {metrics.confusion[a * C + p]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RunMetricsTable({ runs }: { runs: readonly SavedRun[] }) {
  if (runs.length === 0) return null;
  return (
    <div className="table-scroll">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways (tables are blocks here), and a keyboard must reach that scroll */}
      <table className="run-metrics" aria-label="Metrics of the overlaid runs" tabIndex={0}>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Step</th>
            <th scope="col">Validation objective</th>
            <th scope="col">Plain cross-entropy</th>
            <th scope="col">Accuracy</th>
            <th scope="col">Recall per class</th>
            <th scope="col">Confusion matrix</th>
          </tr>
        </thead>
        <tbody>
          {runs.map(({ id, name, metrics }) => (
            <tr key={id}>
              <th scope="row">{name}</th>
              {metrics ? (
                <>
                  <td>{metrics.step}</td>
                  <td>{fixed(metrics.validationLoss)}</td>
                  <td>{fixed(metrics.plainCrossEntropy)}</td>
                  <td>{percent(metrics.accuracy)}</td>
                  <td>{metrics.recall.length > 0 ? metrics.recall.map((r, k) => `${k}: ${percent(r)}`).join(', ') : '—'}</td>
                  <td>
                    <Confusion metrics={metrics} name={name} />
                  </td>
                </>
              ) : (
                <td colSpan={6}>saved before its first measurement: no metrics</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
