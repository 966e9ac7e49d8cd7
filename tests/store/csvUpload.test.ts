// Uploading a CSV through the store, in Node on the CPU engine: the preview before loading, the label
// column chosen there, rows with missing values dropped on request, and a file smaller than the batch
// size adapting with a notice that names both values instead of stopping.
import { describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEngine } from '../../src/engine/createEngine';
import type { StoreEnv } from '../../src/store/storeEnv';
import { trainingStoreCreator } from '../../src/store/trainingStore';
import type { TrainingState } from '../../src/store/trainingTypes';
import { FakeFrames, settle } from '../support/fakeFrames';
import { readPublicFile } from '../support/publicFiles';

async function startStore() {
  const frames = new FakeFrames();
  const env: StoreEnv = {
    scheduler: frames,
    files: (csv) => ({
      fetchBytes: readPublicFile,
      readUserFile: async (file) => {
        const upload = csv();
        if (!upload || upload.name !== file) throw new Error(`no upload named ${file}`);
        return upload.bytes;
      },
    }),
    replaceEngine: () => createEngine({ backend: 'cpu' }),
    engineReplaced: () => {},
    url: { hash: () => '', replace: () => {}, page: () => 'http://lab.test/' },
  };
  const store: StoreApi<TrainingState> = createStore<TrainingState>()(trainingStoreCreator(env));
  await store.getState().init(await createEngine({ backend: 'cpu' }));
  await frames.frames(3);
  return { store, frames };
}

/** 30 rows, species first, ';' and decimal commas, 2 rows with a missing value: 28 rows once dropped. */
function smallIris(): File {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const species = ['setosa', 'versicolor', 'virginica'][i % 3];
    const width = i === 4 ? 'NA' : i === 9 ? '' : `${3 + (i % 3)},${i % 10}`;
    return `${species};${4 + (i % 3)},${i % 10};${width}`;
  });
  return new File([`species;sepal_length;sepal_width\n${rows.join('\n')}\n`], 'small-iris.csv');
}

describe('CSV upload through the store', () => {
  it('previews the file before loading: the text label column first, the rows with missing values counted', async () => {
    const { store } = await startStore();
    const preview = await store.getState().previewCsv(smallIris());
    expect([preview.delimiter, preview.decimalComma, preview.labelColumn, preview.missingRows, preview.rows]).toEqual([
      ';',
      true,
      0,
      2,
      30,
    ]);
    expect(store.getState().csv).toBeNull();
    expect(store.getState().experiment.data.source).toBe('spirals');
  });

  it('loads with the chosen label column, drops the missing rows, and brings the batch size down with a notice', async () => {
    const { store, frames } = await startStore();
    expect(store.getState().experiment.training.batchSize).toBe(64);
    await store.getState().uploadCsv(smallIris(), { labelColumn: 0, dropMissing: true });
    const { experiment, csv, notices } = store.getState();
    expect(experiment.data).toEqual({ source: 'csv', file: 'small-iris.csv', labelColumn: 0, dropMissing: true });
    expect([csv?.rows, csv?.droppedRows]).toEqual([28, 2]);
    // 28 rows in 3 classes (9, 9, 10 after the drop); 20% of each held out (2, 2, 2) leaves 22.
    expect(experiment.training.batchSize).toBe(22);
    expect(notices.at(-1)?.text).toBe(
      'Batch size 64 → 22: small-iris.csv leaves 22 training rows after the 20% validation share, fewer than a batch of 64.',
    );
    await settle();
    // The first step follows the first measurement, which the CPU backend runs in chunks across frames.
    for (let i = 0; i < 100 && store.getState().step === 0; i++) await frames.frame();
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().error).toBeNull();
    expect(store.getState().step).toBeGreaterThan(0);

    // A larger validation share leaves fewer training rows: 9 − 5, 9 − 5 and 10 − 5 (round(4.5) is 5) = 13.
    expect(store.getState().setValidationFraction(0.5)).toEqual([]);
    expect(store.getState().experiment.training.batchSize).toBe(13);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Batch size 22 → 13: small-iris.csv leaves 13 training rows after the 50% validation share, fewer than a batch of 22.',
    );
    await settle();
    // The first step follows the first measurement, which the CPU backend runs in chunks across frames.
    for (let i = 0; i < 100 && store.getState().step === 0; i++) await frames.frame();
    expect(store.getState().phase).toBe('ready');
    // A smaller share leaves the batch as it is, with no new notice.
    const noticeCount = store.getState().notices.length;
    expect(store.getState().setValidationFraction(0.1)).toEqual([]);
    expect(store.getState().experiment.training.batchSize).toBe(13);
    expect(store.getState().notices).toHaveLength(noticeCount);
  });

  it('refuses the file without dropMissing, naming the line, the column and the way out, and keeps the run', async () => {
    const { store } = await startStore();
    await expect(store.getState().uploadCsv(smallIris(), { labelColumn: 0 })).rejects.toThrow(
      'line 6, column "sepal_width": the value is missing ("NA"); 2 rows have missing values: drop them ("Drop rows with missing values", or dropMissing: true in a config), or fill them in',
    );
    expect(store.getState().experiment.data.source).toBe('spirals');
    expect(store.getState().csv).toBeNull();
  });
});
