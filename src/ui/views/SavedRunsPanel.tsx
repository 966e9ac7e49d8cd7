// Saved runs: keep the current run under a name (IndexedDB), list, delete, export and import runs,
// and tick any number of them to overlay their curves on the charts, with their full metrics below.
// Loaded lazily: it is not on the first screen.
import { useEffect, useId, useState } from 'react';
import { useTrainingStore } from '../../store/trainingStore';
import type { SavedRun } from '../../store/trainingTypes';
import { Errors } from '../controls/Errors';
import { download } from '../download';
import { RunMetricsTable } from './RunMetricsTable';

const fileName = (name: string) => `xent-lab-run-${name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'run'}.json`;
const last = (run: SavedRun) => run.history.at(-1);
const fixed = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x.toFixed(4) : '—');
const percent = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

function SaveForm({ onProblems }: { onProblems(problems: string[]): void }) {
  const id = useId();
  const [name, setName] = useState('');
  const saveRun = useTrainingStore((s) => s.saveRun);
  const step = useTrainingStore((s) => s.step);
  return (
    <form
      className="save-run"
      onSubmit={(event) => {
        event.preventDefault();
        void saveRun(name).then((problems) => {
          onProblems(problems);
          if (problems.length === 0) setName('');
        });
      }}
    >
      <label htmlFor={id}>Run name</label>
      <input id={id} type="text" value={name} maxLength={60} onChange={(event) => setName(event.target.value)} />
      <button type="submit">Save run</button>
      <span className="field-hint">Keeps the run at step {step}: settings, curves and final metrics, in this browser.</span>
    </form>
  );
}

function ImportField({ onProblems }: { onProblems(problems: string[]): void }) {
  const id = useId();
  const importRun = useTrainingStore((s) => s.importRun);
  return (
    <div className="field">
      <label htmlFor={id}>Import a run (JSON)</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void file.text().then((text) => importRun(text, file.name).then(onProblems));
        }}
      />
    </div>
  );
}

export default function SavedRunsPanel() {
  const savedRuns = useTrainingStore((s) => s.savedRuns);
  const loaded = useTrainingStore((s) => s.savedRunsLoaded);
  const overlaid = useTrainingStore((s) => s.overlaid);
  const setOverlay = useTrainingStore((s) => s.setOverlay);
  const deleteRun = useTrainingStore((s) => s.deleteRun);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (!useTrainingStore.getState().savedRunsLoaded) void useTrainingStore.getState().loadSavedRuns();
  }, []);
  const overlaidRuns = overlaid.flatMap((id) => savedRuns.filter((run) => run.id === id));
  return (
    <section className="panel view saved-runs" aria-labelledby="saved-runs-heading">
      <h2 id="saved-runs-heading">Saved runs</h2>
      <SaveForm onProblems={setProblems} />
      <Errors problems={problems} />
      {!loaded ? (
        <p>Reading the saved runs…</p>
      ) : savedRuns.length === 0 ? (
        <p className="field-hint">No saved runs yet. Saved runs stay in this browser; export one to share it.</p>
      ) : (
        <div className="table-scroll">
          <table className="saved-run-list" aria-label="Saved runs">
            <thead>
              <tr>
                <th scope="col">Overlay</th>
                <th scope="col">Name</th>
                <th scope="col">Saved</th>
                <th scope="col">Steps</th>
                <th scope="col">Validation loss</th>
                <th scope="col">Validation accuracy</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {savedRuns.map((run) => (
                <tr key={run.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Overlay ${run.name}`}
                      checked={overlaid.includes(run.id)}
                      onChange={(event) => setOverlay(run.id, event.target.checked)}
                    />
                  </td>
                  <th scope="row">{run.name}</th>
                  <td>
                    <time dateTime={run.savedAt}>{new Date(run.savedAt).toLocaleString()}</time>
                  </td>
                  <td>{run.metrics?.step ?? last(run)?.step ?? 0}</td>
                  <td>{fixed(last(run)?.validationLossWeighted)}</td>
                  <td>{percent(last(run)?.validationAccuracy)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      aria-label={`Export run ${run.name}`}
                      onClick={async () =>
                        download(fileName(run.name), await useTrainingStore.getState().runJson(run.id), 'application/json')
                      }
                    >
                      Export
                    </button>
                    <button type="button" aria-label={`Delete run ${run.name}`} onClick={() => void deleteRun(run.id).then(setProblems)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ImportField onProblems={setProblems} />
      {overlaidRuns.length > 0 && (
        <>
          <h3>Overlaid runs</h3>
          <p className="field-hint">Their validation curves are drawn on the loss and accuracy charts under their names.</p>
          <RunMetricsTable runs={overlaidRuns} />
        </>
      )}
    </section>
  );
}
