// A CSV file as a table of named columns and rows of equal width, checked before anything is read as a
// number: the part of loading that the upload preview shares with the dataset.
import { RANGES } from '../experiment/ranges';
import { columnNames } from './csvColumns';
import type { CsvDialect } from './csvDialect';
import { CsvError } from './csvError';
import { checkTextLength } from './csvLimits';
import { isDecimal, isMissing } from './csvNumber';
import { type CsvRow, readCsvRows } from './csvRows';

export interface CsvTable {
  /** Every column's name in file order; `column_<n>` where the file has no header or a blank one. */
  names: string[];
  /** The rows below the header, each as wide as `names`. */
  dataRows: CsvRow[];
  hasHeader: boolean;
  dialect: CsvDialect;
  trailingDelimiter: boolean;
}

export function readCsvTable(text: string, header: boolean | 'auto'): CsvTable {
  checkTextLength(text);
  const { rows, hasHeader, dialect, trailingDelimiter } = readCsvRows(text, header);
  if (rows.length === 0) throw new CsvError('the file is empty; choose a file with a row per sample');
  if (rows.length === 1) {
    throw new CsvError('the file has a single row; a dataset needs rows of at least two classes: add rows', { line: rows[0].line });
  }
  const names = columnNames(rows[0].cells, hasHeader);
  if (names.length < 2) {
    const problem = 'the file has one column; it needs feature columns and a label column, separated by commas, semicolons or tabs';
    throw new CsvError(problem, { line: rows[0].line });
  }
  if (names.length - 1 > RANGES.features.max) {
    const problem = `the file has ${names.length - 1} feature columns, over the limit of ${RANGES.features.max} (the model's inputs); keep fewer columns`;
    throw new CsvError(problem, { line: rows[0].line, column: RANGES.features.max + 2 });
  }
  const dataRows = hasHeader ? rows.slice(1) : rows;
  for (const row of dataRows) checkWidth(row, names, rows[0].line, trailingDelimiter);
  return { names, dataRows, hasHeader, dialect, trailingDelimiter };
}

/** A ragged row, pointed at its first missing or first extra column. */
function checkWidth({ line, cells }: CsvRow, names: string[], firstLine: number, trailingDelimiter: boolean): void {
  if (cells.length === names.length) return;
  const short = cells.length < names.length;
  const dropped = trailingDelimiter ? ' (after the empty column of a delimiter ending every line was dropped)' : '';
  const problem = `the row has ${cells.length} ${cells.length === 1 ? 'column' : 'columns'}, expected ${names.length} as on line ${firstLine}${dropped}, so this one is ${short ? 'missing' : 'extra'}; give every row the same columns`;
  const column = short ? cells.length + 1 : names.length + 1;
  throw new CsvError(problem, { line, column, columnName: short ? names[cells.length] : undefined });
}

/** Columns holding some text that is neither a number nor a missing value: labels, or not features. */
export function textColumns({ names, dataRows, dialect }: CsvTable): number[] {
  return names
    .map((_, column) => column)
    .filter((column) => dataRows.some(({ cells }) => !isMissing(cells[column]) && !isDecimal(cells[column], dialect.decimalComma)));
}

/**
 * The label column to use when none is chosen: the text column, wherever it is (Iris is often saved
 * with the species first); the last of them if several; else the last column.
 */
export function suggestedLabelColumn(table: CsvTable): number {
  return textColumns(table).at(-1) ?? table.names.length - 1;
}

/** Rows with a missing value in any column, and the first such cell. */
export function findMissing({ dataRows }: CsvTable): { rows: number; first?: { line: number; column: number; cell: string } } {
  let rows = 0;
  let first: { line: number; column: number; cell: string } | undefined;
  for (const { line, cells } of dataRows) {
    const column = cells.findIndex(isMissing);
    if (column === -1) continue;
    rows++;
    first ??= { line, column, cell: cells[column] };
  }
  return { rows, first };
}
