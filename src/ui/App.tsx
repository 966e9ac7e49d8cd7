import { lazy, Suspense, useEffect, useRef } from 'react';
import { useLabStore } from '../store/labStore';
import { useTrainingStore } from '../store/trainingStore';
import './layout/lab.css';
import { BackendStatus } from './BackendStatus';
import { KeyboardSupport } from './KeyboardSupport';
import { Fold } from './layout/Fold';
import { useDetailsMounted } from './layout/useDetailsMounted';
import { Notices } from './Notices';
import { Presets } from './Presets';
import { DataPanel } from './panels/DataPanel';
import { LossPanel } from './panels/LossPanel';
import { ModelPanel } from './panels/ModelPanel';
import { SectionBoundary } from './SectionBoundary';
import { ShareLink } from './ShareLink';
import { TrainingStatus } from './TrainingStatus';
import { TransportBar } from './TransportBar';
import { DecisionBoundary } from './views/DecisionBoundary';
import { LossCurves } from './views/LossCurves';

// The one-screen lab loads first; the detail views below it load on demand, keeping the first load small.
const loadDetailViews = () => import('./layout/DetailViews');
const DetailViews = lazy(loadDetailViews);

export function App() {
  const start = useLabStore((s) => s.start);
  const engine = useLabStore((s) => s.engine);
  useEffect(() => {
    void start();
  }, [start]);
  // The kernel example under the hood waits for training's first measurement: on an emulated
  // GPU its pipelines would otherwise compile alongside the trainer's and delay the first step.
  const measured = useTrainingStore((s) => s.snapshot !== null);
  const detailsPlaceholder = useRef<HTMLParagraphElement>(null);
  const detailsMounted = useDetailsMounted(detailsPlaceholder);
  useEffect(() => {
    if (engine) void useTrainingStore.getState().init(engine);
  }, [engine]);
  useEffect(() => {
    const lab = useLabStore.getState();
    if (measured && lab.example.value === null && !lab.example.busy) void lab.newExample();
    // Fetched while the first steps run, so that they render at once when they mount.
    if (measured) void loadDetailViews();
  }, [measured]);
  return (
    <>
      <KeyboardSupport />
      <header className="app-header">
        <h1>xent-lab</h1>
        <p>Cross-entropy you can see, trained on your GPU with PyTorch's loss semantics.</p>
        <BackendStatus />
        <ShareLink />
      </header>
      <main>
        <section className="sticky-bar" aria-label="Transport">
          <TransportBar />
          <TrainingStatus />
        </section>
        <Notices />
        <SectionBoundary name="the presets">
          <Presets />
        </SectionBoundary>
        <div className="lab">
          <div className="lab-views">
            <SectionBoundary name="the decision boundary">
              <DecisionBoundary />
            </SectionBoundary>
            <SectionBoundary name="the loss curves">
              <LossCurves />
            </SectionBoundary>
          </div>
          <div className="lab-controls">
            <Fold title="Data">
              <SectionBoundary name="the data panel">
                <DataPanel />
              </SectionBoundary>
            </Fold>
            <Fold title="Model">
              <SectionBoundary name="the model panel">
                <ModelPanel />
              </SectionBoundary>
            </Fold>
            <Fold title="Objective">
              <SectionBoundary name="the loss panel">
                <LossPanel />
              </SectionBoundary>
            </Fold>
          </div>
        </div>
        {detailsMounted ? (
          <Suspense fallback={<p>Loading the detail views…</p>}>
            <DetailViews />
          </Suspense>
        ) : (
          <p ref={detailsPlaceholder}>The detail views come with the first training step…</p>
        )}
      </main>
    </>
  );
}
