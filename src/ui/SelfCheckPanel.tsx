import { useLabStore } from '../store/labStore';

export function SelfCheckPanel() {
  const selfCheck = useLabStore((s) => s.selfCheck);
  const backend = useLabStore((s) => s.engine?.backend);
  let summary = 'Self-check waiting for the engine…';
  if (selfCheck.state === 'running') summary = 'Self-check running…';
  if (selfCheck.state === 'error') summary = `Self-check failed: ${selfCheck.message}`;
  if (selfCheck.state === 'done') {
    const failed = selfCheck.value.filter((r) => !r.passed).length;
    summary = failed === 0 ? 'Self-check passed' : `Self-check failed: ${failed} of ${selfCheck.value.length} kernels differ`;
  }
  return (
    <section className="panel" aria-labelledby="self-check-title">
      <h2 id="self-check-title">Kernel self-check</h2>
      <p>
        The same inputs run through the {backend === 'webgpu' ? 'WGSL kernels on your GPU' : 'active backend'} and through the float64 CPU
        reference; every output must agree within 1e-4.
      </p>
      <div role="status" aria-label="Kernel self-check">
        <p className="summary">{summary}</p>
        {selfCheck.state === 'done' && (
          <ul>
            {selfCheck.value.map((r) => (
              <li key={r.name}>
                {r.passed ? '✓' : '✗'} {r.name}: worst error {r.worstError.toExponential(1)} (tolerance {r.tolerance.toExponential(0)})
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
