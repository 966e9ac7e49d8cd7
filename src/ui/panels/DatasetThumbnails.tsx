// The dataset picker's thumbnails: a small canvas preview of each generated shape, and a tile for
// each built-in; pressing one picks that dataset (the "Dataset" select beside it does the same).
import { useEffect, useRef } from 'react';
import type { Experiment } from '../../engine/experiment/schema';
import { datasetPreview } from '../../store/datasetPreviews';
import { classColor } from '../palette';

type Source = Experiment['data']['source'];
type Generated = 'spirals' | 'blobs' | 'circles' | 'xor' | 'moons';

const THUMBS: { value: Source; label: string; tile?: string }[] = [
  { value: 'spirals', label: 'Spirals' },
  { value: 'blobs', label: 'Blobs' },
  { value: 'circles', label: 'Circles' },
  { value: 'xor', label: 'XOR' },
  { value: 'moons', label: 'Moons' },
  { value: 'digits', label: 'Digits', tile: '8×8' },
  { value: 'iris', label: 'Iris', tile: '4-D' },
];
const SIZE = 48;

export function DatasetThumbnails({ current, onPick }: { current: Source; onPick(source: Source): void }) {
  return (
    <fieldset className="dataset-thumbs">
      <legend className="visually-hidden">Data previews</legend>
      {THUMBS.map((thumb) => (
        <button key={thumb.value} type="button" aria-pressed={thumb.value === current} onClick={() => onPick(thumb.value)}>
          {thumb.tile ? (
            <span className="thumb-tile" aria-hidden="true">
              {thumb.tile}
            </span>
          ) : (
            <Preview name={thumb.value as Generated} />
          )}
          <span className="thumb-label">{thumb.label}</span>
        </button>
      ))}
    </fieldset>
  );
}

function Preview({ name }: { name: Generated }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return; // no 2-D canvas (a test DOM): the label still names the dataset
    const { points, labels } = datasetPreview(name);
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < labels.length; i++) {
      [x0, x1] = [Math.min(x0, points[2 * i]), Math.max(x1, points[2 * i])];
      [y0, y1] = [Math.min(y0, points[2 * i + 1]), Math.max(y1, points[2 * i + 1])];
    }
    g.clearRect(0, 0, SIZE, SIZE);
    for (let i = 0; i < labels.length; i++) {
      g.fillStyle = classColor(labels[i]);
      const x = 2 + ((points[2 * i] - x0) / (x1 - x0)) * (SIZE - 4);
      const y = SIZE - 2 - ((points[2 * i + 1] - y0) / (y1 - y0)) * (SIZE - 4);
      g.fillRect(x - 1, y - 1, 2, 2);
    }
  }, [name]);
  return <canvas ref={canvas} width={SIZE} height={SIZE} />;
}
