// The training store's state and actions, apart from how they are implemented.
import type { LabelClass } from '../engine/data/csvLabels';
import type { PresetId } from '../engine/experiment/presetIds';
import type { Experiment } from '../engine/experiment/schema';
import type { DecisionGrid, Snapshot, TrainingSession } from '../engine/session/trainingSession';
import type { Engine } from '../engine/types';
import type { HistoryPoint } from './history';

export interface Marker {
  step: number;
  label: string;
}

export interface Notice {
  id: number;
  tone: 'info' | 'warning';
  text: string;
}

export interface Divergence {
  step: number;
  cause: string;
  /** The last measured step whose loss was finite, or 0. */
  rewindTo: number;
}

export interface CsvUpload {
  name: string;
  bytes: Uint8Array;
  /** Column names in file order, for the label-column choice. */
  columns: string[];
  /** The encoding of the chosen label column: class index ↔ label. */
  labelMapping: LabelClass[];
  rows: number;
}

export interface SampleRef {
  split: 'train' | 'validation';
  index: number;
}

/** Run B of an A/B comparison: A's experiment with one setting changed, trained in lockstep. */
export interface Comparison {
  experiment: Experiment;
  /** What differs from A, in words. */
  label: string;
  history: HistoryPoint[];
  snapshot: Snapshot | null;
}

export interface TrainingState {
  experiment: Experiment;
  phase: 'starting' | 'ready' | 'error';
  /** Why the run could not start (data or settings the engine refused). */
  error: string | null;
  notices: Notice[];
  playing: boolean;
  stepsPerFrame: number;
  step: number;
  epoch: number;
  batchLoss: number | null;
  snapshot: Snapshot | null;
  history: HistoryPoint[];
  markers: Marker[];
  grid: DecisionGrid | null;
  divergence: Divergence | null;
  csv: CsvUpload | null;
  probe: { step: number; accuracy: number } | null;
  /** The run's data, for the scatter and the inspector; replaced when the session restarts. */
  session: TrainingSession | null;
  /** NT-Xent's τ: the experiment's in contrastive mode, kept here for it otherwise. */
  temperature: number;
  /** The sample in the inspector. */
  selected: SampleRef | null;
  /** A confusion-matrix cell whose samples are highlighted. */
  highlight: { actual: number; predicted: number } | null;
  compare: Comparison | null;

  init(engine: Engine): Promise<void>;
  /** Applies a change if the result is a valid experiment; returns the problems otherwise (nothing changes). */
  edit(change: (draft: Experiment) => void, label?: string): string[];
  loadPreset(id: PresetId): void;
  /** τ: live in contrastive mode; otherwise kept for when the loss becomes NT-Xent. */
  setTemperature(value: number): string[];
  play(): void;
  pause(): void;
  stepOnce(): void;
  reset(): void;
  regenerate(): void;
  setStepsPerFrame(count: number): void;
  rewind(): void;
  /** Loads a CSV (bytes of a File or an earlier upload); the label column defaults to the last. */
  uploadCsv(file: Blob & { name: string }, labelColumn?: number): Promise<void>;
  runProbe(): Promise<void>;
  dismissNotice(id: number): void;
  select(sample: SampleRef | null): void;
  /**
   * Restarts the run from step 0 beside a copy with the same data, seed and initial weights and
   * one change; both then train in lockstep. Returns the problems with the change, if any.
   */
  startCompare(change: (draft: Experiment) => void, label: string): Promise<string[]>;
  stopCompare(): void;
  setHighlight(cell: { actual: number; predicted: number } | null): void;
  /** The link to this experiment; also the address bar's. */
  shareUrl(): string;
}
