// Loading a CSV dataset from file bytes, and the datasets shipped in public/datasets. The built-ins
// go through the same parser as an upload, so what works for them works for a user's file.
import { ArgumentError } from '../../core/checks';
import { type CsvDataset, type CsvOptions, parseCsvDataset } from './csv';
import { bytesToCsvText } from './csvBytes';
import { type CsvPreview, previewCsv } from './csvPreview';
import type { Dataset } from './dataset';
import { decodeImageDataset } from './imageDataset';

/** Plain or gzipped UTF-8 CSV bytes, e.g. an uploaded File's arrayBuffer(), as a dataset. */
export async function loadCsvFromBytes(bytes: Uint8Array, name: string, options: Omit<CsvOptions, 'name'> = {}): Promise<CsvDataset> {
  return parseCsvDataset(await bytesToCsvText(bytes), { ...options, name });
}

/** The same bytes as the upload panel's preview: columns, a few rows, the suggested label column. */
export async function previewCsvFromBytes(bytes: Uint8Array): Promise<CsvPreview> {
  return previewCsv(await bytesToCsvText(bytes));
}

export interface BuiltinDataset {
  /** Relative to the site root, i.e. to public/ in the repository. */
  path: string;
  /** The CSV's label column; none for an image file (imageDataset.ts), whose labels are its own. */
  labelColumn?: string;
  /** For the dataset picker. */
  title: string;
}

/** Sources, licences and how the files were made: public/datasets/README.md. */
export const BUILTIN_DATASETS = {
  digits: { path: 'datasets/digits.csv.gz', labelColumn: 'digit', title: 'Handwritten digits, 8×8 pixels (1,797 × 64, 10 classes)' },
  iris: { path: 'datasets/iris.csv', labelColumn: 'species', title: 'Iris flowers (150 × 4, 3 classes)' },
  mnist: { path: 'datasets/mnist-10k.bin.gz', title: 'MNIST digits, 28×28 pixels (10,000 × 784, 10 classes)' },
} as const satisfies Record<string, BuiltinDataset>;
export type BuiltinDatasetName = keyof typeof BUILTIN_DATASETS;

/**
 * `fetchBytes` reads a path of BUILTIN_DATASETS: in the browser, fetch against the app's base URL; in
 * Node tests, a file read under public/. The engine itself stays free of DOM and file system.
 */
export async function loadBuiltinDataset(name: 'digits' | 'iris', fetchBytes: (path: string) => Promise<Uint8Array>): Promise<CsvDataset>;
export async function loadBuiltinDataset(name: BuiltinDatasetName, fetchBytes: (path: string) => Promise<Uint8Array>): Promise<Dataset>;
export async function loadBuiltinDataset(name: BuiltinDatasetName, fetchBytes: (path: string) => Promise<Uint8Array>): Promise<Dataset> {
  if (!Object.hasOwn(BUILTIN_DATASETS, name)) {
    const names = Object.keys(BUILTIN_DATASETS).map((known) => `'${known}'`);
    throw new ArgumentError('name', `must be one of ${names.join(', ')}, got ${JSON.stringify(name)}`);
  }
  const builtin: BuiltinDataset = BUILTIN_DATASETS[name];
  const { path, labelColumn } = builtin;
  if (labelColumn === undefined) return decodeImageDataset(await fetchBytes(path), name);
  // No header option: the header is detected as in an upload, so the built-ins test that path too.
  return loadCsvFromBytes(await fetchBytes(path), name, { labelColumn });
}
