// Splits CSV text into rows of trimmed cells, each with the 1-based line it starts on, and settles
// whether the first row is a header. Papa Parse does the splitting (quoted fields, doubled quotes,
// CR / LF / CRLF) on the delimiter detectDialect chose; this file keeps count of lines, skips blank
// ones, turns quote errors into CsvErrors, drops the empty column a delimiter at the end of every line
// makes, and stops reading at the row that takes the file past MAX_CSV_CELLS, before the rest is held
// in memory.
import Papa from 'papaparse';
import { looksLikeHeader } from './csvColumns';
import { type CsvDialect, detectDialect } from './csvDialect';
import { CsvError } from './csvError';
import { MAX_CSV_CELLS, tooManyCells } from './csvLimits';

export interface CsvRow {
  /** 1-based line the row starts on; blank lines and the header count. */
  line: number;
  cells: string[];
}

export interface CsvRows {
  /** Every non-blank row, the header included. */
  rows: CsvRow[];
  hasHeader: boolean;
  dialect: CsvDialect;
  /** Every line ended with a delimiter, and the empty last column that made was dropped. */
  trailingDelimiter: boolean;
}

const QUOTE_PROBLEMS: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed; close it with a double quote, or remove the quote that opens it',
  InvalidQuotes: 'a closing quote is followed by more text; write a quote inside a quoted field as two (""), or remove it',
};

/**
 * `header` 'auto' applies looksLikeHeader to the first two rows. Cells are trimmed: ' 5.1' is 5.1, and
 * 'setosa\r' (a stray CR from mixed line endings) is 'setosa'.
 */
export function readCsvRows(text: string, header: boolean | 'auto'): CsvRows {
  // Excel writes a byte-order mark; dropping it here keeps Papa Parse's cursor aligned with `body`.
  const body = text.replace(/^\uFEFF/, '');
  const dialect = detectDialect(body);
  const rows: CsvRow[] = [];
  let hasHeader = header === true;
  let failure: CsvError | undefined;
  let line = 1;
  let rowStart = 0;
  let dataCells = 0;
  Papa.parse<string[]>(body, {
    delimiter: dialect.delimiter,
    step: (result, parser) => {
      // The cursor is where the next row starts, so the lines this row spans are the breaks before it.
      const rowLine = line;
      line += countOccurrences(body, result.meta.linebreak, rowStart, result.meta.cursor);
      rowStart = result.meta.cursor;
      const cells = result.data.map((cell) => cell.trim());
      const quoteError = result.errors.find((error) => error.code in QUOTE_PROBLEMS);
      if (quoteError) {
        failure = new CsvError(QUOTE_PROBLEMS[quoteError.code], { line: rowLine, column: cells.length });
        parser.abort();
        return;
      }
      if (cells.length === 1 && cells[0] === '') return; // a blank line
      rows.push({ line: rowLine, cells });
      // The first row's cells count only once the second row shows it is data, not a header.
      if (rows.length === 2) {
        hasHeader = header === 'auto' ? looksLikeHeader(rows[0].cells, cells, dialect.decimalComma) : header;
        if (!hasHeader) dataCells += rows[0].cells.length;
      }
      if (rows.length >= 2) dataCells += cells.length;
      if (dataCells > MAX_CSV_CELLS) {
        failure = tooManyCells(rowLine);
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  return { rows, hasHeader, dialect, trailingDelimiter: dropTrailingDelimiter(rows) };
}

/**
 * A delimiter at the end of every line ('5.1,3.5,setosa,') makes an empty last column, which would
 * otherwise be taken for the label. It is dropped when every data row ends with an empty cell and
 * the first row either does too or is one cell shorter (a header written without the extra delimiter).
 */
function dropTrailingDelimiter(rows: CsvRow[]): boolean {
  if (rows.length < 2) return false;
  const [first, ...rest] = rows;
  const endsEmpty = (row: CsvRow) => row.cells.length >= 2 && row.cells[row.cells.length - 1] === '';
  const width = rest[0].cells.length;
  if (!rest.every((row) => endsEmpty(row) && row.cells.length === width)) return false;
  if (endsEmpty(first) && first.cells.length === width) first.cells.pop();
  else if (first.cells.length !== width - 1) return false;
  for (const row of rest) row.cells.pop();
  return true;
}

function countOccurrences(text: string, needle: string, from: number, to: number): number {
  if (needle === '') return 0;
  let count = 0;
  for (let at = text.indexOf(needle, from); at !== -1 && at + needle.length <= to; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}
