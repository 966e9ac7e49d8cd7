// The sweep: its grid as the user set it, every run's metric as it trains (for the heatmap), and
// opening one run in the main view. The runs train on the engine's batched trainer, or run by run
// (sweepTrainersFor). The main run pauses meanwhile: both would share one GPU.
import type { StateCreator } from 'zustand';
import { ArgumentError } from '../core/checks';
import type { DataFiles } from '../engine/experiment/prepare';
import { type Experiment, ExperimentError, parseExperiment } from '../engine/experiment/schema';
import { planSweep, type SweepPlan } from '../engine/sweep/plan';
import { runSweep } from '../engine/sweep/runSweep';
import type { Sweep } from '../engine/sweep/sweepSchema';
import { sweepTrainersFor } from '../engine/sweep/sweepTrainers';
import type { Engine } from '../engine/types';

export interface SweepCell {
  index: number;
  /** Each axis's value index. */
  cell: number[];
  label: string;
  /** The sweep's metric at the run's last evaluation; null before it. */
  metric: number | null;
  step: number;
  diverged: string | null;
}

export interface SweepSlice {
  sweep: Sweep | null;
  status: 'idle' | 'running' | 'done' | 'stopped' | 'error';
  cells: SweepCell[];
  /** Why runs train one after another, or the error that ended the sweep. */
  notice: string | null;
  /** The run open in the main view. */
  opened: number | null;
  /** Trains `sweep` over the main view's experiment; returns the problems with it (nothing starts then). */
  start(sweep: Sweep): Promise<string[]>;
  stop(): void;
  /** Trains run `index`'s experiment in the main view, from step 0 (deterministic: the same run again). */
  openRun(index: number): void;
  /** Run `index`'s experiment, e.g. to save it. */
  runExperiment(index: number): Experiment | null;
  /** The last sweep started as one PyTorch script (a loop over the grid); throws an ArgumentError naming what it cannot export. */
  pytorchScript(): Promise<string>;
}

/** What the slice needs from the page: the engine, the main experiment and its files, and the main run's controls. */
export interface SweepEnv {
  engine(): Engine | null;
  experiment(): Experiment;
  files(): DataFiles;
  pauseTraining(): void;
  openExperiment(experiment: Experiment, label: string): void;
  /** The share link (address bar and "Copy link") carries the sweep until the main view changes. */
  share(swept: Experiment): void;
  /** A chance for the page to paint between evaluations. */
  nextFrame(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createSweepSlice =
  (env: SweepEnv): StateCreator<SweepSlice> =>
  (set, get) => {
    let plan: SweepPlan | null = null;
    let swept: Experiment | null = null;
    let stopRequested = false;
    return {
      sweep: null,
      status: 'idle',
      cells: [],
      notice: null,
      opened: null,

      async start(sweep) {
        const engine = env.engine();
        if (!engine) return ['the engine is not ready yet'];
        if (get().status === 'running') return ['a sweep is already running: stop it first'];
        const { sweep: _, changes: __, ...base } = env.experiment();
        let experiment: Experiment;
        try {
          experiment = parseExperiment({ ...base, sweep });
          plan = planSweep(experiment);
          swept = experiment;
        } catch (error) {
          return error instanceof ExperimentError ? error.problems : [message(error)];
        }
        const { trainers, notice } = await sweepTrainersFor(engine);
        if (get().status === 'running') return ['a sweep is already running: stop it first'];
        const cells = plan.runs.map(({ index, cell, label }) => ({ index, cell, label, metric: null, step: 0, diverged: null }));
        stopRequested = false;
        set({ sweep, status: 'running', cells, notice, opened: null });
        env.pauseTraining();
        env.share(experiment);
        try {
          const result = await runSweep(plan, trainers, {
            ...env.files(),
            onProgress: async (run, progress) => {
              const next = [...get().cells];
              next[run] = { ...next[run], metric: progress.metric, step: progress.step };
              set({ cells: next });
              await env.nextFrame();
            },
            shouldStop: () => stopRequested,
          });
          set({
            cells: get().cells.map((c, i) => {
              const r = result.runs[i];
              return { ...c, metric: Number.isFinite(r.metric) ? r.metric : c.metric, diverged: r.diverged?.cause ?? null };
            }),
            status: result.stopped ? 'stopped' : 'done',
          });
        } catch (error) {
          set({ status: 'error', notice: `The sweep stopped: ${message(error)}` });
        }
        return [];
      },

      stop() {
        stopRequested = true;
      },

      openRun(index) {
        const experiment = get().runExperiment(index);
        if (!experiment || !plan) return;
        env.openExperiment(experiment, `sweep run: ${plan.runs[index].label}`);
        set({ opened: index });
      },

      runExperiment(index) {
        return plan?.runs[index]?.experiment ?? null;
      },

      async pytorchScript() {
        if (!swept) throw new ArgumentError('sweep', 'run a sweep first: the script replays the last one');
        const { pytorchSweepScript } = await import('../engine/export/pytorchSweep');
        return pytorchSweepScript(swept, env.files());
      },
    };
  };
