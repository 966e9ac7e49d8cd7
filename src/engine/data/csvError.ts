// The error for a CSV file that cannot become a dataset. It carries where the problem is, 1-based as
// an editor shows it, so the upload panel can point at the cell; the message says the same in words,
// and what to do about it.
import { quoteCell } from './csvText';

export interface CsvLocation {
  /** 1-based line of the file, counting blank lines and the header. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** The column's header name, or `column_<n>` when the file has no header. */
  columnName?: string;
}

export class CsvError extends Error {
  readonly line?: number;
  readonly column?: number;
  readonly columnName?: string;

  constructor(problem: string, location: CsvLocation = {}) {
    super(`${describeLocation(location)}${problem}`);
    this.name = 'CsvError';
    this.line = location.line;
    this.column = location.column;
    this.columnName = location.columnName;
  }
}

/** `line 17, column "petal_width": `, or whichever part is known. */
function describeLocation({ line, column, columnName }: CsvLocation): string {
  const parts: string[] = [];
  if (line !== undefined) parts.push(`line ${line}`);
  if (columnName !== undefined) parts.push(`column ${quoteCell(columnName)}`);
  else if (column !== undefined) parts.push(`column ${column}`);
  return parts.length > 0 ? `${parts.join(', ')}: ` : '';
}
