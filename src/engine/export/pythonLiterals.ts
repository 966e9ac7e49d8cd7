// Numbers and arrays as Python source, for the generated PyTorch script. Float32 values are written
// with the fewest digits that still give back the same float32 after Python parses them to a double
// and torch rounds that to float32 (the path the script takes), so the script trains on our bits.
import { ArgumentError } from '../../core/checks';

function finite(x: number, what: string): number {
  if (!Number.isFinite(x)) throw new ArgumentError(what, `must hold finite numbers only, got ${x}`);
  return x;
}

/** The shortest decimal of a float32 value that parses back to it (at most 9 digits always suffice). */
export function float32Literal(x: number, what = 'value'): string {
  const value = Math.fround(finite(x, what));
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(value.toPrecision(digits));
    if (Math.fround(shorter) === value) return String(shorter);
  }
  return String(Number(value.toPrecision(9)));
}

/** A double as Python reads it (both languages print the shortest round-tripping decimal). */
export function float64Literal(x: number, what = 'value'): string {
  return String(finite(x, what));
}

export function pythonBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/** A Python str literal; JSON's escapes (\n, \", \uXXXX) are also Python's. */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** A section's heading comment, ruled to 100 columns. */
export function section(title: string): string {
  return `# ---- ${title} `.padEnd(100, '-');
}

/** Every line of `text` as a Python comment. */
export function pythonComment(text: string): string {
  return text
    .split('\n')
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
}

type Format = (x: number) => string;

/** A flat list, `perLine` values to a line, continuation lines indented by 4. */
export function pythonList(values: ArrayLike<number>, format: Format, perLine = 16): string {
  const items = Array.from(values, format);
  if (items.length <= perLine) return `[${items.join(', ')}]`;
  const lines: string[] = [];
  for (let at = 0; at < items.length; at += perLine) lines.push(`    ${items.slice(at, at + perLine).join(', ')},`);
  return `[\n${lines.join('\n')}\n]`;
}

/** A row-major [rows, width] array as a list of rows, one row to a line. */
export function pythonMatrix(values: ArrayLike<number>, width: number, format: Format): string {
  const rows = values.length / width;
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: width }, (_, k) => format(values[r * width + k]));
    lines.push(`    [${row.join(', ')}],`);
  }
  return `[\n${lines.join('\n')}\n]`;
}
