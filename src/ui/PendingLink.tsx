// A shared link whose work estimate is large: it runs only once confirmed; the defaults run meanwhile.
import { useTrainingStore } from '../store/trainingStore';

export function PendingLink() {
  const pending = useTrainingStore((s) => s.pendingLink);
  const open = useTrainingStore((s) => s.openPendingLink);
  const dismiss = useTrainingStore((s) => s.dismissPendingLink);
  if (!pending) return null;
  const { data, model, training } = pending.experiment;
  const samples = 'samples' in data ? `${data.samples.toLocaleString('en')} samples` : data.source;
  const hidden = model.hidden.length === 0 ? 'no hidden layer' : `hidden ${model.hidden.join('×')}`;
  return (
    <div className="notice-box warning" role="alertdialog" aria-labelledby="pending-link-text">
      <p id="pending-link-text">
        <strong>The shared link asks for a lot of work</strong> ({samples}, {hidden}, batch {training.batchSize}): about {pending.work}. It
        could make this tab slow. The page shows the default experiment until you open it.
      </p>
      <button type="button" onClick={open}>
        Open the shared experiment
      </button>{' '}
      <button type="button" onClick={dismiss}>
        Keep the default
      </button>
    </div>
  );
}
