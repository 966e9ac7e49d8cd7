// The experiment and its edits. An edit is committed (state and address bar) only once the run took
// it: live, or by a restart the loop decided. A change the session refuses leaves both as they were.
import type { StateCreator } from 'zustand';
import { loadCsvFromBytes, previewCsvFromBytes } from '../engine/data/loadDataset';
import { startSettings } from '../engine/experiment/changes';
import { fitBatchSize } from '../engine/experiment/fitBatchSize';
import { presetById } from '../engine/experiment/presets';
import { describeRange, inRange, RANGES } from '../engine/experiment/ranges';
import { type Experiment, ExperimentError, parseExperiment } from '../engine/experiment/schema';
import { describeWork, estimateWork, needsConfirmation } from '../engine/experiment/workEstimate';
import { checkCpuWork } from '../engine/session/cpuWork';
import type { TrainingLoop } from '../engine/session/trainingLoop';
import { experimentFragment, readExperimentFragment } from './shareLink';
import type { StoreEnv } from './storeEnv';
import type { ExperimentSlice, TrainingState } from './trainingTypes';
import { pushUndo } from './undoStack';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The draft with `change` applied, parsed; or the problems with it. */
export function applyChange(experiment: Experiment, change: (draft: Experiment) => void): Experiment | string[] {
  const draft = structuredClone(experiment);
  change(draft);
  try {
    return parseExperiment(draft);
  } catch (error) {
    return error instanceof ExperimentError ? error.problems : [message(error)];
  }
}

export const createExperimentSlice =
  (loop: TrainingLoop, env: StoreEnv): StateCreator<TrainingState, [], [], ExperimentSlice> =>
  (set, get) => {
    // Every committed change keeps the settings before it for "Undo", except an undo itself.
    // `previous` is read before the loop runs: its report may already have set the new experiment.
    const commit = (experiment: Experiment, { undoable = true, previous = get().experiment } = {}) => {
      const undoStack = undoable && previous !== experiment ? pushUndo(get().undoStack, previous) : get().undoStack;
      // The main view no longer trains the sweep's base: the link becomes its run.
      set({
        experiment,
        undoStack,
        sweepLink: null,
        ...(experiment.loss.mode === 'nt-xent' ? { temperature: experiment.loss.temperature } : {}),
      });
      env.url.replace(experimentFragment(experiment));
    };
    /** Moves the run to `next` (live or by a restart the loop decides) and commits it; the problems otherwise. */
    const take = (next: Experiment, label: string | undefined, undoable: boolean): string[] => {
      const previous = get().experiment;
      try {
        loop.update(next, label);
      } catch (error) {
        return [message(error)];
      }
      commit(next, { undoable, previous });
      return [];
    };

    // The page opens on a preset (the default experiment as "Spiral basics"), so it can say what to watch.
    const opening: Experiment = presetById('spiral-basics').experiment;
    return {
      experiment: opening,
      csv: null,
      temperature: 0.5,
      undoStack: [],
      baseline: null,
      linkedSweep: null,
      sweepLink: null,

      async init(engine) {
        if (loop.engine) return;
        const link = readExperimentFragment(env.url.hash());
        // A link's sweep goes to the Sweep panel; the main view trains its base experiment.
        const swept = link.kind === 'ok' && link.experiment.sweep ? link.experiment : null;
        if (link.kind === 'ok' && link.experiment.sweep) {
          const { sweep, ...single } = link.experiment;
          set({ linkedSweep: sweep });
          link.experiment = single;
        }
        let experiment: Experiment = opening;
        if (link.kind === 'ok' && link.experiment.data.source === 'csv') {
          get().notify(
            `This link trains on a CSV file, "${link.experiment.data.file}", which a link cannot carry. Upload it in the Data panel to continue; meanwhile the page shows the default experiment.`,
            'warning',
          );
        } else if (link.kind === 'ok' && needsConfirmation(estimateWork(link.experiment))) {
          // Anyone can send a link: a large one runs only once the person opening it agrees.
          set({ pendingLink: { experiment: link.experiment, work: describeWork(estimateWork(link.experiment)) } });
        } else if (link.kind === 'ok') {
          experiment = link.experiment;
          // Copied again before anything changes, the link is the same sweep.
          if (swept) set({ sweepLink: swept });
        } else if (link.kind === 'rejected') {
          get().notify(
            `The shared link could not be used, so the page opened the default experiment. Rejected: ${link.problems.join('; ')}.`,
            'warning',
          );
        }
        // The controls show the step-0 settings; the run replays a link's live changes at their steps.
        const stepZero = startSettings(experiment);
        const title = stepZero.preset ? `preset "${presetById(stepZero.preset).title}"` : 'the opening experiment';
        set({ experiment: stepZero, baseline: { experiment: stepZero, title } });
        // A pending link stays in the address bar, so that a reload asks again.
        if (!get().pendingLink) env.url.replace(experimentFragment(get().sweepLink ?? experiment));
        await loop.start(engine, experiment);
      },

      edit(change, label) {
        const next = applyChange(get().experiment, change);
        if (Array.isArray(next)) return next;
        return take(next, label, true);
      },

      undo() {
        const stack = get().undoStack;
        const previous = stack.at(-1);
        if (!previous) return ['there is no setting change to undo'];
        // The label is left to the loop, so that the marker says what the undo changed.
        const problems = take(previous, undefined, false);
        if (problems.length === 0) set({ undoStack: stack.slice(0, -1) });
        return problems;
      },

      revertToPreset() {
        const baseline = get().baseline;
        if (!baseline) return ['no preset has been loaded yet'];
        if (get().experiment === baseline.experiment) return [];
        return take(baseline.experiment, `back to ${baseline.title}`, true);
      },

      setTemperature(value) {
        if (!inRange(value, RANGES.temperature)) return [`temperature must be ${describeRange(RANGES.temperature)}, got ${value}`];
        set({ temperature: value });
        if (get().experiment.loss.mode !== 'nt-xent') return [];
        return get().edit((draft) => {
          if (draft.loss.mode === 'nt-xent') draft.loss.temperature = value;
        }, `temperature ${value}`);
      },

      loadPreset(id) {
        const { experiment, title } = presetById(id);
        const next = structuredClone(experiment);
        const previous = get().experiment;
        void loop.replace(next, `preset "${title}"`);
        commit(next, { previous });
        set({ baseline: { experiment: next, title: `preset "${title}"` } });
      },

      openExperiment(experiment, label) {
        const next = structuredClone(experiment);
        const previous = get().experiment;
        void loop.replace(next, label);
        commit(next, { previous });
      },

      regenerate() {
        get().edit((draft) => {
          draft.seed = (draft.seed + 1) % 2 ** 32;
        });
      },

      setValidationFraction(value) {
        const csv = get().csv;
        let batchNotice: string | null = null;
        const problems = get().edit((draft) => {
          draft.preparation.validationFraction = value;
          // A larger share can leave an uploaded file fewer training rows than a batch: adapt, as an upload does.
          if (draft.data.source === 'csv' && csv && inRange(value, RANGES.validationFraction)) {
            const counts = csv.labelMapping.map((entry) => entry.count);
            const fit = fitBatchSize(draft.training.batchSize, counts, value, csv.name);
            draft.training.batchSize = fit.batchSize;
            batchNotice = fit.notice;
          }
        });
        if (problems.length === 0 && batchNotice) get().notify(batchNotice);
        return problems;
      },

      async previewCsv(file) {
        return previewCsvFromBytes(new Uint8Array(await file.arrayBuffer()));
      },

      async uploadCsv(file, { labelColumn, dropMissing = false } = {}) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        // Parsed here first, so that a bad file is reported and nothing of it is kept.
        const dataset = await loadCsvFromBytes(bytes, file.name, { labelColumn, dropMissing });
        const { columns, labelMapping, n, droppedRows } = dataset;
        const counts = labelMapping.map((entry) => entry.count);
        let batchNotice: string | null = null;
        const previous = get().csv;
        set({ csv: { name: file.name, bytes, columns, labelMapping, rows: n, droppedRows } });
        const problems = get().edit((draft) => {
          draft.data = { source: 'csv', file: file.name, labelColumn: dataset.labelColumnIndex, ...(dropMissing ? { dropMissing } : {}) };
          const fit = fitBatchSize(draft.training.batchSize, counts, draft.preparation.validationFraction, file.name);
          draft.training.batchSize = fit.batchSize;
          batchNotice = fit.notice;
          if (draft.loss.mode === 'nt-xent' && draft.loss.augmentation.kind === 'points') {
            draft.loss.augmentation = { kind: 'pixels', noise: 0.1, dropout: 0.1 };
          }
          if (draft.loss.mode === 'cross-entropy' && draft.loss.classWeights.kind === 'custom')
            draft.loss.classWeights = { kind: 'uniform' };
        });
        if (problems.length > 0) {
          set({ csv: previous });
          throw new Error(problems.join('; '));
        }
        if (batchNotice) get().notify(batchNotice);
      },

      trainedExperiment() {
        const { trained, experiment, step } = get();
        const run = trained ?? experiment;
        // The steps trained, so that the export replays this run to where it is (and the runner runs as long).
        return parseExperiment(step > 0 ? { ...run, training: { ...run.training, steps: step } } : run);
      },

      pendingLink: null,

      openPendingLink() {
        const pending = get().pendingLink;
        const engine = loop.engine;
        if (!pending || !engine) return;
        set({ pendingLink: null });
        try {
          checkCpuWork(pending.experiment, engine.backend);
        } catch (error) {
          get().notify(`The shared experiment cannot run here, so the page keeps the default one. ${message(error)}.`, 'warning');
          env.url.replace(experimentFragment(get().experiment));
          return;
        }
        void loop.replace(pending.experiment, 'the shared link, as confirmed');
        commit(pending.experiment);
        // A pending link's sweep is the one it carried (linkedSweep): the link is that sweep again.
        const sweep = get().linkedSweep;
        if (sweep) get().shareSweep({ ...pending.experiment, sweep });
      },

      dismissPendingLink() {
        set({ pendingLink: null });
        env.url.replace(experimentFragment(get().experiment));
      },

      shareSweep(swept) {
        set({ sweepLink: swept });
        env.url.replace(experimentFragment(swept));
      },

      shareUrl() {
        return `${env.url.page()}${experimentFragment(get().sweepLink ?? get().trainedExperiment())}`;
      },
    };
  };
