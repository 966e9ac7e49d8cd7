// What counts as a number in a CSV cell. Stricter than JS `Number()`, which reads '' and ' ' as 0,
// '0x1f' as hex and 'Infinity' as a number: here only plain decimals pass, as pandas would read them.

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE_WORD = /^[+-]?(?:nan|inf|infinity)$/i;

/** The cell is a plain decimal number (it may still overflow float32). */
export function isDecimal(cell: string): boolean {
  return DECIMAL.test(cell);
}

/** The cell as a float32-representable number, or why it is not one. */
export function parseFeatureValue(cell: string): { value: number } | { problem: string } {
  if (cell === '') return { problem: 'the cell is empty; every feature needs a number' };
  if (NON_FINITE_WORD.test(cell)) return { problem: `${JSON.stringify(cell)} is not a finite number` };
  if (!isDecimal(cell)) return { problem: `${JSON.stringify(cell)} is not a number` };
  const value = Number(cell);
  // Features are stored as float32: 1e39 is a finite double but would become Infinity there.
  if (!Number.isFinite(Math.fround(value))) return { problem: `${JSON.stringify(cell)} is outside the float32 range (±3.4e38)` };
  return { value };
}
