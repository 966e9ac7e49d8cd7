// Label encoding: the distinct label strings of a column become class indices 0..K−1, and the mapping
// is kept so the UI can show which name each index stands for.
import { isDecimal } from './csvNumber';

export interface LabelClass {
  /** The label as the file spells it; for numeric labels, the number ('1.0' and '1' are both '1'). */
  name: string;
  /** The class index it encodes to. */
  index: number;
  /** Rows with this label. */
  count: number;
}

export interface EncodedLabels {
  labels: Int32Array;
  /** One entry per class, in index order. */
  mapping: LabelClass[];
}

// Classes are sorted by value, never by first appearance, so shuffling a file's rows cannot change
// which class is 0. When every label is a number they sort numerically, so digit '3' is class 3 and
// '10' comes after '9'. Otherwise they sort as text, with digit runs compared as numbers ('class2'
// before 'class10'); the collator is pinned to 'en' so every browser orders them alike, and plain
// code-unit order breaks the ties it leaves (canonically equal spellings).
const TEXT_ORDER = new Intl.Collator('en', { numeric: true });

export function encodeLabels(cells: string[]): EncodedLabels {
  const numeric = cells.every((cell) => isDecimal(cell));
  const keyOf = numeric ? (cell: string) => String(Number(cell)) : (cell: string) => cell;
  const keys = cells.map(keyOf);
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const names = [...counts.keys()].sort(numeric ? (a, b) => Number(a) - Number(b) : compareText);
  const indexOf = new Map(names.map((name, index) => [name, index]));
  return {
    labels: Int32Array.from(keys, (key) => indexOf.get(key) as number),
    mapping: names.map((name, index) => ({ name, index, count: counts.get(name) as number })),
  };
}

function compareText(a: string, b: string): number {
  return TEXT_ORDER.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
