// The loss history as CSV, for a spreadsheet or pandas.read_csv: a header of snake_case names, one row
// per evaluation, LF line ends and a final newline. Numbers are JavaScript's shortest round-tripping
// decimals (Number(cell) gives back the exact double); NaN (not measured) is an empty cell, which
// pandas reads as NaN; ±Infinity (a diverged loss) is inf / -inf, which Python's float() reads.
import { ArgumentError } from '../../core/checks';

/** One evaluation of a cross-entropy run. NaN where a value was not measured. */
export interface HistoryPoint {
  step: number;
  epoch: number;
  batchLoss: number;
  /** Plain mean cross-entropy on the training split (no weights, no smoothing). */
  trainLoss: number;
  /** The objective the optimiser follows (class weights, label smoothing), on the training split. */
  trainLossWeighted: number;
  validationLoss: number;
  validationLossWeighted: number;
  trainAccuracy: number;
  validationAccuracy: number;
}

/** One evaluation of a contrastive (NT-Xent) run. */
export interface ContrastiveHistoryPoint {
  step: number;
  trainLoss: number;
  validationLoss: number;
  alignment: number;
  uniformity: number;
}

const HISTORY_COLUMNS: [string, keyof HistoryPoint][] = [
  ['step', 'step'],
  ['epoch', 'epoch'],
  ['batch_loss', 'batchLoss'],
  ['train_loss', 'trainLoss'],
  ['train_loss_weighted', 'trainLossWeighted'],
  ['validation_loss', 'validationLoss'],
  ['validation_loss_weighted', 'validationLossWeighted'],
  ['train_accuracy', 'trainAccuracy'],
  ['validation_accuracy', 'validationAccuracy'],
];

/** The history CSV's header, also what the PyTorch script prints, so the two compare line by line. */
export const HISTORY_COLUMN_NAMES = HISTORY_COLUMNS.map(([name]) => name);

const CONTRASTIVE_COLUMNS: [string, keyof ContrastiveHistoryPoint][] = [
  ['step', 'step'],
  ['train_loss', 'trainLoss'],
  ['validation_loss', 'validationLoss'],
  ['alignment', 'alignment'],
  ['uniformity', 'uniformity'],
];

/** A name no CSV reader needs quoting for, and a valid identifier in pandas and R. */
const SAFE_NAME = /^[a-z][a-z0-9_]*$/;

function cell(x: number): string {
  if (Number.isNaN(x)) return '';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

/** Any table of numbers: `columns` snake_case names, each row one number per column. */
export function csvTable(columns: readonly string[], rows: readonly (readonly number[])[]): string {
  columns.forEach((name, i) => {
    if (!SAFE_NAME.test(name))
      throw new ArgumentError(`columns[${i}]`, `must be a snake_case name (a-z, 0-9, _), got ${JSON.stringify(name)}`);
  });
  const lines = rows.map((row, r) => {
    if (row.length !== columns.length)
      throw new ArgumentError(`rows[${r}]`, `must have ${columns.length} values (one per column), got ${row.length}`);
    return row.map(cell).join(',');
  });
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}

function table<T>(columns: [string, keyof T][], points: readonly T[]): string {
  return csvTable(
    columns.map(([name]) => name),
    points.map((point) => columns.map(([, key]) => point[key] as number)),
  );
}

export function historyCsv(points: readonly HistoryPoint[]): string {
  return table(HISTORY_COLUMNS, points);
}

export function contrastiveHistoryCsv(points: readonly ContrastiveHistoryPoint[]): string {
  return table(CONTRASTIVE_COLUMNS, points);
}
