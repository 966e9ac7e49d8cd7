// The playground's training state and the loop that drives it. The UI reads this store through
// selectors and calls its actions; the session (src/engine/session) does the work. The loop runs
// once per animation frame: it encodes a few steps, keeps at most two frames of GPU work in flight,
// and publishes one small update per frame, so React never re-renders per step.
import { create } from 'zustand';
import { createEngine } from '../engine/createEngine';
import { loadCsvFromBytes } from '../engine/data/loadDataset';
import { DEFAULT_EXPERIMENT } from '../engine/experiment/defaults';
import { presetById } from '../engine/experiment/presets';
import { type Experiment, ExperimentError, parseExperiment } from '../engine/experiment/schema';
import { type Checkpoint, TrainingSession } from '../engine/session/trainingSession';
import type { Engine } from '../engine/types';
import { appendPoint, historyPoint } from './history';
import { useLabStore } from './labStore';
import { browserFiles, divergenceCause } from './runSupport';
import { experimentFragment, readExperimentFragment } from './shareLink';
import type { Notice, TrainingState } from './trainingTypes';

/** Steps the page trains on its own when it opens, so that something moves; then it waits for Play. */
const PREVIEW_STEPS = 400;
const MEASURE_EVERY_MS = 250;
const GRID_EVERY_MS = 300;
/** Measuring may take at most 1/(1 + this) of the time: a slow backend measures less often. */
const TRAIN_TO_MEASURE_RATIO = 4;
const MAX_MEASURE_EVERY_MS = 1500;
/** The decision boundary may take up to a third of the time: it should move a few times a second. */
const GRID_COST_RATIO = 2;
const GRID_RESOLUTION = 100;
/** On the CPU backend a frame's steps stop after this long, so that the page stays responsive. */
const CPU_FRAME_BUDGET_MS = 12;
const MAX_FRAMES_IN_FLIGHT = 2;

/** What the loop keeps outside React's view: nothing here triggers a render. */
const runtime = {
  engine: null as Engine | null,
  session: null as TrainingSession | null,
  /** Run B of an A/B comparison, stepped after A. */
  compare: null as TrainingSession | null,
  /** Bumped per session, so that late results of an old one are dropped. */
  generation: 0,
  inFlight: 0,
  measuring: false,
  lastMeasure: 0,
  lastGrid: 0,
  /** How long the last measurement and grid took, to space the next ones. */
  measureCost: 0,
  gridCost: 0,
  /** Steps still to take in a paused state (Step, the opening preview). */
  pendingSteps: 0,
  previewUntil: 0,
  checkpoint: null as Checkpoint | null,
  noticeId: 0,
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const useTrainingStore = create<TrainingState>()((set, get) => {
  const notify = (text: string, tone: Notice['tone'] = 'info') =>
    set({ notices: [...get().notices, { id: ++runtime.noticeId, tone, text }].slice(-4) });

  const syncUrl = () => {
    if (typeof history === 'undefined') return;
    history.replaceState(null, '', experimentFragment(get().experiment));
  };

  /** Starts a fresh session for the current experiment; the previous one is dropped. */
  const restart = async (reason: string | null, keepPlaying = get().playing): Promise<void> => {
    const engine = runtime.engine;
    if (!engine) return;
    const generation = ++runtime.generation;
    runtime.session?.destroy();
    runtime.session = null;
    if (runtime.compare) notify('The A/B comparison ended: run A restarted.');
    runtime.compare?.destroy();
    runtime.compare = null;
    runtime.inFlight = 0;
    runtime.pendingSteps = 0;
    runtime.checkpoint = null;
    set({
      phase: 'starting',
      error: null,
      session: null,
      snapshot: null,
      history: [],
      markers: [],
      grid: null,
      divergence: null,
      probe: null,
      selected: null,
      highlight: null,
      compare: null,
      step: 0,
      epoch: 0,
      batchLoss: null,
      playing: keepPlaying,
    });
    if (reason) notify(`Training restarted: ${reason}.`);
    try {
      performance.mark('xent:session-start');
      const session = await TrainingSession.create(
        get().experiment,
        engine.createTrainer,
        browserFiles(() => get().csv),
      );
      performance.mark('xent:session-created');
      if (generation !== runtime.generation) {
        session.destroy();
        return;
      }
      runtime.session = session;
      set({ session, phase: 'ready' });
      await measure(true);
      performance.mark('xent:first-measure');
    } catch (error) {
      if (generation !== runtime.generation) return;
      set({ phase: 'error', error: message(error), playing: false });
    }
  };

  /** Metrics (and the decision grid) of the current step, then a checkpoint if the loss is finite. */
  const measure = async (force = false): Promise<void> => {
    const session = runtime.session;
    if (!session || runtime.measuring) return;
    runtime.measuring = true;
    const generation = runtime.generation;
    try {
      const started = performance.now();
      const snapshot = await session.snapshot();
      const measured = performance.now();
      // A forced measurement (a new session, a pause) may include compiling pipelines: not a cost to pace by.
      if (!force) runtime.measureCost = measured - started;
      const wantGrid =
        force ||
        measured - runtime.lastGrid > Math.min(2 * MAX_MEASURE_EVERY_MS, Math.max(GRID_EVERY_MS, GRID_COST_RATIO * runtime.gridCost));
      const grid = wantGrid ? await session.decisionGrid(GRID_RESOLUTION) : get().grid;
      runtime.lastMeasure = performance.now();
      if (wantGrid) {
        if (!force) runtime.gridCost = runtime.lastMeasure - measured;
        runtime.lastGrid = runtime.lastMeasure;
      }
      if (generation !== runtime.generation) return;
      const batchLoss = get().batchLoss ?? Number.NaN;
      const point = historyPoint(snapshot, batchLoss);
      set({ snapshot, grid, history: appendPoint(get().history, point), step: snapshot.step, epoch: snapshot.epoch });
      const loss = snapshot.mode === 'cross-entropy' ? snapshot.train.weightedLoss : snapshot.trainLoss;
      if (Number.isFinite(loss)) runtime.checkpoint = await session.checkpoint();
      else diverge(snapshot.step, loss);
      await measureComparison();
    } catch (error) {
      if (generation === runtime.generation) notify(`Measuring failed: ${message(error)}`, 'warning');
    } finally {
      runtime.measuring = false;
    }
  };

  const measureComparison = async () => {
    const b = runtime.compare;
    const current = get().compare;
    if (!b || !current) return;
    const snapshot = await b.snapshot();
    if (b !== runtime.compare) return;
    const point = historyPoint(snapshot, Number.NaN);
    set({ compare: { ...current, snapshot, history: appendPoint(current.history, point) } });
  };

  const diverge = (step: number, loss: number) => {
    if (get().divergence) return;
    runtime.pendingSteps = 0;
    set({ playing: false, divergence: { step, cause: divergenceCause(loss, get().experiment), rewindTo: runtime.checkpoint?.step ?? 0 } });
  };

  const frame = () => {
    requestAnimationFrame(frame);
    const session = runtime.session;
    const state = get();
    if (!session || state.phase !== 'ready' || state.divergence) return;
    const idle = !state.playing && runtime.pendingSteps === 0;
    const stale = state.snapshot?.step !== session.step;
    // Spaced by what measuring costs, yet at least every 1.5 s so that a slow backend still shows progress.
    const interval = Math.min(
      MAX_MEASURE_EVERY_MS,
      Math.max(MEASURE_EVERY_MS, TRAIN_TO_MEASURE_RATIO * (runtime.measureCost + runtime.gridCost / 2)),
    );
    // A measurement waits for the steps in flight, and no new steps start meanwhile: the metrics
    // shown for step n are those of step n's parameters.
    if (stale && (idle || performance.now() - runtime.lastMeasure > interval)) {
      if (runtime.inFlight === 0) void measure(idle);
      return;
    }
    const wanted = state.playing ? state.stepsPerFrame : Math.min(state.stepsPerFrame, runtime.pendingSteps);
    if (wanted === 0 || runtime.measuring || runtime.inFlight >= MAX_FRAMES_IN_FLIGHT) return;
    const started = performance.now();
    let done = 0;
    const cpu = runtime.engine?.backend === 'cpu';
    const b = runtime.compare;
    while (done < wanted && (!cpu || performance.now() - started < CPU_FRAME_BUDGET_MS)) {
      session.advance(1);
      b?.advance(1);
      done++;
    }
    runtime.pendingSteps = Math.max(0, runtime.pendingSteps - done);
    if (state.playing && runtime.previewUntil > 0 && session.step >= runtime.previewUntil) {
      runtime.previewUntil = 0;
      set({ playing: false });
      notify(`That was a ${PREVIEW_STEPS}-step preview. Press Play to keep training, or change a setting first.`);
    }
    if (session.step === done) performance.mark('xent:first-step'); // the benchmark's time to the first training step
    const generation = runtime.generation;
    const lossA = session.sampleBatchLoss() ?? session.lastBatchLoss();
    // Run B's steps are in flight too: wait for both before counting the frame done.
    const loss = b ? Promise.all([lossA, b.sampleBatchLoss() ?? b.lastBatchLoss()]).then(([a]) => a) : lossA;
    runtime.inFlight++;
    loss.then(
      (value) => {
        if (generation !== runtime.generation) return;
        runtime.inFlight = Math.max(0, runtime.inFlight - 1);
        set({ batchLoss: value, step: Math.max(get().step, session.step), epoch: session.epoch });
        if (!Number.isFinite(value)) diverge(session.step, value);
      },
      (error: unknown) => {
        if (generation !== runtime.generation) return;
        runtime.inFlight = Math.max(0, runtime.inFlight - 1);
        notify(`A training step failed: ${message(error)}`, 'warning');
        set({ playing: false });
      },
    );
  };

  /** A lost GPU device: a new engine (WebGPU again if it comes back, else the CPU), the run restored from its checkpoint. */
  const watchDevice = (engine: Engine) => {
    void engine.lost.then(async (reason) => {
      if (runtime.engine !== engine) return;
      const checkpoint = runtime.checkpoint;
      const playing = get().playing;
      set({ playing: false });
      const next = await createEngine();
      runtime.engine = next;
      watchDevice(next);
      useLabStore.setState({ engine: next, lostReason: reason });
      notify(
        `The GPU device was lost (${reason}). Training continues on ${next.backend === 'webgpu' ? 'a new WebGPU device' : 'the CPU'}${checkpoint ? ` from step ${checkpoint.step}` : ''}.`,
        'warning',
      );
      await restart(null, false);
      if (checkpoint && runtime.session) {
        runtime.session.restore(checkpoint);
        await measure(true);
      }
      set({ playing });
    });
  };

  return {
    experiment: DEFAULT_EXPERIMENT,
    phase: 'starting',
    error: null,
    notices: [],
    playing: false,
    stepsPerFrame: 4,
    step: 0,
    epoch: 0,
    batchLoss: null,
    snapshot: null,
    history: [],
    markers: [],
    grid: null,
    divergence: null,
    csv: null,
    probe: null,
    session: null,
    temperature: 0.5,
    selected: null,
    highlight: null,
    compare: null,

    async init(engine) {
      if (runtime.engine) return;
      runtime.engine = engine;
      watchDevice(engine);
      const link = readExperimentFragment(typeof location === 'undefined' ? '' : location.hash);
      if (link.kind === 'ok') {
        set({ experiment: link.experiment });
        if (link.experiment.data.source === 'csv') {
          notify(
            `This link trains on a CSV file, "${link.experiment.data.file}", which a link cannot carry. Upload it in the Data panel to continue; meanwhile the page shows the default experiment.`,
            'warning',
          );
          set({ experiment: DEFAULT_EXPERIMENT });
        }
      } else if (link.kind === 'rejected') {
        notify(
          `The shared link could not be used, so the page opened the default experiment. Rejected: ${link.problems.join('; ')}.`,
          'warning',
        );
      }
      syncUrl();
      set({ stepsPerFrame: engine.backend === 'cpu' ? 2 : 4, playing: true });
      runtime.previewUntil = PREVIEW_STEPS;
      requestAnimationFrame(frame);
      await restart(null, true);
    },

    edit(change, label) {
      const draft = structuredClone(get().experiment);
      change(draft);
      let next: Experiment;
      try {
        next = parseExperiment(draft);
      } catch (error) {
        if (error instanceof ExperimentError) return error.problems;
        return [message(error)];
      }
      const session = runtime.session;
      set({ experiment: next, ...(next.loss.mode === 'nt-xent' ? { temperature: next.loss.temperature } : {}) });
      syncUrl();
      if (!session) {
        void restart(null);
        return [];
      }
      try {
        const plan = session.update(next);
        if (plan.kind === 'reset') void restart(plan.reason);
        else if (plan.changed.length > 0) {
          set({ markers: [...get().markers, { step: session.step, label: label ?? plan.changed.join(', ') }].slice(-50) });
          if (!get().playing) void measure(true);
        }
      } catch (error) {
        return [message(error)];
      }
      return [];
    },

    setTemperature(value) {
      if (!Number.isFinite(value) || value < 0.01 || value > 10) return [`temperature must be a number from 0.01 to 10, got ${value}`];
      set({ temperature: value });
      if (get().experiment.loss.mode !== 'nt-xent') return [];
      return get().edit((draft) => {
        if (draft.loss.mode === 'nt-xent') draft.loss.temperature = value;
      }, `temperature ${value}`);
    },

    loadPreset(id) {
      const { experiment, title } = presetById(id);
      set({ experiment: structuredClone(experiment) });
      syncUrl();
      void restart(`preset "${title}"`);
    },

    play() {
      runtime.previewUntil = 0;
      if (get().divergence) return;
      set({ playing: true });
    },

    pause() {
      runtime.previewUntil = 0;
      set({ playing: false });
    },

    stepOnce() {
      runtime.previewUntil = 0;
      if (get().playing) set({ playing: false });
      runtime.pendingSteps += 1;
    },

    reset() {
      runtime.previewUntil = 0;
      void restart(null, false);
    },

    regenerate() {
      get().edit((draft) => {
        draft.seed = (draft.seed + 1) % 2 ** 32;
      });
    },

    setStepsPerFrame(count) {
      if (!Number.isInteger(count) || count < 1 || count > 100)
        throw new RangeError(`steps per frame: must be an integer from 1 to 100, got ${count}`);
      set({ stepsPerFrame: count });
    },

    rewind() {
      const session = runtime.session;
      const checkpoint = runtime.checkpoint;
      if (!session) return;
      if (checkpoint) session.restore(checkpoint);
      const step = checkpoint?.step ?? 0;
      set({ divergence: null, step, history: get().history.filter((p) => p.step <= step) });
      if (!checkpoint) void restart(null, false);
      else void measure(true);
    },

    async uploadCsv(file, labelColumn) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Parsed here first, so that a bad file is reported and nothing of it is kept.
      const dataset = await loadCsvFromBytes(bytes, file.name, { labelColumn });
      const { columns, labelMapping, n } = dataset;
      set({ csv: { name: file.name, bytes, columns, labelMapping, rows: n } });
      const problems = get().edit((draft) => {
        draft.data = { source: 'csv', file: file.name, labelColumn: dataset.labelColumnIndex };
        if (draft.loss.mode === 'nt-xent' && draft.loss.augmentation.kind === 'points') {
          draft.loss.augmentation = { kind: 'pixels', noise: 0.1, dropout: 0.1 };
        }
        if (draft.loss.mode === 'cross-entropy' && draft.loss.classWeights.kind === 'custom') draft.loss.classWeights = { kind: 'uniform' };
      });
      if (problems.length > 0) throw new Error(problems.join('; '));
    },

    async runProbe() {
      const session = runtime.session;
      if (session?.experiment.loss.mode !== 'nt-xent') return;
      const step = session.step;
      const wasPlaying = get().playing;
      set({ playing: false });
      try {
        const accuracy = await session.probeAccuracy();
        if (session === runtime.session) set({ probe: { step, accuracy } });
      } finally {
        if (wasPlaying && session === runtime.session) set({ playing: true });
      }
    },

    async startCompare(change, label) {
      const engine = runtime.engine;
      if (!engine) return ['the engine is not ready'];
      const draft = structuredClone(get().experiment);
      change(draft);
      let b: Experiment;
      try {
        b = parseExperiment(draft);
      } catch (error) {
        return error instanceof ExperimentError ? error.problems : [message(error)];
      }
      await restart(null, false);
      const generation = runtime.generation;
      try {
        const session = await TrainingSession.create(
          b,
          engine.createTrainer,
          browserFiles(() => get().csv),
        );
        if (generation !== runtime.generation) {
          session.destroy();
          return [];
        }
        runtime.compare = session;
        set({ compare: { experiment: b, label, history: [], snapshot: null } });
        await measureComparison();
        return [];
      } catch (error) {
        return [message(error)];
      }
    },

    stopCompare() {
      runtime.compare?.destroy();
      runtime.compare = null;
      // A destroyed trainer may never settle the sample read in flight: stop waiting for it.
      runtime.inFlight = 0;
      set({ compare: null });
    },

    select(sample) {
      set({ selected: sample });
    },

    setHighlight(cell) {
      set({ highlight: cell });
    },

    dismissNotice(id) {
      set({ notices: get().notices.filter((n) => n.id !== id) });
    },

    shareUrl() {
      return `${location.origin}${location.pathname}${location.search}${experimentFragment(get().experiment)}`;
    },
  };
});
