// The model as a small network diagram: input, each hidden layer with its width, and the output
// (logits, or the projection for NT-Xent). Hidden layers can be added, removed and resized here;
// each edit is a new architecture, so it restarts training like the "Hidden layers" field.
import { RANGES } from '../../engine/experiment/ranges';
import { useTrainingStore } from '../../store/trainingStore';
import { NumberField } from '../controls/NumberField';

/** Nodes drawn per layer at most; a wider layer shows its width as text. */
const MAX_NODES = 8;
const [W, H] = [260, 92];

export function NetworkDiagram() {
  const hidden = useTrainingStore((s) => s.experiment.model.hidden);
  const loss = useTrainingStore((s) => s.experiment.loss);
  const inputs = useTrainingStore((s) => s.data?.train.d ?? null);
  const classes = useTrainingStore((s) => s.data?.train.classes ?? null);
  const edit = useTrainingStore((s) => s.edit);
  const output = loss.mode === 'nt-xent' ? loss.projection : classes;
  const layers: { name: string; width: number | null }[] = [
    { name: 'in', width: inputs },
    ...hidden.map((width, i) => ({ name: `h${i + 1}`, width })),
    { name: loss.mode === 'nt-xent' ? 'proj' : 'out', width: output },
  ];
  const x = (i: number) => 18 + (i * (W - 36)) / Math.max(1, layers.length - 1);
  const ys = (width: number | null) => {
    const n = Math.min(width ?? 1, MAX_NODES);
    return Array.from({ length: n }, (_, j) => 10 + ((j + 0.5) * (H - 30)) / n);
  };
  const setHidden = (next: number[]) => edit((d) => (d.model.hidden = next));
  const shape = layers.map((l) => l.width ?? '?').join(' → ');
  return (
    <div className="network">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Network: ${shape}`}>
        {layers
          .slice(1)
          .map((layer, i) =>
            ys(layers[i].width).flatMap((y0) =>
              ys(layer.width).map((y1) => (
                <line key={`${x(i)}-${y0}-${y1}`} x1={x(i)} y1={y0} x2={x(i + 1)} y2={y1} stroke="#9ca3af" strokeWidth={0.5} />
              )),
            ),
          )}
        {layers.map((layer, i) => (
          <g key={layer.name}>
            {ys(layer.width).map((y) => (
              <circle key={y} cx={x(i)} cy={y} r={3.5} fill={i === 0 || i === layers.length - 1 ? '#6a3d9a' : '#0072B2'} />
            ))}
            <text x={x(i)} y={H - 4} textAnchor="middle" fontSize={10}>
              {layer.width ?? '?'}
            </text>
          </g>
        ))}
      </svg>
      <div className="layer-widths">
        {hidden.map((width, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a layer is its position in the list
          <div key={i} className="layer-width">
            <NumberField
              label={`Layer ${i + 1} width`}
              {...RANGES.hiddenWidth}
              value={width}
              step={1}
              onCommit={(v) => setHidden(hidden.map((w, j) => (j === i ? v : w)))}
            />
            <button type="button" onClick={() => setHidden(hidden.filter((_, j) => j !== i))} aria-label={`Remove hidden layer ${i + 1}`}>
              −
            </button>
          </div>
        ))}
        <button
          type="button"
          disabled={hidden.length >= RANGES.hiddenLayers.max}
          onClick={() => setHidden([...hidden, hidden.at(-1) ?? 16])}
        >
          Add hidden layer
        </button>
      </div>
    </div>
  );
}
