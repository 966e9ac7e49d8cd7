// What the training loop is given and what it reports: the page passes requestAnimationFrame and
// performance.now, tests a fake clock they step frame by frame.
import type { DataFiles } from '../experiment/prepare';
import type { Experiment } from '../experiment/schema';
import type { Engine } from '../types';
import type { RunState } from './runState';
import type { TrainingSession } from './trainingSession';

export interface FrameScheduler {
  /** Calls back once, before the next frame is drawn. */
  requestFrame(callback: () => void): void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

export type NoticeTone = 'info' | 'warning';

export interface LoopListener {
  /** Fields of the run's state that changed, with their new values. */
  changed(patch: Partial<RunState>): void;
  /** Something the user should read (a restart, a failed measurement, a lost device). */
  notify(text: string, tone: NoticeTone): void;
  /** A new run begins: whatever pointed into the old one (a selected sample) no longer applies. */
  restarted(): void;
  /** The GPU device was lost; training moved to `engine`. */
  engineReplaced(engine: Engine, reason: string): void;
}

/** What the loop uses of a session: TrainingSession itself, or a stand-in. */
export type LoopSession = Pick<
  TrainingSession,
  | 'experiment'
  | 'trained'
  | 'step'
  | 'epoch'
  | 'data'
  | 'classWeights'
  | 'lossSettings'
  | 'advance'
  | 'sampleBatchLoss'
  | 'lastBatchLoss'
  | 'lastBatchEmpty'
  | 'update'
  | 'snapshot'
  | 'decisionGrid'
  | 'checkpoint'
  | 'restore'
  | 'probeAccuracy'
  | 'predict'
  | 'destroy'
> &
  Partial<Pick<TrainingSession, 'stepping'>>;

export type SessionFactory = (experiment: Experiment, engine: Engine, files: DataFiles) => Promise<LoopSession>;

export interface TrainingLoopOptions {
  scheduler: FrameScheduler;
  /** Where the data files come from (fetch and the uploaded CSV in the page). */
  files: DataFiles;
  listener: LoopListener;
  /** A new engine once the GPU device is lost: WebGPU again if it comes back, else the CPU. */
  replaceEngine: () => Promise<Engine>;
  /** Defaults to TrainingSession.create on the engine's trainer. */
  createSession?: SessionFactory;
}
