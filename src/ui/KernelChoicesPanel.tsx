// The kernel variants this adapter has chosen so far (by timed trial), and a way to forget them.
import { useState } from 'react';
import { useLabStore } from '../store/labStore';

export function KernelChoicesPanel() {
  const engine = useLabStore((s) => s.engine);
  const [, refresh] = useState(0);
  if (engine?.backend !== 'webgpu') return null;
  const table = Object.entries(engine.kernelChoices());
  return (
    <section className="panel" aria-labelledby="choices-heading">
      <h2 id="choices-heading">Kernel variants on this adapter</h2>
      <p>
        Some kernels come in variants (one row per invocation, or one row per workgroup with a reduction in workgroup memory). The first
        call at a new shape times each and remembers the fastest for this adapter.
      </p>
      {table.length === 0 ? (
        <p className="field-hint">No choice made yet.</p>
      ) : (
        <ul>
          {table.map(([slot, variant]) => (
            <li key={slot}>
              {slot}: {variant}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        onClick={() => {
          engine.resetKernelChoices();
          refresh((n) => n + 1);
        }}
      >
        Forget the kernel choices
      </button>
    </section>
  );
}
