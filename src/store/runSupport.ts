// What the training store needs from the browser and says to the user: the data files (the app's
// public/ folder and an uploaded CSV), and the explanation of a divergence.
import type { DataFiles } from '../engine/experiment/prepare';
import type { Experiment } from '../engine/experiment/schema';
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

/** The learning rate's share of a divergence: what to tell the user. */
export function divergenceCause(loss: number, experiment: Experiment): string {
  const { kind, lr } = experiment.optimizer;
  return `The training loss became ${loss}. A learning rate of ${lr} is probably too large for ${kind.toUpperCase()} here: the updates overshoot until the numbers overflow. Rewind, then lower the learning rate (try ${lr / 10}).`;
}
