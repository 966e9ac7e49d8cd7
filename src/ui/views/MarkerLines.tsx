// The loss chart's live-change markers: a dashed line at each change's step, its label where
// markerLayout put it (no two overlap), the full text in a tooltip on hover, and every change
// listed in full below the chart for keyboard and screen-reader users.
import { useEffect, useRef, useState } from 'react';
import { ReferenceLine } from 'recharts';
import type { Marker } from '../../store/trainingTypes';
import { layoutMarkerLabels } from './markerLayout';

const FONT_SIZE = 10;
/** An upper estimate of a character's width at 10 px in the page's sans-serif (digits and lowercase average ~5.5 px). */
const CHAR_WIDTH = 6;
const ROW_HEIGHT = 12;

/** The width in pixels of the element `ref` points to, kept current on resize. */
export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/**
 * The ReferenceLines (a function, not a component: recharts looks for its own elements among the
 * chart's children). `plotWidth` is the plot area's width, `steps` the x axis's [first, last].
 */
export function markerLines(markers: readonly Marker[], plotWidth: number, steps: [number, number]) {
  const [first, last] = steps;
  const xOf = (step: number) => (last > first ? ((step - first) / (last - first)) * plotWidth : 0);
  const boxes = layoutMarkerLabels(markers, { width: plotWidth, xOf, charWidth: CHAR_WIDTH, maxRows: 3, maxChars: 22, gap: 3 });
  return markers.map((m, i) => {
    const box = boxes[i];
    return (
      <ReferenceLine
        key={`${m.step}-${m.label}`}
        x={m.step}
        stroke="#6a3d9a"
        strokeDasharray="2 2"
        label={(props: { viewBox?: { x?: number; y?: number } }) => {
          const x = props.viewBox?.x ?? 0;
          const y = props.viewBox?.y ?? 0;
          if (box.text === null) return <title>{`step ${m.step}: ${m.label}`}</title>;
          return (
            <text x={x + (box.left - xOf(m.step))} y={y + FONT_SIZE + box.row * ROW_HEIGHT} fontSize={FONT_SIZE} fill="#4a2a6a">
              <title>{`step ${m.step}: ${m.label}`}</title>
              {box.text}
            </text>
          );
        }}
      />
    );
  });
}

/** Every change in full, for those who cannot hover a label. */
export function MarkerList({ markers }: { markers: readonly Marker[] }) {
  if (markers.length === 0) return null;
  return (
    <details className="marker-list">
      <summary>Live changes ({markers.length})</summary>
      <ol>
        {markers.map((m) => (
          <li key={`${m.step}-${m.label}`}>
            step {m.step.toLocaleString('en')}: {m.label}
          </li>
        ))}
      </ol>
    </details>
  );
}
