// Notices (a restart, a rejected link, a lost device) and the divergence banner with its rewind.
import { useTrainingStore } from '../store/trainingStore';
import { PendingLink } from './PendingLink';

export function Notices() {
  const notices = useTrainingStore((s) => s.notices);
  const dismiss = useTrainingStore((s) => s.dismissNotice);
  const divergence = useTrainingStore((s) => s.divergence);
  const rewind = useTrainingStore((s) => s.rewind);
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
      {notices.map((notice) => (
        <div key={notice.id} className={`notice-box ${notice.tone}`} role={notice.tone === 'warning' ? 'alert' : 'note'}>
          <p>{notice.text}</p>
          <button type="button" onClick={() => dismiss(notice.id)} aria-label="Dismiss this notice">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
