// The presets, each with the paragraph that says what to look for.
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
        <p className="preset-explanation">
          <strong>{active.title}.</strong> {active.explanation}
        </p>
      )}
    </section>
  );
}
