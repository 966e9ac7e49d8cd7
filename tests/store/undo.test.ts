// Undo and "Revert to preset": a bounded stack of the settings before each committed change, applied
// back through the same path as an edit (live where it can be, with a marker; the link follows).
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/engine/experiment/defaults';
import { presetById } from '../../src/engine/experiment/presets';
import { experimentFragment } from '../../src/store/shareLink';
import { MAX_UNDO, pushUndo } from '../../src/store/undoStack';
import { settle } from '../support/fakeFrames';
import { startCpuStore } from '../support/storeHarness';

const withLr = (lr: number) => ({ ...DEFAULT_EXPERIMENT, optimizer: { ...DEFAULT_EXPERIMENT.optimizer, lr } });

describe('pushUndo', () => {
  it('keeps the newest MAX_UNDO snapshots, oldest dropped first', () => {
    let stack = pushUndo([], withLr(1));
    for (let i = 2; i <= MAX_UNDO + 5; i++) stack = pushUndo(stack, withLr(i));
    expect(stack).toHaveLength(MAX_UNDO);
    expect(stack[0].optimizer.lr).toBe(6);
    expect(stack.at(-1)?.optimizer.lr).toBe(MAX_UNDO + 5);
  });

  it('does not push the same snapshot twice in a row', () => {
    const a = withLr(0.5);
    expect(pushUndo(pushUndo([], a), a)).toEqual([a]);
  });
});

describe('undo in the training store', () => {
  it('steps back through several changes, live, with a marker and the link following', async () => {
    const { store, fragments } = await startCpuStore();
    const state = () => store.getState();
    expect(
      state().edit((e) => {
        e.optimizer.lr = 0.05;
      }),
    ).toEqual([]);
    expect(
      state().edit((e) => {
        e.optimizer.lr = 0.02;
      }),
    ).toEqual([]);
    expect(
      state().edit((e) => {
        e.optimizer.weightDecay = 0.001;
      }),
    ).toEqual([]);
    expect(state().undoStack).toHaveLength(3);

    expect(state().undo()).toEqual([]);
    expect(state().experiment.optimizer).toMatchObject({ lr: 0.02, weightDecay: 0 });
    expect(fragments.at(-1)).toBe(experimentFragment(state().experiment));
    expect(state().undo()).toEqual([]);
    expect(state().experiment.optimizer.lr).toBe(0.05);
    expect(state().undo()).toEqual([]);
    expect(state().experiment.optimizer.lr).toBe(DEFAULT_EXPERIMENT.optimizer.lr);
    // The undos were live changes the loop described (markers at one step merge into one).
    expect(state().markers.at(-1)?.label).toBe('optimizer');
    expect(state().undoStack).toEqual([]);
    expect(state().undo()).toEqual(['there is no setting change to undo']);
  });

  it('leaves the stack as it was when the session refuses the undo', async () => {
    const { store } = await startCpuStore();
    store.getState().edit((e) => {
      e.optimizer.lr = 0.05;
    });
    const stack = store.getState().undoStack;
    // A CPU-work check refusal stands in for any refusal: make the previous settings unrunnable here.
    store.setState({ undoStack: [{ ...stack[0], model: { ...stack[0].model, hidden: [4096, 4096, 4096] } }] });
    const problems = store.getState().undo();
    expect(problems).toHaveLength(1);
    expect(store.getState().undoStack).toHaveLength(1);
    expect(store.getState().experiment.optimizer.lr).toBe(0.05);
  });

  it('reverts to the last loaded preset, and that revert can itself be undone', async () => {
    const { store, frames } = await startCpuStore();
    const state = () => store.getState();
    state().loadPreset('overfitting');
    await settle();
    await frames.frames(2);
    const preset = presetById('overfitting').experiment;
    expect(state().baseline?.title).toBe(`preset "${presetById('overfitting').title}"`);
    state().edit((e) => {
      e.optimizer.lr = preset.optimizer.lr * 3;
    });
    state().edit((e) => {
      e.training.batchSize = 8;
    });
    expect(state().experiment.training.batchSize).toBe(8);

    expect(state().revertToPreset()).toEqual([]);
    expect(state().experiment).toEqual(preset);
    expect(state().undo()).toEqual([]);
    expect(state().experiment.training.batchSize).toBe(8);
    expect(state().experiment.optimizer.lr).toBeCloseTo(preset.optimizer.lr * 3, 12);
  });
});
