// The transport's keyboard shortcuts (Space, S, R), mounted once for the whole page. Each does what
// its button does, and only when its button is enabled.
import { useEffect } from 'react';
import { useTrainingStore } from '../store/trainingStore';
import { shortcutAction } from './shortcutKey';

/** The hint shown beside the transport and given to the buttons' aria-keyshortcuts. */
export const SHORTCUT_KEYS = { toggle: 'Space', step: 'S', reset: 'R' } as const;

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const element = document.activeElement as HTMLElement | null;
      const target =
        element && element !== document.body
          ? {
              tagName: element.tagName,
              type: element instanceof HTMLInputElement ? element.type : undefined,
              isContentEditable: element.isContentEditable,
              role: element.getAttribute('role'),
            }
          : null;
      const action = shortcutAction(event, target);
      if (!action) return;
      const store = useTrainingStore.getState();
      const ready = store.phase === 'ready' && store.divergence === null;
      if (action === 'toggle') {
        event.preventDefault(); // Space would otherwise scroll the page
        if (store.playing) store.pause();
        else if (ready) store.play();
      } else if (action === 'step') {
        if (ready) store.stepOnce();
      } else {
        store.reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
