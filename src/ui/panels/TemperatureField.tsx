// NT-Xent's temperature τ: a number and a log-scale slider over 0.01–2. In cross-entropy mode it is
// kept for when the loss switches to NT-Xent.

import { useId } from 'react';
import { RANGES } from '../../engine/experiment/ranges';
import { useTrainingStore } from '../../store/trainingStore';
import { NumberField } from '../controls/NumberField';

/** The slider covers the useful τ (up to 2) on a log scale; the field takes the whole range. */
const SLIDER_MAX = 2;
const [LOG_MIN, LOG_MAX] = [Math.log10(RANGES.temperature.min), Math.log10(SLIDER_MAX)];

export function TemperatureField() {
  const sliderId = useId();
  const loss = useTrainingStore((s) => s.experiment.loss);
  const saved = useTrainingStore((s) => s.temperature);
  const setTemperature = useTrainingStore((s) => s.setTemperature);
  const contrastive = loss.mode === 'nt-xent';
  const value = contrastive ? loss.temperature : saved;
  return (
    <div className="temperature">
      <NumberField
        label="Temperature"
        term="τ"
        {...RANGES.temperature}
        value={value}
        step={0.01}
        hint={
          contrastive
            ? 'τ divides the cosine similarities before the softmax.'
            : 'τ of the NT-Xent loss; it applies once the loss is NT-Xent contrastive.'
        }
        onCommit={setTemperature}
      />
      <div className="field">
        <label htmlFor={sliderId}>
          τ on a log scale ({RANGES.temperature.min} to {SLIDER_MAX})
        </label>
        <input
          id={sliderId}
          type="range"
          min={LOG_MIN}
          max={LOG_MAX}
          step={0.01}
          value={Math.log10(Math.min(SLIDER_MAX, Math.max(RANGES.temperature.min, value)))}
          aria-valuetext={`τ = ${value}`}
          onChange={(event) => setTemperature(Number((10 ** Number(event.target.value)).toPrecision(2)))}
        />
      </div>
    </div>
  );
}
