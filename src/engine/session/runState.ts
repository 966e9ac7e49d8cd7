// What a training run shows, as plain data: the loop keeps it, reports every change, and the store
// mirrors it for the UI. Nothing here is a live engine object.
import type { PreparedData } from '../experiment/prepare';
import type { Experiment } from '../experiment/schema';
import type { SteppingBackend } from '../train/types';
import type { HistoryPoint } from './history';
import type { DecisionGrid, Snapshot } from './trainingSession';

export interface Marker {
  step: number;
  label: string;
}

export interface Divergence {
  step: number;
  cause: string;
  /** The last measured step whose loss was finite, or 0. */
  rewindTo: number;
}

/** Run B of an A/B comparison: A's experiment with one setting changed, trained in lockstep. */
export interface Comparison {
  experiment: Experiment;
  /** What differs from A, in words. */
  label: string;
  history: HistoryPoint[];
  snapshot: Snapshot | null;
}

export interface RunState {
  phase: 'starting' | 'ready' | 'error';
  /** Why the run could not start (data or settings the engine refused). */
  error: string | null;
  playing: boolean;
  stepsPerFrame: number;
  step: number;
  epoch: number;
  batchLoss: number | null;
  snapshot: Snapshot | null;
  history: HistoryPoint[];
  /** Live changes, where they happened on the curves. */
  markers: Marker[];
  grid: DecisionGrid | null;
  divergence: Divergence | null;
  probe: { step: number; accuracy: number } | null;
  compare: Comparison | null;
  /** The run's data (splits, targets), for the views; null while a run starts. */
  data: PreparedData | null;
  /** The class weights in use: [classes]; they change with live edits. */
  classWeights: Float32Array | null;
  /**
   * The run as trained: its step-0 settings and every live change with the step it took effect at
   * (experiment.changes), for the exports and the share link; null while a run starts.
   */
  trained: Experiment | null;
  /** Which backend takes the steps where that can change mid-run (a warm start); null otherwise. */
  stepping: SteppingBackend | null;
}

export const initialRunState = (): RunState => ({
  phase: 'starting',
  error: null,
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
  probe: null,
  compare: null,
  data: null,
  classWeights: null,
  trained: null,
  stepping: null,
});
