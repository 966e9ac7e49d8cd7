// How big an uploaded CSV may be. The whole file is read into one string in the browser tab, and
// every cell is briefly a JS string (tens of bytes each) before it becomes a float32; these limits
// keep that under ~100 MB and the parse under a second or so. The built-in digits set, the largest,
// has 116,805 data cells in 265 kB.
import { CsvError } from './csvError';

/** Characters of text (10 MB of ASCII); checked before any parsing. */
export const MAX_CSV_CHARACTERS = 10 * 1024 * 1024;
/** Cells below the header, rows × columns, label column included. */
export const MAX_CSV_CELLS = 1_000_000;

export function checkTextLength(text: string): void {
  if (text.length > MAX_CSV_CHARACTERS) {
    throw new CsvError(
      `the file has ${text.length} characters, over the limit of ${MAX_CSV_CHARACTERS} (10 MB); keep fewer rows or columns`,
    );
  }
}

export function tooManyCells(line: number): CsvError {
  return new CsvError(
    `the file holds more than ${MAX_CSV_CELLS} cells (rows × columns below the header), the limit; keep fewer rows or columns`,
    { line },
  );
}
