// The validation digits as thumbnails (8×8 digits, 28×28 MNIST), the misclassified first (or the samples of the
// highlighted confusion-matrix cell): click one to inspect it.

import { imageSide } from '../../engine/data/imageDataset';
import { useTrainingStore } from '../../store/trainingStore';
import { DigitImage } from './DigitImage';

const SHOWN = 48;

export function DigitGallery() {
  const data = useTrainingStore((s) => s.data);
  const snapshot = useTrainingStore((s) => s.snapshot);
  const highlight = useTrainingStore((s) => s.highlight);
  const selected = useTrainingStore((s) => s.selected);
  const select = useTrainingStore((s) => s.select);
  const side = data ? imageSide(data.validation.d) : null;
  if (!data || snapshot?.mode !== 'cross-entropy' || side === null) return null;
  const { validation } = data;
  const d = side * side;
  const predicted = snapshot.validationPredicted;
  const all = Array.from(validation.labels.keys());
  const order = highlight
    ? all.filter((i) => validation.labels[i] === highlight.actual && predicted[i] === highlight.predicted)
    : [...all.filter((i) => predicted[i] !== validation.labels[i]), ...all.filter((i) => predicted[i] === validation.labels[i])];
  const names = validation.classNames;
  return (
    <section className="panel view" aria-labelledby="gallery-heading">
      <h2 id="gallery-heading">Validation digits</h2>
      <p className="field-hint">
        {highlight
          ? `The samples of class ${names[highlight.actual]} predicted as ${names[highlight.predicted]}.`
          : 'Misclassified first (marked with a red frame).'}{' '}
        Click a digit to inspect it.
      </p>
      <ul className="gallery">
        {order.slice(0, SHOWN).map((i) => {
          const wrong = predicted[i] !== validation.labels[i];
          const label = `Digit sample ${i}: class ${names[validation.labels[i]]}, predicted ${names[predicted[i]]}`;
          return (
            <li key={i}>
              <button
                type="button"
                className={`thumbnail${wrong ? ' wrong' : ''}`}
                aria-label={label}
                aria-pressed={selected?.split === 'validation' && selected.index === i}
                title={label}
                onClick={() => select({ split: 'validation', index: i })}
              >
                <DigitImage pixels={validation.features.slice(i * d, (i + 1) * d)} side={side} size={40} />
                <span className="thumbnail-caption">
                  {names[validation.labels[i]]}→{names[predicted[i]]}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
