// What a live change's marker on the curves says. A τ change in NT-Xent gets its values and a
// warning: the loss at the current τ moves at the marker with no learning, as its scale changed.
import type { Experiment } from '../experiment/schema';

export function markerLabel(current: Experiment, next: Experiment, changed: readonly string[]): string {
  const [a, b] = [current.loss, next.loss];
  return changed
    .map((c) => {
      if (c === 'temperature' && a.mode === 'nt-xent' && b.mode === 'nt-xent') {
        return `τ ${a.temperature} → ${b.temperature} (loss rescaled, not learning)`;
      }
      if (c === 'reduction' && a.mode === 'cross-entropy' && b.mode === 'cross-entropy') return `reduction ${a.reduction} → ${b.reduction}`;
      return c;
    })
    .join(', ');
}
