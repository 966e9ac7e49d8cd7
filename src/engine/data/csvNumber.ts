// What counts as a number in a CSV cell, and what as a missing value. Stricter than JS `Number()`,
// which reads '' and ' ' as 0, '0x1f' as hex and 'Infinity' as a number: here only plain decimals
// pass, as pandas would read them, with a decimal comma where the file writes them.
import { withDecimalPoint } from './csvDialect';
import { quoteCell } from './csvText';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:inf|infinity)$/i;
/**
 * The spellings of a missing value: pandas' common ones and the UCI repository's '?'. 'None' is not
 * among them, as it is a plausible class name.
 */
const MISSING = /^(?:|na|n\/a|#n\/a|nan|[+-]nan|null|\?)$/i;

/** The cell is a plain decimal number (it may still overflow float32). */
export function isDecimal(cell: string, decimalComma = false): boolean {
  return DECIMAL.test(withDecimalPoint(cell, decimalComma));
}

/** The cell stands for a missing value: empty, NA, N/A, NaN, null or '?'. */
export function isMissing(cell: string): boolean {
  // Every spelling has at most 4 characters; the length test spares the regex on most cells.
  return cell.length <= 4 && MISSING.test(cell);
}

/** The cell as a float32-representable number, or why it is not one (missing values are found before). */
export function parseFeatureValue(cell: string, decimalComma = false): { value: number } | { problem: string } {
  if (NON_FINITE_WORD.test(cell)) return { problem: `${quoteCell(cell)} is not a finite number; replace it with a finite one` };
  const plain = withDecimalPoint(cell, decimalComma);
  if (!DECIMAL.test(plain)) return { problem: notANumber(cell, decimalComma) };
  const value = Number(plain);
  // Features are stored as float32: 1e39 is a finite double but would become Infinity there.
  if (!Number.isFinite(Math.fround(value))) {
    return { problem: `${quoteCell(cell)} is outside the float32 range (±3.4e38); rescale the column` };
  }
  return { value };
}

function notANumber(cell: string, decimalComma: boolean): string {
  const hint = !decimalComma && /^[+-]?\d*,\d+$/.test(cell) ? ' (a decimal comma needs ";" or tabs between cells)' : '';
  return `${quoteCell(cell)} is not a number${hint}; a feature column holds numbers: choose this column as the label, or remove it`;
}
