// The curves' markers for live changes. A burst of changes to one field (a slider's arrow presses,
// a value retyped) is one change to a reader of the curves: it becomes one marker, at the step
// where the burst began, labelled with the value it ended on.
import type { Marker } from './runState';

/** Changes of one field closer than this to the previous one merge into its marker. */
export const MERGE_MARKERS_MS = 1000;
const MAX_MARKERS = 50;

/** The field a label names: the label without its trailing number ("learning rate 0.05" → "learning rate"). */
export function markerField(label: string): string {
  return label.replace(/\s*=?\s*[-+]?\d[\d.eE+-]*$/, '');
}

export interface LastMarker {
  field: string;
  at: number;
}

/** The markers with `marker` added, or merged into the last one when it continues its burst. */
export function addMarker(
  markers: readonly Marker[],
  marker: Marker,
  now: number,
  last: LastMarker | null,
): { markers: Marker[]; last: LastMarker } {
  const field = markerField(marker.label);
  const previous = markers.at(-1);
  if (previous && last && last.field === field && now - last.at < MERGE_MARKERS_MS) {
    return { markers: [...markers.slice(0, -1), { step: previous.step, label: marker.label }], last: { field, at: now } };
  }
  return { markers: [...markers, marker].slice(-MAX_MARKERS), last: { field, at: now } };
}
