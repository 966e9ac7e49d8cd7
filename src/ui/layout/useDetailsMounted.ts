// When the detail views below the first screen mount: after the run's first training step, when the
// user scrolls near them, or at the latest DETAILS_LATEST_MS after the page opened. Mounted at once,
// their charts' first render (Recharts measures every tick's text) ran before the first step and
// delayed it by about a second on an emulated GPU, for views nobody sees yet.
import { type RefObject, useEffect, useState } from 'react';
import { useTrainingStore } from '../../store/trainingStore';

/** However the run goes (paused at step 0, an engine error), the views come by then. */
export const DETAILS_LATEST_MS = 3000;
/** How close to the viewport a placeholder mounts the views (a fast scroll should not find them empty). */
const NEAR_VIEWPORT = '600px';

export function useDetailsMounted(placeholder: RefObject<HTMLElement | null>): boolean {
  const stepped = useTrainingStore((s) => s.step > 0 || s.phase === 'error');
  // Once mounted, they stay: a reset back to step 0 must not unmount what the user has open.
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (stepped) setMounted(true);
  }, [stepped]);
  useEffect(() => {
    if (mounted) return;
    const timer = setTimeout(() => setMounted(true), DETAILS_LATEST_MS);
    const element = placeholder.current;
    const observer =
      element && typeof IntersectionObserver !== 'undefined'
        ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setMounted(true), { rootMargin: NEAR_VIEWPORT })
        : null;
    if (element) observer?.observe(element);
    return () => {
      clearTimeout(timer);
      observer?.disconnect();
    };
  }, [mounted, placeholder]);
  return mounted || stepped;
}
