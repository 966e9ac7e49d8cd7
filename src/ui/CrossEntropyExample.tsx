import { EXAMPLE_CLASSES, EXAMPLE_LABEL_SMOOTHING } from '../engine/example';
import { useLabStore } from '../store/labStore';

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

export function CrossEntropyExample() {
  const example = useLabStore((s) => s.example);
  const newExample = useLabStore((s) => s.newExample);
  const engineReady = useLabStore((s) => s.engine !== null);
  const value = example.value;
  return (
    <section className="panel" aria-labelledby="example-title">
      <h2 id="example-title">A cross-entropy you can read</h2>
      <p>
        Four samples, four classes, label smoothing ε = {EXAMPLE_LABEL_SMOOTHING}. Each row's loss is (1−ε)·(−log p<sub>target</sub>) +
        (ε/C)·Σ<sub>c</sub>(−log p<sub>c</sub>), and the gradient on the target logit is p<sub>target</sub> − (1−ε) − ε/C: computed by the
        engine, exactly as PyTorch's <code>F.cross_entropy</code>.
      </p>
      {value && (
        <table aria-label="Cross-entropy example">
          <thead>
            <tr>
              <th scope="col">Sample</th>
              {EXAMPLE_CLASSES.map((name) => (
                <th scope="col" key={name}>
                  logit {name}
                </th>
              ))}
              <th scope="col">Target</th>
              <th scope="col">p(target)</th>
              <th scope="col">Loss</th>
              <th scope="col">∂loss/∂logit(target)</th>
            </tr>
          </thead>
          <tbody>
            {value.rows.map((row) => (
              <tr key={row.sample}>
                <th scope="row">{row.sample}</th>
                {row.logits.map((x, j) => (
                  <td key={EXAMPLE_CLASSES[j]} className={j === row.target ? 'target' : undefined}>
                    {fmt(x, 2)}
                  </td>
                ))}
                <td>{EXAMPLE_CLASSES[row.target]}</td>
                <td>{fmt(row.probability)}</td>
                <td>{fmt(row.loss, 4)}</td>
                <td>{fmt(row.gradTarget, 4)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={EXAMPLE_CLASSES.length + 3}>
                Mean loss (reduction 'mean')
              </th>
              <td colSpan={2}>{fmt(value.meanLoss, 4)}</td>
            </tr>
          </tfoot>
        </table>
      )}
      {example.error && <p role="alert">The example failed: {example.error}</p>}
      <button type="button" onClick={() => void newExample()} disabled={!engineReady || example.busy}>
        New example
      </button>
    </section>
  );
}
