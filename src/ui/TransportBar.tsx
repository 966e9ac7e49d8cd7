// Play/Pause, Step, Reset, speed, and the share link.

import { useId, useState } from 'react';
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
      <ShareLink />
      <p className="shortcut-hint field-hint">Space play/pause · S step · R reset</p>
    </div>
  );
}

function ShareLink() {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const copy = async () => {
    const link = useTrainingStore.getState().shareUrl();
    setUrl(link);
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied to the clipboard.');
    } catch {
      setCopied('The clipboard is not available here: copy the link from the box.');
    }
  };
  return (
    <div className="share">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      {url && (
        <div className="field">
          <label htmlFor={id}>Share link</label>
          <input id={id} type="text" readOnly value={url} onFocus={(event) => event.target.select()} />
        </div>
      )}
      <span role="status" className="field-hint">
        {copied}
      </span>
    </div>
  );
}
