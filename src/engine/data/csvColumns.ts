// The columns of a CSV file: whether its first row is a header, what each column is called, and which
// one holds the label.

import { ArgumentError, integerInRange } from '../../core/checks';
import { isDecimal } from './csvNumber';
import { quoteCell } from './csvText';

/**
 * The rule: the first row is a header when some column holds text on the first row and a number on
 * the second ('sepal_length' above '5.1'). A column of string labels has text on both rows, so it
 * decides nothing, and a file whose first two rows are all numbers has no header. Looking at one
 * column at a time means the rule needs no label column, which may itself be named by the header.
 */
export function looksLikeHeader(first: string[], second: string[], decimalComma = false): boolean {
  return first.some((cell, i) => i < second.length && !isDecimal(cell, decimalComma) && isDecimal(second[i], decimalComma));
}

/** Header cells, with `column_<n>` (1-based) for a missing or blank one; all `column_<n>` without a header. */
export function columnNames(firstRow: string[], hasHeader: boolean): string[] {
  return firstRow.map((cell, i) => (hasHeader && cell !== '' ? cell : `column_${i + 1}`));
}

/** A header name, or a 0-based index; undefined means the last column. */
export function labelColumnIndex(labelColumn: string | number | undefined, names: string[]): number {
  if (labelColumn === undefined) return names.length - 1;
  if (typeof labelColumn === 'number') {
    return integerInRange('labelColumn', labelColumn, 0, names.length - 1, ` (a 0-based index; the columns are ${listColumns(names)})`);
  }
  const matches = names.flatMap((name, i) => (name === labelColumn ? [i] : []));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new ArgumentError('labelColumn', `no column is named ${quoteCell(labelColumn)}; the columns are ${listColumns(names)}`);
  }
  throw new ArgumentError('labelColumn', `${quoteCell(labelColumn)} names the columns at indices ${matches.join(' and ')}; pass one index`);
}

/** At most LISTED names, so a 1,000-column file does not fill the screen. */
const LISTED = 20;

function listColumns(names: string[]): string {
  const shown = names.slice(0, LISTED).map(quoteCell);
  if (names.length > LISTED) shown.push(`… and ${names.length - LISTED} more`);
  return shown.join(', ');
}
