// One notice area: the latest current notice (a restart, a rejected link, a lost device), the
// divergence banner with its rewind, and every earlier notice in a collapsible log. Which notice is
// current is the store's call (runSlice: dismissing, or Play for info notices, retires it).
import { useTrainingStore } from '../store/trainingStore';
import { PendingLink } from './PendingLink';

export function Notices() {
  const notices = useTrainingStore((s) => s.notices);
  const dismiss = useTrainingStore((s) => s.dismissNotice);
  const divergence = useTrainingStore((s) => s.divergence);
  const rewind = useTrainingStore((s) => s.rewind);
  const latest = notices.findLast((n) => n.current);
  // The log keeps the rest: every notice but the one on screen.
  const earlier = notices.filter((n) => n !== latest);
  return (
    <div className="notices">
      <PendingLink />
      {divergence && (
        <div className="notice-box warning" role="alert">
          <p>
            <strong>Training paused at step {divergence.step}.</strong> {divergence.cause} The last good checkpoint is from step{' '}
            {divergence.rewindTo}.
          </p>
          <button type="button" onClick={rewind}>
            Rewind to the last good checkpoint
          </button>
        </div>
      )}
      {latest && (
        <div key={latest.id} className={`notice-box ${latest.tone}`} role={latest.tone === 'warning' ? 'alert' : 'note'}>
          <p>{latest.text}</p>
          <button type="button" onClick={() => dismiss(latest.id)} aria-label="Dismiss this notice">
            Dismiss
          </button>
        </div>
      )}
      {earlier.length > 0 && (
        <details className="notice-log">
          <summary>Notice log ({earlier.length})</summary>
          <ol>
            {earlier.map((n) => (
              <li key={n.id} className={n.tone}>
                {n.text}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
