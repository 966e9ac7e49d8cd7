// The data files as the page reads them: the app's public/ folder, and an uploaded CSV.
import type { DataFiles } from '../engine/experiment/prepare';
import type { CsvUpload } from './trainingTypes';

export function browserFiles(csv: () => CsvUpload | null): DataFiles {
  return {
    fetchBytes: async (path) => {
      const response = await fetch(new URL(path, document.baseURI));
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    readUserFile: async (file) => {
      const upload = csv();
      if (!upload || upload.name !== file) throw new Error(`data.file: upload ${JSON.stringify(file)} to train on it`);
      return upload.bytes;
    },
  };
}
