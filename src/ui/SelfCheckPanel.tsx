import { SELF_CHECK_TOLERANCE } from '../engine/selfCheck';
import { useLabStore } from '../store/labStore';

const { atol, rtol } = SELF_CHECK_TOLERANCE;

export function SelfCheckPanel() {
  const selfCheck = useLabStore((s) => s.selfCheck);
  const run = useLabStore((s) => s.runSelfCheck);
  const ready = useLabStore((s) => s.engine?.backend === 'webgpu');
  let summary = ready ? 'Self-check not run yet' : 'Self-check waiting for the engine…';
  if (selfCheck.state === 'running') summary = 'Self-check running…';
  if (selfCheck.state === 'skipped') summary = `Self-check skipped: ${selfCheck.reason}.`;
  if (selfCheck.state === 'error') summary = `Self-check failed: ${selfCheck.message}`;
  if (selfCheck.state === 'done') {
    const failed = selfCheck.value.filter((r) => !r.passed).length;
    summary = failed === 0 ? 'Self-check passed' : `Self-check failed: ${failed} of ${selfCheck.value.length} kernels differ`;
  }
  return (
    <section className="panel" aria-labelledby="self-check-title">
      <h2 id="self-check-title">Kernel self-check</h2>
      <p>
        The same inputs run through the WGSL kernels on your GPU and through the float64 CPU reference; every output must agree within{' '}
        {atol} + {rtol}·|reference|, and every NaN or ±inf must match.
      </p>
      <button type="button" onClick={() => void run()} disabled={!ready || selfCheck.state === 'running'}>
        Run the kernel self-check
      </button>
      <div role="status" aria-label="Kernel self-check">
        <p className="summary">{summary}</p>
        {selfCheck.state === 'done' && (
          <ul>
            {selfCheck.value.map((r) => (
              <li key={r.name}>
                {r.passed ? '✓' : '✗'} {r.name}: largest difference {r.largestDifference.toExponential(1)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
