// Splits CSV text into rows of trimmed cells, each with the 1-based line it starts on, and settles
// whether the first row is a header. Papa Parse does the splitting (quoted fields, doubled quotes,
// CR / LF / CRLF, guessing comma, tab or semicolon); this file keeps count of lines, skips blank ones,
// turns quote errors into CsvErrors and stops reading at the row that takes the file past
// MAX_CSV_CELLS, before the rest is held in memory.
import Papa from 'papaparse';
import { looksLikeHeader } from './csvColumns';
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
}

const QUOTE_PROBLEMS: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed',
  InvalidQuotes: 'a closing quote is followed by more text',
};

/**
 * `header` 'auto' applies looksLikeHeader to the first two rows. Cells are trimmed: ' 5.1' is 5.1, and
 * 'setosa\r' (a stray CR from mixed line endings) is 'setosa'.
 */
export function readCsvRows(text: string, header: boolean | 'auto'): CsvRows {
  // Excel writes a byte-order mark; dropping it here keeps Papa Parse's cursor aligned with `body`.
  const body = text.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let hasHeader = header === true;
  let failure: CsvError | undefined;
  let line = 1;
  let rowStart = 0;
  let dataCells = 0;
  Papa.parse<string[]>(body, {
    delimiter: guessDelimiter(body),
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
        hasHeader = header === 'auto' ? looksLikeHeader(rows[0].cells, cells) : header;
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
  return { rows, hasHeader };
}

/**
 * Papa Parse's own guess over the first rows, with blank lines left out: its guess wants two or more
 * fields per row on average, and counting a file's trailing blank line as a row of one field can
 * drag a two-column file below that. Comma comes first, so it wins a tie; a semicolon file with
 * decimal commas ('5,1') is then refused cell by cell rather than misread.
 */
function guessDelimiter(body: string): string {
  const preview = Papa.parse<string[]>(body, { preview: 10, skipEmptyLines: true, delimitersToGuess: [',', '\t', ';'] });
  return preview.meta.delimiter;
}

function countOccurrences(text: string, needle: string, from: number, to: number): number {
  if (needle === '') return 0;
  let count = 0;
  for (let at = text.indexOf(needle, from); at !== -1 && at + needle.length <= to; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}
