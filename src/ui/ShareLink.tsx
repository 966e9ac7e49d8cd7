// "Copy link": the experiment as trained so far (its settings and live changes), or the sweep while
// the main view trains the sweep's base, in the address's fragment, copied to the clipboard and shown in a box for when the clipboard is not available. In the
// page header, so that it stays reachable on a phone, whose transport bar has room only for the buttons.
import { useId, useState } from 'react';
import { useTrainingStore } from '../store/trainingStore';

export function ShareLink() {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const copy = async () => {
    const link = useTrainingStore.getState().shareUrl();
    setUrl(link);
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Link copied to the clipboard.');
    } catch {
      setCopied('The clipboard is not available here: copy the link from the box.');
    }
  };
  return (
    <div className="share">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      {url && (
        <div className="field">
          <label htmlFor={id}>Share link</label>
          <input id={id} type="text" readOnly value={url} onFocus={(event) => event.target.select()} />
        </div>
      )}
      <span role="status" className="field-hint">
        {copied}
      </span>
    </div>
  );
}
