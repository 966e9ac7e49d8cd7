// Loads the JSON fixtures written by scripts/make_torch_fixtures.py (real PyTorch, float64).
// JSON cannot carry NaN/±inf, so the script writes them as strings; they are decoded here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Reduction } from '../../src';

type Encoded = number | 'NaN' | 'Infinity' | '-Infinity';

function decode(values: Encoded[]): number[] {
  return values.map((v) => (typeof v === 'number' ? v : v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : -Infinity));
}

function load<T>(name: string): { torch: string; cases: T[] } {
  const path = fileURLToPath(new URL(`../fixtures/torch/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8'));
}

export interface CrossEntropyFixture {
  name: string;
  n: number;
  c: number;
  logits: Float32Array;
  target: Int32Array | Float32Array;
  weight: Float32Array | undefined;
  ignoreIndex: number;
  reduction: Reduction;
  labelSmoothing: number;
  loss: number[];
  grad: number[];
}

export function crossEntropyFixtures(): CrossEntropyFixture[] {
  return load<any>('cross_entropy').cases.map((raw) => ({
    name: raw.name,
    n: raw.n,
    c: raw.c,
    logits: Float32Array.from(decode(raw.logits)),
    target: raw.target.kind === 'index' ? Int32Array.from(raw.target.values) : Float32Array.from(decode(raw.target.values)),
    weight: raw.weight ? Float32Array.from(decode(raw.weight)) : undefined,
    ignoreIndex: raw.ignoreIndex,
    reduction: raw.reduction,
    labelSmoothing: raw.labelSmoothing,
    loss: decode(raw.loss),
    grad: decode(raw.grad),
  }));
}

export interface LogSoftmaxFixture {
  name: string;
  n: number;
  c: number;
  logits: Float32Array;
  output: number[];
}

export function logSoftmaxFixtures(): LogSoftmaxFixture[] {
  return load<any>('log_softmax').cases.map((raw) => ({
    name: raw.name,
    n: raw.n,
    c: raw.c,
    logits: Float32Array.from(decode(raw.logits)),
    output: decode(raw.output),
  }));
}

export interface NtXentFixture {
  name: string;
  rows: number;
  dim: number;
  temperature: number;
  reduction: Reduction;
  z: Float32Array;
  loss: number[];
  grad: number[];
  similarity: number[];
}

export function ntXentFixtures(): NtXentFixture[] {
  return load<any>('nt_xent').cases.map((raw) => ({
    name: raw.name,
    rows: raw.rows,
    dim: raw.dim,
    temperature: raw.temperature,
    reduction: raw.reduction,
    z: Float32Array.from(decode(raw.z)),
    loss: decode(raw.loss),
    grad: decode(raw.grad),
    similarity: decode(raw.similarity),
  }));
}
