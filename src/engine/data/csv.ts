// A user's CSV file as a dataset: numeric feature columns and one label column, string labels encoded
// to class indices. Built-in datasets load through here too. The file either loads completely or the
// call throws: a CsvError naming the 1-based line and column, or an ArgumentError for a bad option.
import { ArgumentError } from '../../core/checks';
import { columnNames, labelColumnIndex } from './csvColumns';
import { CsvError } from './csvError';
import { encodeLabels, type LabelClass } from './csvLabels';
import { checkTextLength } from './csvLimits';
import { parseFeatureValue } from './csvNumber';
import { readCsvRows } from './csvRows';
import type { Dataset } from './dataset';

export interface CsvOptions {
  /** Dataset name for the UI, e.g. the file name. */
  name: string;
  /** The label column: a header name, or a 0-based index. Default: the last column. */
  labelColumn?: string | number;
  /** Whether the first row names the columns. Default 'auto': see looksLikeHeader. */
  header?: boolean | 'auto';
}

export interface CsvDataset extends Dataset {
  /** [d] names of the feature columns, in file order without the label column. */
  featureNames: string[];
  /** [classes] what each class index stands for; classNames holds the same names. */
  labelMapping: LabelClass[];
  /** Every column's name in file order (generated names where the file has no header), and which one held the labels. */
  columns: string[];
  labelColumnIndex: number;
}

export function parseCsvDataset(text: string, options: CsvOptions): CsvDataset {
  if (typeof options.name !== 'string' || options.name === '') throw new ArgumentError('name', 'must be a non-empty string');
  checkTextLength(text);
  const { rows, hasHeader } = readCsvRows(text, options.header ?? 'auto');
  if (rows.length === 0) throw new CsvError('the file is empty');
  if (rows.length === 1) {
    throw new CsvError('the file has a single row; a dataset needs rows of at least two classes', { line: rows[0].line });
  }

  const names = columnNames(rows[0].cells, hasHeader);
  if (names.length < 2) throw new CsvError('the file has one column; it needs feature columns and a label column', { line: rows[0].line });
  const labelIndex = labelColumnIndex(options.labelColumn, names);
  const dataRows = hasHeader ? rows.slice(1) : rows;
  const featureColumns = names.map((_, i) => i).filter((i) => i !== labelIndex);
  const featureNames = featureColumns.map((i) => names[i]);

  const n = dataRows.length;
  const d = featureColumns.length;
  const features = new Float32Array(n * d);
  const labelCells: string[] = [];
  dataRows.forEach(({ line, cells }, row) => {
    checkWidth(line, cells, names, rows[0].line);
    featureColumns.forEach((column, j) => {
      const parsed = parseFeatureValue(cells[column]);
      if ('problem' in parsed) throw new CsvError(parsed.problem, { line, column: column + 1, columnName: names[column] });
      features[row * d + j] = parsed.value;
    });
    const label = cells[labelIndex];
    if (label === '') throw new CsvError('the label is empty', { line, column: labelIndex + 1, columnName: names[labelIndex] });
    labelCells.push(label);
  });

  const { labels, mapping } = encodeLabels(labelCells);
  if (mapping.length < 2) {
    const problem = `every row has the label ${JSON.stringify(mapping[0].name)}; training needs at least two classes`;
    throw new CsvError(problem, { column: labelIndex + 1, columnName: names[labelIndex] });
  }
  const classNames = mapping.map((entry) => entry.name);
  return {
    name: options.name,
    features,
    labels,
    n,
    d,
    classes: mapping.length,
    classNames,
    featureNames,
    labelMapping: mapping,
    columns: names,
    labelColumnIndex: labelIndex,
  };
}

/** A ragged row, pointed at its first missing or first extra column. */
function checkWidth(line: number, cells: string[], names: string[], firstLine: number): void {
  if (cells.length === names.length) return;
  const short = cells.length < names.length;
  const problem = `the row has ${cells.length} columns, expected ${names.length} as on line ${firstLine}, so this one is ${short ? 'missing' : 'extra'}`;
  const column = short ? cells.length + 1 : names.length + 1;
  throw new CsvError(problem, { line, column, columnName: short ? names[cells.length] : undefined });
}
