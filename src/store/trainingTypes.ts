// The training store's state and actions, slice by slice, apart from how they are implemented.
// The UI imports the engine's data types from here, not from the engine's session modules.
import type { LabelClass } from '../engine/data/csvLabels';
import type { CsvPreview } from '../engine/data/csvPreview';
import type { PresetId } from '../engine/experiment/presetIds';
import type { Experiment } from '../engine/experiment/schema';
import type { SampleBreakdown } from '../engine/session/inspect';
import type { SampleRef } from '../engine/session/inspectRow';
import type { NoticeTone } from '../engine/session/loopTypes';
import type { RunState } from '../engine/session/runState';
import type { SavedRun } from '../engine/session/savedRun';
import type { Sweep } from '../engine/sweep/sweepSchema';
import type { Engine } from '../engine/types';

export type { CsvPreview } from '../engine/data/csvPreview';
export type { ReliabilityBin } from '../engine/metrics/classification';
export type { HistoryPoint } from '../engine/session/history';
export type { SampleBreakdown } from '../engine/session/inspect';
export type { SampleRef } from '../engine/session/inspectRow';
export type { Comparison, Divergence, Marker } from '../engine/session/runState';
export type { SavedRun, SavedRunMetrics } from '../engine/session/savedRun';
export type { ContrastiveSnapshot, DecisionGrid, Snapshot } from '../engine/session/trainingSession';

export interface Notice {
  id: number;
  tone: NoticeTone;
  text: string;
  /** Whether it is still the notice on screen: dismissing it, or Play for an info notice, leaves it only in the log. */
  current: boolean;
}

export interface CsvUpload {
  name: string;
  bytes: Uint8Array;
  /** Column names in file order, for the label-column choice. */
  columns: string[];
  /** The encoding of the chosen label column: class index ↔ label. */
  labelMapping: LabelClass[];
  rows: number;
  /** Rows left out for a missing value. */
  droppedRows: number;
}

export interface CsvLoadOptions {
  /** 0-based; default the column holding text, else the last. */
  labelColumn?: number;
  /** Drop rows with a missing value instead of refusing the file. */
  dropMissing?: boolean;
}

/** The experiment being trained, and what edits it. */
export interface ExperimentSlice {
  /** Changed only once the run took it (live, or by a restart). */
  experiment: Experiment;
  csv: CsvUpload | null;
  /** The sweep a shared link carried, for the Sweep panel (the main view trains the link's base experiment). */
  linkedSweep: Sweep | null;
  /**
   * The swept experiment (base and sweep) that the share link carries while the main view trains its
   * base: a link's, or the sweep last started. Any committed change of the main view (an edit, a
   * preset, a sweep run opened) ends it, and the link is that run again.
   */
  sweepLink: Experiment | null;
  /** NT-Xent's τ: the experiment's in contrastive mode, kept here for it otherwise. */
  temperature: number;
  /** The settings before each committed change, newest last (bounded, src/store/undoStack.ts). */
  undoStack: Experiment[];
  /** What "Revert to preset" restores: the last loaded preset (or the opening experiment) and its name. */
  baseline: { experiment: Experiment; title: string } | null;
  /** Steps back to the settings before the last committed change, through the same path as an edit. */
  undo(): string[];
  /** Applies the baseline's settings as one (undoable) change. */
  revertToPreset(): string[];
  /** Opens the shared link (or the defaults) and starts training on `engine`. */
  init(engine: Engine): Promise<void>;
  /** Applies a change if the result is a valid experiment the run takes; returns the problems otherwise (nothing changes). */
  edit(change: (draft: Experiment) => void, label?: string): string[];
  loadPreset(id: PresetId): void;
  /** Trains `experiment` from step 0 in the main view (e.g. a sweep's run), named by `label` in the change log. */
  openExperiment(experiment: Experiment, label: string): void;
  /** τ: live in contrastive mode; otherwise kept for when the loss becomes NT-Xent. */
  setTemperature(value: number): string[];
  regenerate(): void;
  /** The validation share; with an uploaded file, a batch larger than the training rows left comes down, with a notice. */
  setValidationFraction(value: number): string[];
  /** A picked file's columns, first rows, suggested label column and missing values; nothing is loaded. */
  previewCsv(file: Blob): Promise<CsvPreview>;
  /**
   * Loads a CSV (bytes of a File or an earlier upload) and trains on it. A batch size larger than the
   * training rows comes down to them, with a notice naming both values.
   */
  uploadCsv(file: Blob & { name: string }, options?: CsvLoadOptions): Promise<void>;
  /**
   * The run as trained, for the exports and the share link: the step-0 settings, every live change
   * with the step it took effect at (`changes`), and training.steps = the steps trained. Throws an
   * ExperimentError naming the field when the record is not a valid experiment (over 1,000 changes).
   */
  trainedExperiment(): Experiment;
  /** The link carries `swept` (a sweep over the main view's experiment) until the main view changes. */
  shareSweep(swept: Experiment): void;
  /** The link that replays the page: the sweep (sweepLink), else this run's step-0 settings and live changes (trainedExperiment). */
  shareUrl(): string;
  /** A shared link whose work estimate is large, waiting to be confirmed; the defaults run meanwhile. */
  pendingLink: PendingLink | null;
  /** Trains the pending link's experiment (refused by name if the backend cannot). */
  openPendingLink(): void;
  /** Keeps the defaults and forgets the pending link. */
  dismissPendingLink(): void;
}

export interface PendingLink {
  experiment: Experiment;
  /** The estimate in words: '4.0 billion multiply-adds per training step and …'. */
  work: string;
}

/** The run as the loop reports it, the user's selection, the notices, and the transport. */
export interface RunSlice extends Omit<RunState, 'compare'> {
  notices: Notice[];
  /** The sample in the inspector. */
  selected: SampleRef | null;
  /** A confusion-matrix cell whose samples are highlighted. */
  highlight: { actual: number; predicted: number } | null;
  play(): void;
  pause(): void;
  stepOnce(): void;
  reset(): void;
  setStepsPerFrame(count: number): void;
  rewind(): void;
  runProbe(): Promise<void>;
  /** One sample through the loss with the model as it is now; null outside cross-entropy runs. */
  inspect(sample: SampleRef): Promise<SampleBreakdown | null>;
  notify(text: string, tone?: NoticeTone): void;
  dismissNotice(id: number): void;
  select(sample: SampleRef | null): void;
  setHighlight(cell: { actual: number; predicted: number } | null): void;
}

/** An A/B comparison beside the run. */
export interface CompareSlice {
  compare: RunState['compare'];
  /**
   * Restarts the run from step 0 beside a copy with the same data, seed and initial weights and
   * one change; both then train in lockstep. Returns the problems with the change, if any.
   */
  startCompare(change: (draft: Experiment) => void, label: string): Promise<string[]>;
  stopCompare(): void;
}

/** Runs kept under a name (IndexedDB) and the ones overlaid on the charts. */
export interface SavedRunsSlice {
  /** Oldest first. */
  savedRuns: SavedRun[];
  savedRunsLoaded: boolean;
  /** Ids of the saved runs drawn over the current run, in the order they were ticked. */
  overlaid: string[];
  /** Reads the kept runs; a record that cannot be read is skipped with a notice naming it. */
  loadSavedRuns(): Promise<void>;
  /** Keeps the run as trained, its curves and final metrics under `name`; the problems otherwise. */
  saveRun(name: string): Promise<string[]>;
  deleteRun(id: string): Promise<string[]>;
  /** Keeps a run from an exported JSON file, validated; a taken name gets a suffix. */
  importRun(text: string, fileName: string): Promise<string[]>;
  /** The run as the JSON file an export writes and an import reads. */
  runJson(id: string): Promise<string>;
  setOverlay(id: string, on: boolean): void;
}

export type TrainingState = ExperimentSlice & RunSlice & CompareSlice & SavedRunsSlice;
