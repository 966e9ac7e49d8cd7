// Argument validation at the public boundary, shared by both backends. Every message names the
// argument and the values it allows; inside the engine the types are trusted.
import { ArgumentError, argumentsObject, describeValue, finiteNumber, int32, integerInRange } from './checks';
import type { CrossEntropyArgs, CrossEntropyCall, LogSoftmaxArgs, NtXentArgs, NtXentCall, Reduction } from './types';

const REDUCTIONS: readonly Reduction[] = ['mean', 'sum', 'none'];
/** Smallest τ whose reciprocal is still a finite float32 (1/τ scales the similarities). */
export const MIN_TEMPERATURE = 1e-30;

const positiveInteger = (name: string, value: unknown) => integerInRange(name, value, 1);

function float32Array(name: string, value: unknown, length: number, shape: string): Float32Array {
  if (!(value instanceof Float32Array)) throw new ArgumentError(name, `must be a Float32Array ${shape}, got ${describeValue(value)}`);
  if (value.length !== length) {
    throw new ArgumentError(name, `must have ${shape} = ${length} entries, got ${value.length}`);
  }
  return value;
}

function eachInRange(name: string, values: Float32Array, min: number, max: number, allowed: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= min && v <= max)) throw new ArgumentError(`${name}[${i}]`, `must be ${allowed}, got ${v}`);
  }
}

export function reduction(value: unknown): Reduction {
  if (value === undefined) return 'mean';
  if (!REDUCTIONS.includes(value as Reduction)) {
    throw new ArgumentError('reduction', `must be one of 'mean', 'sum', 'none', got ${describeValue(value)}`);
  }
  return value as Reduction;
}

export function smoothing(name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new ArgumentError(name, `must be a number in [0, 1], got ${describeValue(value)}`);
  return value;
}

/** [c] class weights: any finite number, as PyTorch takes them (negative ones included). */
export function classWeights(name: string, value: unknown, c: number): Float32Array {
  const weight = float32Array(name, value, c, '[c]');
  eachInRange(name, weight, -Number.MAX_VALUE, Number.MAX_VALUE, 'a finite number');
  return weight;
}

export function validateLogSoftmax(args: LogSoftmaxArgs): LogSoftmaxArgs {
  argumentsObject('args', args, 'arguments { logits, n, c }');
  const n = positiveInteger('n', args.n);
  const c = positiveInteger('c', args.c);
  return { logits: float32Array('logits', args.logits, n * c, '[n, c]'), n, c };
}

export function validateCrossEntropy(args: CrossEntropyArgs): CrossEntropyCall {
  argumentsObject('args', args, 'arguments { logits, target, n, c, … }');
  const { logits, n, c } = validateLogSoftmax(args);
  const ignoreIndex = int32('ignoreIndex', args.ignoreIndex ?? -100);
  const labelSmoothing = smoothing('labelSmoothing', args.labelSmoothing ?? 0);
  const weight = args.weight === undefined ? undefined : classWeights('weight', args.weight, c);

  const { target } = args;
  if (target instanceof Int32Array) {
    if (target.length !== n) throw new ArgumentError('target', `class indices must have [n] = ${n} entries, got ${target.length}`);
    for (let i = 0; i < n; i++) {
      const y = target[i];
      if (y !== ignoreIndex && (y < 0 || y >= c)) {
        throw new ArgumentError(`target[${i}]`, `must be a class index in [0, ${c}) or ignoreIndex (${ignoreIndex}), got ${y}`);
      }
    }
    return { logits, n, c, target, targetKind: 'index', weight, ignoreIndex, reduction: reduction(args.reduction), labelSmoothing };
  }
  if (target instanceof Float32Array) {
    if (target.length !== n * c) {
      throw new ArgumentError(
        'target',
        `class probabilities must have [n, c] = ${n * c} entries, got ${target.length} (class indices go in an Int32Array)`,
      );
    }
    eachInRange('target', target, 0, 1, 'a probability in [0, 1]');
    if (ignoreIndex >= 0) {
      throw new ArgumentError('ignoreIndex', `must be < 0 with probability targets (PyTorch does not support it), got ${ignoreIndex}`);
    }
    return { logits, n, c, target, targetKind: 'probs', weight, ignoreIndex, reduction: reduction(args.reduction), labelSmoothing };
  }
  throw new ArgumentError(
    'target',
    `must be an Int32Array [n] of class indices or a Float32Array [n, c] of probabilities, got ${describeValue(target)}`,
  );
}

export function validateNtXent(args: NtXentArgs): NtXentCall {
  argumentsObject('args', args, 'arguments { z, rows, dim, temperature }');
  const rows = positiveInteger('rows', args.rows);
  if (rows < 2 || rows % 2 !== 0) throw new ArgumentError('rows', `must be even and ≥ 2 (two views of N samples), got ${rows}`);
  const dim = positiveInteger('dim', args.dim);
  const z = float32Array('z', args.z, rows * dim, '[rows, dim]');
  eachInRange('z', z, -Number.MAX_VALUE, Number.MAX_VALUE, 'a finite number');
  const temperature = finiteNumber('temperature', args.temperature, { min: MIN_TEMPERATURE }, ' (τ > 0)');
  return { z, rows, dim, temperature, reduction: reduction(args.reduction) };
}
