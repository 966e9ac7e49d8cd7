// Play/Pause, Step, Reset and speed, with the keyboard shortcuts' hint.

import { RANGES } from '../engine/experiment/ranges';
import { useTrainingStore } from '../store/trainingStore';
import { NumberField } from './controls/NumberField';
import { SHORTCUT_KEYS } from './useShortcuts';

export function TransportBar() {
  const playing = useTrainingStore((s) => s.playing);
  const phase = useTrainingStore((s) => s.phase);
  const diverged = useTrainingStore((s) => s.divergence !== null);
  const stepsPerFrame = useTrainingStore((s) => s.stepsPerFrame);
  const { play, pause, stepOnce, reset, setStepsPerFrame } = useTrainingStore.getState();
  const ready = phase === 'ready' && !diverged;
  return (
    <div className="transport">
      {playing ? (
        <button type="button" className="primary" onClick={pause} aria-keyshortcuts={SHORTCUT_KEYS.toggle}>
          Pause
        </button>
      ) : (
        <button type="button" className="primary" onClick={play} disabled={!ready} aria-keyshortcuts={SHORTCUT_KEYS.toggle}>
          Play
        </button>
      )}
      <button type="button" onClick={stepOnce} disabled={!ready} aria-keyshortcuts={SHORTCUT_KEYS.step}>
        Step
      </button>
      <button type="button" onClick={reset} aria-keyshortcuts={SHORTCUT_KEYS.reset}>
        Reset
      </button>
      <NumberField
        label="Steps per frame"
        {...RANGES.stepsPerFrame}
        value={stepsPerFrame}
        step={1}
        onCommit={(v) => {
          setStepsPerFrame(v);
          return [];
        }}
      />
      <p className="shortcut-hint field-hint">Space play/pause · S step · R reset</p>
    </div>
  );
}
