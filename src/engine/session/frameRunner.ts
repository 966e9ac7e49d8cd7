// The mechanics of the training loop, frame by frame: a session per run (restarted when the
// experiment needs it), at most two frames of steps in flight, measurements spaced by their cost,
// a checkpoint after each finite one, and a stop when the loss is no longer finite. Everything it
// shows goes to the listener as plain data (RunState). TrainingLoop adds the commands.
import type { Experiment } from '../experiment/schema';
import { batchLossDiverged } from '../train/emptyBatch';
import type { Engine } from '../types';
import { checkCpuWork } from './cpuWork';
import { divergenceCause, EMPTY_BATCH_NOTICE } from './divergence';
import { encodeSteps, frameLoss } from './frameSteps';
import { appendPoint, historyPoint } from './history';
import type { LoopSession, NoticeTone, SessionFactory, TrainingLoopOptions } from './loopTypes';
import { EARLY_MEASURE_STEPS, GRID_RESOLUTION, MAX_FRAMES_IN_FLIGHT, MeasurePacer, nextEarlyStep, PREVIEW_STEPS } from './pacing';
import { initialRunState, type RunState } from './runState';
import { type Checkpoint, TrainingSession } from './trainingSession';

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** How long a failure waits to learn whether its device was lost (then the loss notice explains it). */
const LOSS_SETTLE_MS = 250;

const createTrainingSession: SessionFactory = (experiment, engine, files) =>
  TrainingSession.create(experiment, engine.createTrainer, files, engine.createWarmStartTrainer);

export abstract class FrameRunner {
  protected readonly state: RunState = initialRunState();
  protected readonly createSession: SessionFactory;
  protected current: Engine | null = null;
  /** The experiment the run trains: changed only once the session took it, or a restart was decided. */
  protected accepted: Experiment | null = null;
  protected session: LoopSession | null = null;
  /** Run B of an A/B comparison, stepped after A. */
  protected compareSession: LoopSession | null = null;
  /** Bumped per session, so that late results of an old one are dropped. */
  protected generation = 0;
  protected inFlight = 0;
  protected measuring = false;
  protected readonly pacer: MeasurePacer;
  /** Steps still to take while paused (Step). */
  protected pendingSteps = 0;
  /** The opening preview pauses here; 0 once the user took over. */
  protected previewUntil = 0;
  protected checkpoint: Checkpoint | null = null;
  protected stopped = false;
  /** The run's notice about an all-ignored batch was given. */
  private emptyBatchExplained = false;
  /** The step-0 measurement of a warm start left the decision grid out: a paused run must not show it blank. */
  private gridLeftOut = false;
  /** An opened experiment with live changes (a shared link): its first session replays them. */
  protected replay: Experiment | null = null;
  /** While recovering from a lost device: whether the run was playing before the first loss. */
  protected resumePlaying: boolean | null = null;

  constructor(protected readonly options: TrainingLoopOptions) {
    this.createSession = options.createSession ?? createTrainingSession;
    this.pacer = new MeasurePacer(() => options.scheduler.now());
  }

  protected emit(patch: Partial<RunState>): void {
    Object.assign(this.state, patch);
    this.options.listener.changed(patch);
  }

  protected notify(text: string, tone: NoticeTone = 'info'): void {
    this.options.listener.notify(text, tone);
  }

  protected now(): number {
    return this.options.scheduler.now();
  }

  /** Starts a fresh session for the accepted experiment; the previous one is dropped. */
  protected async restart(reason: string | null, keepPlaying = this.state.playing): Promise<void> {
    const engine = this.current;
    // A restart trains the settings in force from step 0: the change log starts afresh.
    const experiment = this.replay ?? this.accepted;
    this.replay = null;
    if (!engine || !experiment || this.stopped) return;
    const generation = ++this.generation;
    this.session?.destroy();
    this.session = null;
    if (this.compareSession) this.notify('The A/B comparison ended: run A restarted.');
    this.compareSession?.destroy();
    this.compareSession = null;
    this.inFlight = 0;
    this.pendingSteps = 0;
    this.checkpoint = null;
    this.emptyBatchExplained = false;
    this.gridLeftOut = false;
    this.options.listener.restarted();
    this.emit({ ...initialRunState(), stepsPerFrame: this.state.stepsPerFrame, playing: keepPlaying });
    if (reason) this.notify(`Training restarted: ${reason}.`);
    try {
      checkCpuWork(experiment, engine.backend);
      performance.mark('xent:session-start');
      const session = await this.createSession(experiment, engine, this.options.files);
      performance.mark('xent:session-created');
      if (generation !== this.generation) {
        session.destroy();
        return;
      }
      this.session = session;
      this.emit({
        phase: 'ready',
        data: session.data,
        classWeights: session.classWeights,
        trained: session.trained,
      });
      this.followStepping(session);
      // On a warm start the step-0 measurement leaves out the decision grid, which is most of its
      // work on the CPU (10⁴ grid points against 600 samples in the default preset): the first step
      // comes that much sooner, and the grid follows with the next measurements (step 1, 2, …).
      await this.measure(true, session.stepping === 'cpu-warmup');
      performance.mark('xent:first-measure');
    } catch (error) {
      if (generation !== this.generation) return;
      this.emit({ phase: 'error', error: message(error), playing: false });
    }
  }

  protected readonly frame = (): void => {
    if (this.stopped) return;
    this.options.scheduler.requestFrame(this.frame);
    const session = this.session;
    const state = this.state;
    if (!session || state.phase !== 'ready' || state.divergence) return;
    const idle = !state.playing && this.pendingSteps === 0;
    const stale = state.snapshot?.step !== session.step;
    // Paused (or waiting) at the step whose grid was left out: measure it now, grid and all.
    if (idle && !stale && this.gridLeftOut) {
      if (this.inFlight === 0) void this.measure(true);
      return;
    }
    // A measurement waits for the steps in flight, and no new steps start meanwhile: the metrics
    // shown for step n are those of step n's parameters.
    const early = EARLY_MEASURE_STEPS.includes(session.step);
    if (stale && (idle || early || this.pacer.due())) {
      if (this.inFlight === 0) void this.measure(idle);
      return;
    }
    let wanted = state.playing ? state.stepsPerFrame : Math.min(state.stepsPerFrame, this.pendingSteps);
    const nextEarly = nextEarlyStep(session.step);
    if (nextEarly !== null) wanted = Math.min(wanted, nextEarly - session.step);
    if (wanted === 0 || this.measuring || this.inFlight >= MAX_FRAMES_IN_FLIGHT) return;
    const sessions = this.compareSession ? [session, this.compareSession] : [session];
    // A warm start's CPU steps run here too: they get the CPU's time budget.
    const onCpu = this.current?.backend === 'cpu' || sessions.some((s) => s.stepping === 'cpu-warmup' || s.stepping === 'cpu');
    const done = encodeSteps(sessions, wanted, onCpu, () => this.now());
    this.pendingSteps = Math.max(0, this.pendingSteps - done);
    this.followStepping(session);
    this.followTrained(session);
    if (state.playing && this.previewUntil > 0 && session.step >= this.previewUntil) {
      this.previewUntil = 0;
      this.emit({ playing: false });
      this.notify(`That was a ${PREVIEW_STEPS}-step preview. Press Play to keep training, or change a setting first.`);
    }
    if (session.step === done) performance.mark('xent:first-step'); // the benchmark's time to the first training step
    this.readBatchLoss(session, frameLoss(sessions), session.lastBatchEmpty);
  };

  /** The frame counts as in flight until its loss (A's and B's) is read back. */
  protected readBatchLoss(session: LoopSession, loss: Promise<number>, emptyBatch: boolean): void {
    const generation = this.generation;
    this.inFlight++;
    loss.then(
      (value) => {
        if (generation !== this.generation) return;
        this.inFlight = Math.max(0, this.inFlight - 1);
        this.emit({ batchLoss: value, step: Math.max(this.state.step, session.step), epoch: session.epoch });
        if (batchLossDiverged(value, emptyBatch)) this.diverge(session.step, value);
        else if (!Number.isFinite(value)) this.explainEmptyBatch();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.inFlight = Math.max(0, this.inFlight - 1);
        void this.failedUnlessLost(generation, () => {
          this.notify(`A training step failed: ${message(error)}`, 'warning');
          this.emit({ playing: false });
        });
      },
    );
  }

  /** Metrics (and the decision grid) of the current step, then a checkpoint if the loss is finite. */
  protected async measure(force = false, withoutGrid = false): Promise<void> {
    const session = this.session;
    if (!session || this.measuring) return;
    this.measuring = true;
    const generation = this.generation;
    try {
      const taken = await this.pacer.measure(
        force,
        () => session.snapshot(),
        () => session.decisionGrid(GRID_RESOLUTION),
        withoutGrid,
      );
      if (generation !== this.generation) return;
      const { snapshot } = taken;
      const grid = 'grid' in taken ? (taken.grid ?? null) : this.state.grid;
      if (withoutGrid) this.gridLeftOut = true;
      else if ('grid' in taken) this.gridLeftOut = false;
      const point = historyPoint(snapshot, this.state.batchLoss ?? Number.NaN);
      this.emit({ snapshot, grid, history: appendPoint(this.state.history, point), step: snapshot.step, epoch: snapshot.epoch });
      const loss = snapshot.mode === 'cross-entropy' ? snapshot.train.weightedLoss : snapshot.trainLoss;
      if (Number.isFinite(loss)) this.checkpoint = await session.checkpoint();
      else this.diverge(snapshot.step, loss);
      await this.measureComparison();
    } catch (error) {
      if (generation === this.generation)
        void this.failedUnlessLost(generation, () => this.notify(`Measuring failed: ${message(error)}`, 'warning'));
    } finally {
      this.measuring = false;
    }
  }

  protected async measureComparison(): Promise<void> {
    const b = this.compareSession;
    const current = this.state.compare;
    if (!b || !current) return;
    const snapshot = await b.snapshot();
    if (b !== this.compareSession) return;
    const point = historyPoint(snapshot, Number.NaN);
    this.emit({ compare: { ...current, snapshot, history: appendPoint(current.history, point) } });
  }

  /** Once per run: an empty batch's NaN loss is expected, not a divergence. */
  private explainEmptyBatch(): void {
    if (this.emptyBatchExplained) return;
    this.emptyBatchExplained = true;
    this.notify(EMPTY_BATCH_NOTICE);
  }

  /**
   * Reports the run's record when it changed; a change the session replayed (a shared link's) also
   * becomes the settings in force, with a marker where it took effect.
   */
  protected followTrained(session: LoopSession): void {
    const trained = session.trained;
    if (trained === this.state.trained) return;
    const replayed = session.experiment !== this.accepted;
    const patch: Partial<RunState> = { trained };
    if (replayed) {
      this.accepted = session.experiment;
      const step = trained.changes?.at(-1)?.step ?? 1;
      patch.markers = [...this.state.markers, { step: step - 1, label: 'replayed change' }].slice(-50);
      patch.classWeights = session.classWeights;
    }
    this.emit(patch);
  }

  /** Reports a warm start's move from the CPU to the GPU (the status names the backend stepping). */
  private followStepping(session: LoopSession): void {
    const stepping = session.stepping ?? null;
    if (stepping === this.state.stepping) return;
    if (stepping === 'webgpu') performance.mark('xent:gpu-handoff'); // the benchmark's time to the GPU taking over
    if (stepping === 'cpu') {
      // A lost device explains itself (and replaces the engine); any other failure is said here.
      void this.failedUnlessLost(this.generation, () =>
        this.notify('The GPU trainer could not start; this run continues on the CPU reference.', 'warning'),
      );
    }
    this.emit({ stepping });
  }

  protected diverge(step: number, loss: number): void {
    if (this.state.divergence || !this.accepted) return;
    this.pendingSteps = 0;
    const cause = divergenceCause(loss, this.accepted);
    this.emit({ playing: false, divergence: { step, cause, rewindTo: this.checkpoint?.step ?? 0 } });
  }

  /**
   * Reports a failure unless its device was lost: a lost device makes every read in flight fail (raw
   * "mapAsync" errors), and the loss's own notice explains them; nor may such a failure pause a
   * run that the recovery resumes.
   */
  protected async failedUnlessLost(generation: number, report: () => void): Promise<void> {
    const engine = this.current;
    if (!engine) return;
    const lost = await Promise.race([
      engine.lost.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), LOSS_SETTLE_MS)),
    ]);
    if (!lost && generation === this.generation && this.current === engine && this.resumePlaying === null) report();
  }

  /** A lost device: a new engine, the run restored from its checkpoint, playing as it was. */
}
