// The run as the training loop reports it (mirrored field by field), the user's selection, the
// notices, and the transport: each action forwards to the loop, which reports back what changed.
import type { StateCreator } from 'zustand';
import { describeRange, inRange, RANGES } from '../engine/experiment/ranges';
import { initialRunState } from '../engine/session/runState';
import type { TrainingLoop } from '../engine/session/trainingLoop';
import type { RunSlice, TrainingState } from './trainingTypes';

/** Notices kept in the log: the oldest go first. Only the latest current one is on screen. */
const MAX_NOTICES = 20;

export const createRunSlice =
  (loop: TrainingLoop): StateCreator<TrainingState, [], [], RunSlice> =>
  (set, get) => {
    let noticeId = 0;
    const { compare: _compare, ...run } = initialRunState();
    return {
      ...run,
      notices: [],
      selected: null,
      highlight: null,

      play() {
        // Training resumes: what an info notice said (a preview ended, a restart) is past, so it
        // leaves the screen for the log; warnings stay until dismissed.
        if (get().notices.some((n) => n.current && n.tone === 'info'))
          set({ notices: get().notices.map((n) => (n.tone === 'info' ? { ...n, current: false } : n)) });
        loop.play();
      },
      pause: () => loop.pause(),
      stepOnce: () => loop.stepOnce(),
      reset: () => void loop.reset(),

      setStepsPerFrame(count) {
        if (!inRange(count, RANGES.stepsPerFrame))
          throw new RangeError(`steps per frame: must be ${describeRange(RANGES.stepsPerFrame)}, got ${count}`);
        loop.setStepsPerFrame(count);
      },

      rewind: () => loop.rewind(),
      runProbe: () => loop.runProbe(),
      inspect: (sample) => loop.inspect(sample),

      notify(text, tone = 'info') {
        // The same notice twice (a device lost again, the same refusal) is one entry, moved to the end.
        const others = get().notices.filter((notice) => notice.text !== text);
        set({ notices: [...others, { id: ++noticeId, tone, text, current: true }].slice(-MAX_NOTICES) });
      },

      dismissNotice(id) {
        set({ notices: get().notices.map((n) => (n.id === id ? { ...n, current: false } : n)) });
      },

      select(sample) {
        set({ selected: sample });
      },

      setHighlight(cell) {
        set({ highlight: cell });
      },
    };
  };
