// Argument checks shared by the engine (data, model, trainers), in ArgumentError's style: every message names the
// option and the values it allows, and nothing is clamped into range behind the caller's back.

/** A bad argument: the message names it and the values it allows. */
export class ArgumentError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
    this.name = 'ArgumentError';
  }
}

/**
 * A value as an error message should show it: numbers as written (2, NaN, -Infinity), a string
 * quoted and marked as one (`the string "2"`, so it is not mistaken for the number), and the rest by
 * kind (undefined, null, a Float32Array of length 3, an array of length 2, an object, a function).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) return String(value);
  if (typeof value === 'bigint') return `the bigint ${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  if (Array.isArray(value)) {
    const json = JSON.stringify(value);
    return json !== undefined && json.length <= 60 ? json : `an array of length ${value.length}`;
  }
  if (ArrayBuffer.isView(value)) {
    const length = 'length' in value ? `length ${(value as unknown as ArrayLike<number>).length}` : `${value.byteLength} bytes`;
    return `a ${value.constructor.name} of ${length}`;
  }
  return 'an object';
}

/** The object of a call's arguments: undefined, null or anything but an object is refused by name. */
export function argumentsObject<T>(name: string, value: T, what: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ArgumentError(name, `must be an object of ${what}, got ${describeValue(value)}`);
  }
  return value;
}

const U32_MAX = 2 ** 32 - 1;
const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

/** `why` is appended to the allowed range, e.g. ' (at least one per class)'. */
export function integerInRange(name: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY, why = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const allowed =
      min === max
        ? `must be ${min}`
        : max === Number.POSITIVE_INFINITY
          ? `must be an integer ≥ ${min}`
          : `must be an integer in [${min}, ${max}]`;
    throw new ArgumentError(name, `${allowed}${why}, got ${describeValue(value)}`);
  }
  return value;
}

export interface Interval {
  min: number;
  /** Omitted: no upper bound. */
  max?: number;
  /** The bound itself is excluded. */
  minOpen?: boolean;
  maxOpen?: boolean;
}

function describeInterval({ min, max, minOpen, maxOpen }: Interval): string {
  if (max === undefined) return `${minOpen ? '>' : '≥'} ${min}`;
  return `in ${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
}

export function finiteNumber(name: string, value: unknown, interval: Interval, why = ''): number {
  const { min, max, minOpen, maxOpen } = interval;
  const inside =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minOpen ? value > min : value >= min) &&
    (max === undefined || (maxOpen ? value < max : value <= max));
  if (!inside) throw new ArgumentError(name, `must be a finite number ${describeInterval(interval)}${why}, got ${describeValue(value)}`);
  return value as number;
}

/** The PRNG takes 32 bits; a seed outside them would alias another silently. */
export function seed(value: unknown): number {
  return integerInRange('seed', value, 0, U32_MAX);
}

export function int32(name: string, value: unknown): number {
  return integerInRange(name, value, I32_MIN, I32_MAX, ' (a 32-bit integer)');
}

export function int32Array(name: string, value: unknown): Int32Array {
  if (!(value instanceof Int32Array)) throw new ArgumentError(name, `must be an Int32Array, got ${describeValue(value)}`);
  return value;
}

/** Labels that must all be class indices: no ignoreIndex, no out-of-range class. */
export function classIndices(name: string, labels: unknown, classes: number): Int32Array {
  const checked = int32Array(name, labels);
  checked.forEach((y, i) => {
    if (y < 0 || y >= classes) throw new ArgumentError(`${name}[${i}]`, `must be a class index in [0, ${classes}), got ${y}`);
  });
  return checked;
}
