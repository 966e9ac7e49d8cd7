// What the upload panel shows once a file is picked, before anything is loaded: the columns, a few
// rows, how the file is written, the suggested label column and how many rows have a missing value.
import type { CsvDelimiter } from './csvDialect';
import { findMissing, readCsvTable, suggestedLabelColumn, textColumns } from './csvTable';
import { shortText } from './csvText';

/** Data rows shown in the preview. */
export const PREVIEW_ROWS = 5;

export interface CsvPreview {
  /** Every column's name, shortened for display (the label column is chosen by index). */
  columns: string[];
  hasHeader: boolean;
  delimiter: CsvDelimiter;
  decimalComma: boolean;
  /** Every line ended with a delimiter; the empty column it made was dropped. */
  trailingDelimiter: boolean;
  /** Rows below the header. */
  rows: number;
  /** The first PREVIEW_ROWS data rows, cells shortened. */
  sample: string[][];
  /** 0-based indices of the columns holding text; only one of them can be the label. */
  textColumns: number[];
  /** The label column to offer first, 0-based. */
  labelColumn: number;
  /** Rows with a missing value in some column. */
  missingRows: number;
}

/** Throws the CsvError loading would, for a file that is no table (quotes, size, ragged rows). */
export function previewCsv(text: string): CsvPreview {
  const table = readCsvTable(text, 'auto');
  return {
    columns: table.names.map((name) => shortText(name)),
    hasHeader: table.hasHeader,
    delimiter: table.dialect.delimiter,
    decimalComma: table.dialect.decimalComma,
    trailingDelimiter: table.trailingDelimiter,
    rows: table.dataRows.length,
    sample: table.dataRows.slice(0, PREVIEW_ROWS).map(({ cells }) => cells.map((cell) => shortText(cell))),
    textColumns: textColumns(table),
    labelColumn: suggestedLabelColumn(table),
    missingRows: findMissing(table).rows,
  };
}
