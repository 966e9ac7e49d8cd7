// The kernel variants this adapter has chosen so far (by timed trial), and a way to forget them.
// The matmul tile variants follow a rule for the adapter and shape instead (README, "Kernels chosen per adapter").
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
        Some kernels come in variants. Log-softmax and cross-entropy give a row to one invocation or to a workgroup (a reduction in
        workgroup memory); log-softmax can also give it to a subgroup (shuffles, where the adapter has subgroups). Their first call at a new
        shape, if it is large enough to time (32,768 entries or more), times each and remembers the fastest for this adapter; smaller calls
        follow a rule for the adapter. The matmuls of the dense layers and of NT-Xent come in small and large register tiles, which give the
        same results; the large ones serve where loads dominate: the dense layers on CPU adapters (once they have compiled) and NT-Xent from
        512 rows.
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
