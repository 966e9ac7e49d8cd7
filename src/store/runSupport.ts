// The data files as the page reads them: the app's public/ folder, and an uploaded CSV.
import type { DataFiles } from '../engine/experiment/prepare';
import { useDownloadStore } from './downloadStore';
import type { CsvUpload } from './trainingTypes';

export function browserFiles(csv: () => CsvUpload | null): DataFiles {
  return {
    fetchBytes: fetchWithProgress,
    readUserFile: async (file) => {
      const upload = csv();
      if (!upload || upload.name !== file) throw new Error(`data.file: upload ${JSON.stringify(file)} to train on it`);
      return upload.bytes;
    },
  };
}

/** Reads the body chunk by chunk, publishing bytes so far to the download store for the progress bar. */
async function fetchWithProgress(path: string): Promise<Uint8Array> {
  // Shown from the request on (indeterminate until the headers say how long), cleared however it ends.
  useDownloadStore.setState({ download: { path, loaded: 0, total: null } });
  try {
    const response = await fetch(new URL(path, document.baseURI));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const length = Number(response.headers.get('Content-Length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    useDownloadStore.setState({ download: { path, loaded, total } });
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      chunks.push(chunk.value);
      loaded += chunk.value.length;
      useDownloadStore.setState({ download: { path, loaded, total } });
    }
    return concatenate(chunks, loaded);
  } finally {
    useDownloadStore.setState({ download: null });
  }
}

function concatenate(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
