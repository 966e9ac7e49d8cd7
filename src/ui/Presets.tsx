// The presets, with the active one's two-sentence "what to watch" line; the longer explanation
// folds away under it.
import { PRESETS } from '../engine/experiment/presets';
import { useTrainingStore } from '../store/trainingStore';
import { UndoControls } from './UndoControls';

export function Presets() {
  const current = useTrainingStore((s) => s.experiment.preset);
  const loadPreset = useTrainingStore((s) => s.loadPreset);
  const active = PRESETS.find((p) => p.id === current);
  return (
    <section className="panel presets" aria-labelledby="presets-heading">
      <h2 id="presets-heading">Presets</h2>
      <div className="preset-buttons">
        {PRESETS.map((preset) => (
          <button key={preset.id} type="button" aria-pressed={preset.id === current} onClick={() => loadPreset(preset.id)}>
            {preset.title}
          </button>
        ))}
      </div>
      <UndoControls />
      {active && (
        <div className="preset-watch">
          <p>
            <strong>What to watch:</strong> {active.watch}
          </p>
          <details>
            <summary>More about “{active.title}”</summary>
            <p className="preset-explanation">{active.explanation}</p>
          </details>
        </div>
      )}
    </section>
  );
}
