import { EXAMPLE_CLASSES } from '../engine/example';
import { useLabStore } from '../store/labStore';

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

function LabelSmoothingControl() {
  const value = useLabStore((s) => s.labelSmoothing);
  const setLabelSmoothing = useLabStore((s) => s.setLabelSmoothing);
  const onChange = (event: React.ChangeEvent<HTMLInputElement>) => void setLabelSmoothing(event.target.valueAsNumber);
  return (
    <div className="control">
      <label htmlFor="example-epsilon">Example ε (slider)</label>
      <input id="example-epsilon" type="range" min={0} max={1} step={0.01} value={Number.isNaN(value) ? 0 : value} onChange={onChange} />
      <input
        aria-label="Example ε"
        type="number"
        min={0}
        max={1}
        step={0.01}
        value={Number.isNaN(value) ? '' : value}
        onChange={onChange}
      />
    </div>
  );
}

export function CrossEntropyExample() {
  const example = useLabStore((s) => s.example);
  const newExample = useLabStore((s) => s.newExample);
  const engineReady = useLabStore((s) => s.engine !== null);
  const value = example.value;
  const eps = value?.labelSmoothing ?? 0;
  return (
    <section className="panel" aria-labelledby="example-title">
      <h2 id="example-title">A cross-entropy you can read</h2>
      <p>
        Four samples, four classes. With label smoothing ε, each row's loss is (1−ε)·(−log p<sub>target</sub>) + (ε/C)·Σ
        <sub>c</sub>(−log p<sub>c</sub>), and the gradient on the target logit is p<sub>target</sub> − (1−ε) − ε/C. The engine computes
        both, exactly as PyTorch's <code>F.cross_entropy</code>.
      </p>
      <LabelSmoothingControl />
      {value && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways, and a keyboard must reach that scroll
        <table aria-label="Cross-entropy example" tabIndex={0}>
          <caption>ε = {eps}</caption>
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
      {example.error && <p role="alert">{example.error}</p>}
      <button type="button" onClick={() => void newExample()} disabled={!engineReady || example.busy}>
        New example
      </button>
    </section>
  );
}
