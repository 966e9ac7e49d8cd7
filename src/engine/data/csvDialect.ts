// How a CSV file is written: which delimiter separates its cells, and whether its numbers use a
// decimal comma ('5,1'), as spreadsheets in much of Europe save them (with ';' between cells).
import Papa from 'papaparse';

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvDialect {
  delimiter: CsvDelimiter;
  /** Numbers may be written '5,1' for 5.1; only where the delimiter is not a comma. */
  decimalComma: boolean;
}

/** Comma first: it wins a tie. */
const CANDIDATES: CsvDelimiter[] = [',', '\t', ';'];
/** Rows looked at; enough to see a header and a few data rows. */
const PREVIEW_ROWS = 20;
const DECIMAL_COMMA = /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/;

/**
 * Each candidate splits the first rows (quotes respected, blank lines left out). A candidate whose
 * rows all have the same width ≥ 2 fits; among those, the one that leaves the most clean cells wins,
 * where a cell is clean if it holds no other candidate delimiter, or is a decimal-comma number for
 * ';' and tab. So '5,1;3,5;setosa' is read as three cells on ';', not as '5', '1;3', '5;setosa' on ','
 * (both splits give three cells a row), and a comma file's ';' inside quotes changes nothing.
 */
export function detectDialect(body: string): CsvDialect {
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: -1 };
  let bestRows: string[][] = [];
  for (const delimiter of CANDIDATES) {
    const rows = Papa.parse<string[]>(body, { delimiter, preview: PREVIEW_ROWS, skipEmptyLines: 'greedy' }).data;
    const widths = new Set(rows.map((row) => row.length));
    const fits = rows.length > 0 && widths.size === 1 && rows[0].length >= 2;
    const clean = rows.reduce((sum, row) => sum + row.filter((cell) => isClean(cell.trim(), delimiter)).length, 0);
    const score = (fits ? 1e6 : 0) + clean;
    if (score > best.score) {
      best = { delimiter, score };
      bestRows = rows;
    }
  }
  const decimalComma = best.delimiter !== ',' && bestRows.some((row) => row.some((cell) => DECIMAL_COMMA.test(cell.trim())));
  return { delimiter: best.delimiter, decimalComma };
}

function isClean(cell: string, delimiter: CsvDelimiter): boolean {
  if (delimiter !== ',' && DECIMAL_COMMA.test(cell)) return true;
  return CANDIDATES.every((other) => other === delimiter || !cell.includes(other));
}

/** '5,1' as '5.1' when the file writes decimal commas; any other cell as it is. */
export function withDecimalPoint(cell: string, decimalComma: boolean): string {
  return decimalComma && DECIMAL_COMMA.test(cell) ? cell.replace(',', '.') : cell;
}
