// The progress bar of a built-in data file on its way (MNIST: 1.6 MB), shown only while it loads.
import { useDownloadStore } from '../../store/downloadStore';

const NAMES: Record<string, string> = { 'datasets/mnist-10k.bin.gz': 'MNIST' };

export function DownloadProgress() {
  const download = useDownloadStore((s) => s.download);
  if (!download) return null;
  const name = NAMES[download.path] ?? download.path;
  const { loaded, total } = download;
  const percent = total ? Math.min(100, Math.round((100 * loaded) / total)) : undefined;
  return (
    <div className="download-progress">
      <progress aria-label={`Loading ${name}`} aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} max={100} value={percent} />
      <span className="field-hint">
        {(loaded / 1e6).toFixed(1)}
        {total ? ` of ${(total / 1e6).toFixed(1)}` : ''} MB
      </span>
    </div>
  );
}
