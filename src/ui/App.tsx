import { lazy, Suspense, useEffect } from 'react';
import { useLabStore } from '../store/labStore';
import { useTrainingStore } from '../store/trainingStore';
import { BackendStatus } from './BackendStatus';
import { CrossEntropyExample } from './CrossEntropyExample';
import { KeyboardSupport } from './KeyboardSupport';
import { Notices } from './Notices';
import { Presets } from './Presets';
import { DataPanel } from './panels/DataPanel';
import { LossPanel } from './panels/LossPanel';
import { ModelPanel } from './panels/ModelPanel';
import { SectionBoundary } from './SectionBoundary';
import { SelfCheckPanel } from './SelfCheckPanel';
import { TrainingStatus } from './TrainingStatus';
import { TransportBar } from './TransportBar';
import { ComparePanel } from './views/ComparePanel';
import { ConfusionMatrix } from './views/ConfusionMatrix';
import { DecisionBoundary } from './views/DecisionBoundary';
import { DigitGallery } from './views/DigitGallery';
import { Inspector } from './views/Inspector';
import { LessonCurves } from './views/LessonCurves';
import { LossCurves } from './views/LossCurves';

// Rarely opened views load on demand, keeping the first load small.
const ContrastiveViews = lazy(() => import('./views/ContrastiveViews'));
const ExportPanel = lazy(() => import('./ExportPanel'));
const SavedRunsPanel = lazy(() => import('./views/SavedRunsPanel'));
const SimplexView = lazy(() => import('./views/SimplexView'));
const SweepPanel = lazy(() => import('./sweep/SweepPanel'));

export function App() {
  const start = useLabStore((s) => s.start);
  const engine = useLabStore((s) => s.engine);
  const contrastive = useTrainingStore((s) => s.experiment.loss.mode === 'nt-xent');
  useEffect(() => {
    void start();
  }, [start]);
  // The kernel example below the playground waits for training's first measurement: on an emulated
  // GPU its pipelines would otherwise compile alongside the trainer's and delay the first step.
  const measured = useTrainingStore((s) => s.snapshot !== null);
  useEffect(() => {
    if (engine) void useTrainingStore.getState().init(engine);
  }, [engine]);
  useEffect(() => {
    const lab = useLabStore.getState();
    if (measured && lab.example.value === null && !lab.example.busy) void lab.newExample();
  }, [measured]);
  return (
    <>
      <KeyboardSupport />
      <header className="app-header">
        <h1>xent-lab</h1>
        <p>Cross-entropy you can see: an MLP trains on your GPU through WebGPU, with PyTorch's exact loss semantics.</p>
        <BackendStatus />
      </header>
      <main>
        <div className="sticky-bar">
          <TransportBar />
          <TrainingStatus />
        </div>
        <Notices />
        <SectionBoundary name="the presets">
          <Presets />
        </SectionBoundary>
        <div className="layout">
          <div className="controls-column">
            <SectionBoundary name="the data panel">
              <DataPanel />
            </SectionBoundary>
            <SectionBoundary name="the model panel">
              <ModelPanel />
            </SectionBoundary>
            <SectionBoundary name="the loss panel">
              <LossPanel />
            </SectionBoundary>
          </div>
          <div className="views-column">
            <SectionBoundary name="the loss curves">
              <LossCurves />
            </SectionBoundary>
            {!contrastive && (
              <SectionBoundary name="the lesson curves">
                <LessonCurves />
              </SectionBoundary>
            )}
            <SectionBoundary name="the decision boundary">
              <DecisionBoundary />
              <Suspense fallback={null}>
                <SimplexView />
              </Suspense>
            </SectionBoundary>
            {contrastive ? (
              <SectionBoundary name="the embedding views">
                <Suspense fallback={<p>Loading the embedding views…</p>}>
                  <ContrastiveViews />
                </Suspense>
              </SectionBoundary>
            ) : (
              <SectionBoundary name="the confusion matrix">
                <ConfusionMatrix />
              </SectionBoundary>
            )}
            <SectionBoundary name="the digit gallery">
              <DigitGallery />
            </SectionBoundary>
            <SectionBoundary name="the inspector">
              <Inspector />
            </SectionBoundary>
            <SectionBoundary name="the comparison">
              <ComparePanel />
            </SectionBoundary>
            <SectionBoundary name="the saved runs">
              <Suspense fallback={<p>Loading the saved runs…</p>}>
                <SavedRunsPanel />
              </Suspense>
            </SectionBoundary>
            <SectionBoundary name="the sweep">
              <Suspense fallback={<p>Loading the sweep panel…</p>}>
                <SweepPanel />
              </Suspense>
            </SectionBoundary>
            <SectionBoundary name="the export tools">
              <Suspense fallback={<p>Loading the export tools…</p>}>
                <ExportPanel />
              </Suspense>
            </SectionBoundary>
          </div>
        </div>
        <section className="panel under-the-hood" aria-labelledby="hood-heading">
          <h2 id="hood-heading">Under the hood</h2>
          <SectionBoundary name="the cross-entropy example">
            <CrossEntropyExample />
          </SectionBoundary>
          <SectionBoundary name="the self-check">
            <SelfCheckPanel />
          </SectionBoundary>
        </section>
      </main>
    </>
  );
}
