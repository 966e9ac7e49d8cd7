// The detail views below the lab's first screen: calibration and recall curves, the confusion
// matrix (or the embedding views), the probability simplex, digits, the inspector, the A/B
// comparison, saved runs, the sweep, exports and "Under the hood". Loaded on demand (App.tsx), so the first load carries only the one-screen lab.
import { lazy, Suspense } from 'react';
import { useTrainingStore } from '../../store/trainingStore';
import { CrossEntropyExample } from '../CrossEntropyExample';
import { SectionBoundary } from '../SectionBoundary';
import { SelfCheckPanel } from '../SelfCheckPanel';
import { ComparePanel } from '../views/ComparePanel';
import { ConfusionMatrix } from '../views/ConfusionMatrix';
import { DigitGallery } from '../views/DigitGallery';
import { Inspector } from '../views/Inspector';
import { LessonCurves } from '../views/LessonCurves';

const ContrastiveViews = lazy(() => import('../views/ContrastiveViews'));
const ExportPanel = lazy(() => import('../ExportPanel'));
const SavedRunsPanel = lazy(() => import('../views/SavedRunsPanel'));
const SimplexView = lazy(() => import('../views/SimplexView'));
const SweepPanel = lazy(() => import('../sweep/SweepPanel'));

export default function DetailViews() {
  const contrastive = useTrainingStore((s) => s.experiment.loss.mode === 'nt-xent');
  return (
    <>
      <div className="details-grid">
        <SectionBoundary name="the probability simplex">
          <Suspense fallback={null}>
            <SimplexView />
          </Suspense>
        </SectionBoundary>
        {!contrastive && (
          <SectionBoundary name="the lesson curves">
            <LessonCurves />
          </SectionBoundary>
        )}
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
      <section className="panel under-the-hood" aria-labelledby="hood-heading">
        <h2 id="hood-heading">Under the hood</h2>
        <SectionBoundary name="the cross-entropy example">
          <CrossEntropyExample />
        </SectionBoundary>
        <SectionBoundary name="the self-check">
          <SelfCheckPanel />
        </SectionBoundary>
      </section>
    </>
  );
}
