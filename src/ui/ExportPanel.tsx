// Export: the loss history as CSV, the charts as PNG, the experiment as JSON, and a PyTorch script
// that reproduces the run. Loaded lazily: most visits never open it.
import { useState } from 'react';
import { historyCsv } from '../engine/export/historyCsv';
import { pytorchScriptPacked } from '../engine/export/pytorchScript';
import { useTrainingStore } from '../store/trainingStore';
import { chartToPng } from './chartPng';
import { download } from './download';

export default function ExportPanel() {
  const [problem, setProblem] = useState<string | null>(null);
  const attempt = (work: () => Promise<void> | void) => async () => {
    try {
      setProblem(null);
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  // The run as trained: step-0 settings, the live changes at their steps, and the steps trained.
  const experimentJson = () =>
    download('experiment.json', `${JSON.stringify(useTrainingStore.getState().trainedExperiment(), null, 2)}\n`, 'application/json');
  const history = () => download('xent-lab-history.csv', historyCsv(useTrainingStore.getState().history), 'text/csv');
  const script = async () => {
    const { data, history, trainedExperiment } = useTrainingStore.getState();
    if (!data) throw new Error('the data is still being prepared');
    // It prints its metrics at the steps the page measured, to compare line by line with the history CSV.
    // Packed: MNIST's arrays as decimals would be a 37.5 MB file; packed it is ~4 MB.
    const text = await pytorchScriptPacked({ experiment: trainedExperiment(), data, measuredSteps: history.map((p) => p.step) });
    // Not named after a standard-library module (e.g. nt.py), which would shadow it for `import torch`.
    download('xent_lab_run.py', text, 'text/x-python');
  };
  const charts = async () => {
    // Every chart on screen is a <figure data-chart="name" data-chart-title="Title">.
    const figures = document.querySelectorAll<HTMLElement>('figure[data-chart][data-chart-title]');
    if (figures.length === 0) throw new Error('no chart is on screen yet');
    for (const figure of figures) download(`xent-lab-${figure.dataset.chart}.png`, await chartToPng(figure));
  };
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <div className="export-buttons">
        <button type="button" onClick={attempt(history)}>
          History as CSV
        </button>
        <button type="button" onClick={attempt(experimentJson)}>
          Experiment as JSON
        </button>
        <button type="button" onClick={attempt(charts)}>
          Charts as PNG
        </button>
        <button type="button" onClick={attempt(script)}>
          PyTorch script
        </button>
      </div>
      <p className="field-hint">
        The PyTorch script embeds this run's prepared data and initial weights and replays the same mini-batches with{' '}
        <code>nn.CrossEntropyLoss</code> (or NT-Xent) and the same optimizer: run it with <code>python3 xent_lab_run.py</code>.
      </p>
      {problem && (
        <p className="field-error" role="alert">
          Export failed: {problem}
        </p>
      )}
    </section>
  );
}
