// The run as the training loop reports it (mirrored field by field), the user's selection, the
// notices, and the transport: each action forwards to the loop, which reports back what changed.
import type { StateCreator } from 'zustand';
import { describeRange, inRange, RANGES } from '../engine/experiment/ranges';
import { initialRunState } from '../engine/session/runState';
import type { TrainingLoop } from '../engine/session/trainingLoop';
import type { RunSlice, TrainingState } from './trainingTypes';

/** Notices on screen at once: the oldest go first. */
const MAX_NOTICES = 4;

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

      play: () => loop.play(),
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
        // The same notice twice (a device lost again, the same refusal) says nothing new.
        if (get().notices.some((notice) => notice.text === text)) return;
        set({ notices: [...get().notices, { id: ++noticeId, tone, text }].slice(-MAX_NOTICES) });
      },

      dismissNotice(id) {
        set({ notices: get().notices.filter((n) => n.id !== id) });
      },

      select(sample) {
        set({ selected: sample });
      },

      setHighlight(cell) {
        set({ highlight: cell });
      },
    };
  };
