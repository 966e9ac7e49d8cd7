// The page's training loop, without the page: the commands the store calls (play, step, edit,
// rewind, compare, …) on top of FrameRunner's frames, and recovery from a lost GPU device. The
// scheduler and clock are injected, so that tests step it frame by frame in Node; it imports
// nothing of React or the DOM.
import { startSettings } from '../experiment/changes';
import type { Experiment } from '../experiment/schema';
import type { Engine } from '../types';
import { checkCpuWork } from './cpuWork';
import { FrameRunner } from './frameRunner';
import type { SampleBreakdown } from './inspect';
import { inspectRow, type SampleRef } from './inspectRow';
import { markerLabel } from './markerLabel';
import { addMarker, type LastMarker } from './markers';
import { PREVIEW_STEPS } from './pacing';
import type { RunState } from './runState';

export class TrainingLoop extends FrameRunner {
  /** The field and time of the last live change, to merge a burst of them into one marker. */
  private lastMarker: LastMarker | null = null;

  get run(): Readonly<RunState> {
    return this.state;
  }

  get engine(): Engine | null {
    return this.current;
  }

  get experiment(): Experiment | null {
    return this.accepted;
  }

  /** Frames whose steps are encoded and whose loss has not been read back yet. */
  get framesInFlight(): number {
    return this.inFlight;
  }

  /** Starts training `experiment` on `engine` with the opening preview, and the frames. Once only. */
  async start(engine: Engine, experiment: Experiment): Promise<void> {
    if (this.current) return;
    this.current = engine;
    this.accepted = experiment.changes ? startSettings(experiment) : experiment;
    this.replay = experiment.changes ? experiment : null;
    this.watchDevice(engine);
    this.emit({ stepsPerFrame: engine.backend === 'cpu' ? 2 : 4, playing: true });
    this.previewUntil = PREVIEW_STEPS;
    this.options.scheduler.requestFrame(this.frame);
    await this.restart(null, true);
  }

  /** No more frames; the sessions are released. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.session?.destroy();
    this.compareSession?.destroy();
    this.session = this.compareSession = null;
  }

  /**
   * Moves the run to `next`: live where the session can take it (a marker on the curves), else a
   * restart. Either ends an A/B comparison, with a notice. Throws, changing nothing, if the session
   * refuses it.
   */
  update(next: Experiment, label?: string): void {
    if (this.current) checkCpuWork(next, this.current.backend);
    const session = this.session;
    if (!session) {
      this.accepted = next;
      void this.restart(null);
      return;
    }
    const previous = session.experiment;
    const plan = session.update(next);
    this.accepted = next;
    if (plan.kind === 'reset') {
      void this.restart(plan.reason);
      return;
    }
    if (plan.changed.length === 0) return;
    // B would no longer differ from A by one setting: a compare that goes on would mislead.
    if (this.compareSession) {
      this.stopCompare();
      this.notify(
        `The A/B comparison ended: run A changed (${label ?? plan.changed.join(', ')}) and run B did not, so they no longer differ by one setting. Start a new comparison to compare from here.`,
      );
    }
    // A τ change always says what it did to the loss, whatever label the caller gave.
    const described = plan.changed.includes('temperature') || label === undefined;
    const marker = { step: session.step, label: described ? markerLabel(previous, next, plan.changed) : label };
    const added = addMarker(this.state.markers, marker, this.now(), this.state.markers.length > 0 ? this.lastMarker : null);
    this.lastMarker = added.last;
    this.emit({ markers: added.markers, classWeights: session.classWeights, trained: session.trained });
    if (!this.state.playing) void this.measure(true);
  }

  /** Trains `experiment` from step 0 (a preset), saying why. */
  replace(experiment: Experiment, reason: string): Promise<void> {
    this.accepted = experiment;
    return this.restart(reason);
  }

  play(): void {
    this.previewUntil = 0;
    if (!this.state.divergence) this.emit({ playing: true });
  }

  pause(): void {
    this.previewUntil = 0;
    this.emit({ playing: false });
  }

  stepOnce(): void {
    this.previewUntil = 0;
    if (this.state.playing) this.emit({ playing: false });
    this.pendingSteps += 1;
  }

  reset(): Promise<void> {
    this.previewUntil = 0;
    return this.restart(null, false);
  }

  setStepsPerFrame(count: number): void {
    this.emit({ stepsPerFrame: count });
  }

  /** Back to the last checkpoint whose loss was finite, or a fresh start without one. */
  rewind(): void {
    const session = this.session;
    const checkpoint = this.checkpoint;
    if (!session) return;
    if (checkpoint) session.restore(checkpoint);
    const step = checkpoint?.step ?? 0;
    // The batch loss shown was the diverged step's (NaN): none until the next step's.
    this.emit({
      divergence: null,
      step,
      batchLoss: null,
      history: this.state.history.filter((p) => p.step <= step),
      trained: session.trained,
    });
    if (!checkpoint) void this.restart(null, false);
    else void this.measure(true);
  }

  /** NT-Xent: a linear probe's validation accuracy on the embeddings, training paused meanwhile. */
  async runProbe(): Promise<void> {
    const session = this.session;
    if (session?.experiment.loss.mode !== 'nt-xent') return;
    const step = session.step;
    const wasPlaying = this.state.playing;
    this.emit({ playing: false });
    try {
      const accuracy = await session.probeAccuracy();
      if (session === this.session) this.emit({ probe: { step, accuracy } });
    } catch (error) {
      if (session === this.session) throw error; // else a restart destroyed its trainer meanwhile
    } finally {
      if (wasPlaying && session === this.session) this.emit({ playing: true });
    }
  }

  /** One sample through the loss with the model as it is now; null outside cross-entropy runs. */
  async inspect(sample: SampleRef): Promise<SampleBreakdown | null> {
    const session = this.session;
    if (session?.experiment.loss.mode !== 'cross-entropy') return null;
    try {
      return await inspectRow(session, sample);
    } catch (error) {
      // A restart meanwhile destroyed the session's trainer: there is no answer about a run that is gone.
      if (session !== this.session) return null;
      throw error;
    }
  }

  /** Restarts A from step 0 beside B (same data, seed and initial weights); both train in lockstep. */
  async startCompare(b: Experiment, label: string): Promise<void> {
    const engine = this.current;
    if (!engine) throw new Error('the engine is not ready');
    await this.restart(null, false);
    const generation = this.generation;
    const session = await this.createSession(b, engine, this.options.files);
    if (generation !== this.generation) {
      session.destroy();
      return;
    }
    this.compareSession = session;
    this.emit({ compare: { experiment: b, label, history: [], snapshot: null } });
    await this.measureComparison();
  }

  stopCompare(): void {
    this.compareSession?.destroy();
    this.compareSession = null;
    // A destroyed trainer may never settle the sample read in flight: stop waiting for it.
    this.inFlight = 0;
    this.emit({ compare: null });
  }

  private watchDevice(engine: Engine): void {
    void engine.lost.then(async (reason) => {
      if (this.current !== engine || this.stopped) return;
      const checkpoint = this.checkpoint;
      // A second loss during the recovery from the first resumes what the run did before the first.
      const playing = this.resumePlaying ?? this.state.playing;
      this.resumePlaying = playing;
      this.emit({ playing: false });
      const next = await this.options.replaceEngine();
      this.current = next;
      this.watchDevice(next);
      this.options.listener.engineReplaced(next, reason);
      const where = next.backend === 'webgpu' ? 'a new WebGPU device' : 'the CPU';
      this.notify(
        `The GPU device was lost (${reason}). Training continues on ${where}${checkpoint ? ` from step ${checkpoint.step}` : ''}.`,
        'warning',
      );
      await this.restart(null, false);
      if (checkpoint && this.session) {
        this.session.restore(checkpoint);
        await this.measure(true);
      }
      if (this.current !== next) return; // lost again meanwhile: that recovery resumes the run
      this.resumePlaying = null;
      this.emit({ playing });
    });
  }
}
