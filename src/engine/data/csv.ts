// A user's CSV file as a dataset: numeric feature columns and one label column, string labels encoded
// to class indices. Built-in datasets load through here too. The file either loads completely or the
// call throws: a CsvError naming the 1-based line and column and a way out, or an ArgumentError for a
// bad option. Rows with a missing value are dropped only when asked, and counted.
import { ArgumentError } from '../../core/checks';
import { RANGES } from '../experiment/ranges';
import { labelColumnIndex } from './csvColumns';
import { CsvError } from './csvError';
import { encodeLabels, type LabelClass } from './csvLabels';
import { isMissing, parseFeatureValue } from './csvNumber';
import { type CsvTable, findMissing, readCsvTable, suggestedLabelColumn } from './csvTable';
import { quoteCell } from './csvText';
import type { Dataset } from './dataset';

export interface CsvOptions {
  /** Dataset name for the UI, e.g. the file name. */
  name: string;
  /**
   * The label column: a header name, or a 0-based index. Default: the column holding text (the last
   * of them if several), else the last column.
   */
  labelColumn?: string | number;
  /** Whether the first row names the columns. Default 'auto': see looksLikeHeader. */
  header?: boolean | 'auto';
  /** Drop the rows with a missing value (empty, NA, N/A, NaN, null, ?) instead of refusing the file. Default false. */
  dropMissing?: boolean;
}

export interface CsvDataset extends Dataset {
  /** [d] names of the feature columns, in file order without the label column. */
  featureNames: string[];
  /** [classes] what each class index stands for; classNames holds the same names. */
  labelMapping: LabelClass[];
  /** Every column's name in file order (generated names where the file has no header), and which one held the labels. */
  columns: string[];
  labelColumnIndex: number;
  /** Rows left out for a missing value (dropMissing). */
  droppedRows: number;
}

export function parseCsvDataset(text: string, options: CsvOptions): CsvDataset {
  if (typeof options.name !== 'string' || options.name === '') throw new ArgumentError('name', 'must be a non-empty string');
  const table = readCsvTable(text, options.header ?? 'auto');
  const { names, dialect } = table;
  const labelIndex = options.labelColumn === undefined ? suggestedLabelColumn(table) : labelColumnIndex(options.labelColumn, names);
  const kept = keptRows(table, options.dropMissing ?? false);
  const featureColumns = names.map((_, i) => i).filter((i) => i !== labelIndex);

  const n = kept.length;
  const d = featureColumns.length;
  const features = new Float32Array(n * d);
  const labelCells: string[] = [];
  kept.forEach(({ line, cells }, row) => {
    featureColumns.forEach((column, j) => {
      const parsed = parseFeatureValue(cells[column], dialect.decimalComma);
      if ('problem' in parsed) throw new CsvError(parsed.problem, { line, column: column + 1, columnName: names[column] });
      features[row * d + j] = parsed.value;
    });
    labelCells.push(cells[labelIndex]);
  });

  const { labels, mapping } = encodeLabels(labelCells);
  checkClassCount(mapping, { column: labelIndex + 1, columnName: names[labelIndex] });
  return {
    name: options.name,
    features,
    labels,
    n,
    d,
    classes: mapping.length,
    classNames: mapping.map((entry) => entry.name),
    featureNames: featureColumns.map((i) => names[i]),
    labelMapping: mapping,
    columns: names,
    labelColumnIndex: labelIndex,
    droppedRows: table.dataRows.length - n,
  };
}

/** The data rows to read: all, or those without a missing value; a missing value is refused otherwise. */
function keptRows(table: CsvTable, dropMissing: boolean): CsvTable['dataRows'] {
  const missing = findMissing(table);
  if (!missing.first) return table.dataRows;
  const { line, column, cell } = missing.first;
  const where = { line, column: column + 1, columnName: table.names[column] };
  const spelled = cell === '' ? 'empty' : quoteCell(cell);
  if (!dropMissing) {
    const rows = missing.rows === 1 ? '1 row has' : `${missing.rows} rows have`;
    const problem = `the value is missing (${spelled}); ${rows} missing values: drop them ("Drop rows with missing values", or dropMissing: true in a config), or fill them in`;
    throw new CsvError(problem, where);
  }
  const kept = table.dataRows.filter(({ cells }) => !cells.some(isMissing));
  if (kept.length < 2) {
    throw new CsvError(
      `${kept.length === 0 ? 'every row has' : 'all rows but one have'} a missing value (the first is ${spelled}); fill them in`,
      where,
    );
  }
  return kept;
}

function checkClassCount(mapping: LabelClass[], where: { column: number; columnName: string }): void {
  if (mapping.length < RANGES.datasetClasses.min) {
    const problem = `every row has the label ${quoteCell(mapping[0].name)}; training needs at least two classes: choose another label column`;
    throw new CsvError(problem, where);
  }
  if (mapping.length > RANGES.datasetClasses.max) {
    const problem = `the labels take ${mapping.length} distinct values, over the limit of ${RANGES.datasetClasses.max} classes; choose another label column (this one may be an ID or a measurement)`;
    throw new CsvError(problem, where);
  }
}
