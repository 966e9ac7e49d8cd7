// "Undo" (also Ctrl/Cmd+Z outside text fields, where the browser's own text undo stays) and "Revert
// to preset". Both go through the store's edit path, so the change log and the curve markers follow.
import { useEffect, useState } from 'react';
import { useTrainingStore } from '../store/trainingStore';
import { Errors } from './controls/Errors';

/** Fields whose Ctrl+Z belongs to the text in them. */
function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'file'].includes(target.type);
}

export function UndoControls() {
  const canUndo = useTrainingStore((s) => s.undoStack.length > 0);
  const baseline = useTrainingStore((s) => s.baseline);
  const atBaseline = useTrainingStore((s) => s.baseline?.experiment === s.experiment);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      if (editsText(event.target)) return;
      event.preventDefault();
      const store = useTrainingStore.getState();
      if (store.undoStack.length > 0) setProblems(store.undo());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="undo-controls">
      <button
        type="button"
        disabled={!canUndo}
        aria-keyshortcuts="Control+Z Meta+Z"
        title="Undo the last setting change (Ctrl+Z)"
        onClick={() => setProblems(useTrainingStore.getState().undo())}
      >
        Undo
      </button>
      <button
        type="button"
        disabled={!baseline || atBaseline}
        title={baseline ? `Back to the settings of ${baseline.title}` : undefined}
        onClick={() => setProblems(useTrainingStore.getState().revertToPreset())}
      >
        Revert to preset
      </button>
      <Errors problems={problems} />
    </div>
  );
}
