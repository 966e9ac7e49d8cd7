// Other ways to write the bare softmax (bench/bareSoftmax.ts), and the parts it is made of, for the
// bench's "softmax forms" workloads: evidence for what a softmax costs on an adapter, beyond the
// one form the bounds use. Shapes: [rows, C] row-major, C a multiple of 4 (vec4 loads throughout).
// Forms write softmax(x) to `output`; parts write what their names say (see PART_OUTPUT).
// On SwiftShader the costs add up: the bare softmax (two reads) ≈ its first sweep + a row copy + an
// exp per entry, and no other form here is reliably faster (docs/benchmarks.md, the softmax forms).
import { createStorageBuffer } from '../src/gpu/buffers';
import { rowGrid, WORKGROUP_SIZE } from '../src/gpu/dispatch';
import { ArgumentError } from '../src/index';
import { rowsPipeline } from './rowsPipeline';

export const SOFTMAX_FORMS = {
  /** max, then Σexp, then exp again to write: three reads and no rescaling. */
  threeReads: 'form: max, Σexp, write: 3 reads',
  /** max, then exp stored and summed, then the stored values scaled: one exp per entry, a read and a write more. */
  oneExp: 'form: max, exp stored, scale: 1 exp',
  /** The row read once into a function-scope array (C ≤ PRIVATE_ARRAY_MAX_CLASSES), then two sweeps over it. */
  privateArray: 'form: 1 read into a private array',
  /** Four invocations a row, interleaved vec4, merged by subgroupShuffleXor: loads contiguous across lanes. */
  quadRows: 'form: a row per 4 lanes (subgroups)',
  /** Part: the row's max alone, one read (writes the max per row). */
  rowMax: 'part: row max, 1 read',
  /** Part: the bare softmax's first sweep alone, max and Σexp online (writes max + log Σexp per row). */
  firstSweep: 'part: 1st sweep, 1 read + exp',
  /** Part: a row-loop copy, one read and one write per entry (writes x). */
  rowCopy: 'part: row copy, 1 read + 1 write',
} as const;

export type SoftmaxForm = keyof typeof SOFTMAX_FORMS;

/** What each part writes, for its test: a value per row, or the copied input. */
export const PART_OUTPUT: Partial<Record<SoftmaxForm, 'max' | 'logSumExp' | 'copy'>> = {
  rowMax: 'max',
  firstSweep: 'logSumExp',
  rowCopy: 'copy',
};

// WGSL caps a shader's function-scope variables at 8192 bytes: 512 vec4.
export const PRIVATE_ARRAY_MAX_CLASSES = 2048;

const HEADER = /* wgsl */ `
@group(0) @binding(0) var<uniform> rows: vec4u;
@group(0) @binding(1) var<storage, read> src4: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> dst4: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> row_value: array<f32>;
fn max_of(v: vec4f) -> f32 { return max(max(v.x, v.y), max(v.z, v.w)); }
fn sum_of(v: vec4f) -> f32 { return (v.x + v.y) + (v.z + v.w); }`;

// The bare softmax's first sweep: max and Σexp online, sixteen entries an iteration, `step` vec4
// apart (1, or 4 for interleaved lanes) from vec4 `first` of the row.
function onlineSweep(step: number): string {
  const at = (i: number) => (i === 0 ? 'src4[base + k]' : `src4[base + k + ${i * step}u]`);
  return `var m = src4[base].x;
  var s = vec4f(0.0);
  var k = first;
  for (; k + ${3 * step}u < n; k += ${4 * step}u) {
    let a = ${at(0)}; let b = ${at(1)}; let c = ${at(2)}; let d = ${at(3)};
    let grown = max(m, max_of(max(max(a, b), max(c, d))));
    s = s * exp(m - grown) + ((exp(a - grown) + exp(b - grown)) + (exp(c - grown) + exp(d - grown)));
    m = grown;
  }
  for (; k < n; k += ${step}u) { let a = src4[base + k]; let grown = max(m, max_of(a)); s = s * exp(m - grown) + exp(a - grown); m = grown; }`;
}

// The row's max, sixteen entries an iteration.
const ROW_MAX = `var top = src4[base];
  var k = 0u;
  for (; k + 4u <= n; k += 4u) { top = max(max(top, max(src4[base + k], src4[base + k + 1u])), max(src4[base + k + 2u], src4[base + k + 3u])); }
  for (; k < n; k++) { top = max(top, src4[base + k]); }
  let m = max_of(top);`;

// Four vec4 an iteration of `body(index)`, then the rest one at a time.
function sweep(body: (at: string) => string): string {
  return `k = 0u;
  for (; k + 4u <= n; k += 4u) { ${[0, 1, 2, 3].map((i) => body(i === 0 ? 'base + k' : `base + k + ${i}u`)).join(' ')} }
  for (; k < n; k++) { ${body('base + k')} }`;
}

function rowBody(form: SoftmaxForm, n: number): string {
  switch (form) {
    case 'threeReads':
      return `${ROW_MAX}
  var s = vec4f(0.0);
  ${sweep((at) => `s += exp(src4[${at}] - m);`)}
  let scale = 1.0 / sum_of(s);
  ${sweep((at) => `dst4[${at}] = exp(src4[${at}] - m) * scale;`)}`;
    case 'oneExp':
      return `${ROW_MAX}
  var s = vec4f(0.0);
  ${sweep((at) => `{ let e = exp(src4[${at}] - m); dst4[${at}] = e; s += e; }`)}
  let scale = 1.0 / sum_of(s);
  ${sweep((at) => `dst4[${at}] *= scale;`)}`;
    case 'privateArray':
      return `var e: array<vec4f, ${n}>;
  var top = src4[base];
  for (var k = 0u; k < n; k++) { let a = src4[base + k]; e[k] = a; top = max(top, a); }
  let m = max_of(top);
  var s = vec4f(0.0);
  for (var k = 0u; k < n; k++) { let x = exp(e[k] - m); e[k] = x; s += x; }
  let scale = 1.0 / sum_of(s);
  for (var k = 0u; k < n; k++) { dst4[base + k] = e[k] * scale; }`;
    case 'rowMax':
      return `${ROW_MAX}
  row_value[row] = m;`;
    case 'firstSweep':
      return `let first = 0u;
  ${onlineSweep(1)}
  row_value[row] = m + log(sum_of(s));`;
    case 'rowCopy':
      return `var k = 0u;
  ${sweep((at) => `dst4[${at}] = src4[${at}];`)}`;
    case 'quadRows':
      throw new Error('quadRows has its own entry point');
  }
}

// Lanes 4r..4r+3 take row r's vec4 k ≡ lane (mod 4); every lane of a quad reaches the shuffles
// (rows past the end reread the last row), which need uniform control flow.
function quadSource(n: number): string {
  return `enable subgroups;
${HEADER}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let at = gid.x + gid.y * groups.x * ${WORKGROUP_SIZE}u;
  let row = at / 4u;
  let n = ${n}u;
  let base = min(row, rows.x - 1u) * n;
  let first = at % 4u;
  ${onlineSweep(4)}
  let m1 = max(m, subgroupShuffleXor(m, 1u));
  let top = max(m1, subgroupShuffleXor(m1, 2u));
  let part = sum_of(s) * exp(m - top);
  let t1 = part + subgroupShuffleXor(part, 1u);
  let total = t1 + subgroupShuffleXor(t1, 2u);
  if (row >= rows.x) { return; }
  let scale = 1.0 / total;
  for (var j = first; j < n; j += 4u) { dst4[base + j] = exp(src4[base + j] - top) * scale; }
}`;
}

function source(form: SoftmaxForm, classes: number): string {
  const n = classes / 4;
  if (form === 'quadRows') return quadSource(n);
  return `${HEADER}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = gid.x + gid.y * groups.x * ${WORKGROUP_SIZE}u;
  if (row >= rows.x) { return; }
  let n = ${n}u;
  let base = row * n;
  ${rowBody(form, n)}
}`;
}

/** Whether `form` runs on this device at this C, or why not. */
export function formUnavailable(device: GPUDevice, form: SoftmaxForm, classes: number): string | null {
  if (form === 'quadRows' && !device.features.has('subgroups')) return 'the device has no subgroups';
  if (form === 'privateArray' && classes > PRIVATE_ARRAY_MAX_CLASSES)
    return `C > ${PRIVATE_ARRAY_MAX_CLASSES} passes WGSL's 8 KiB of function-scope variables`;
  return null;
}

export interface SoftmaxFormKernel {
  encode(pass: GPUComputePassEncoder): void;
  /** [rows, C]: softmax(x) for a form, x for rowCopy; unwritten by the other parts. */
  output: GPUBuffer;
  /** [rows]: rowMax's max, firstSweep's max + log Σexp. */
  rowValues: GPUBuffer;
  destroy(): void;
}

export function softmaxForm(device: GPUDevice, input: GPUBuffer, rows: number, classes: number, form: SoftmaxForm): SoftmaxFormKernel {
  if (!Number.isInteger(classes) || classes < 4 || classes % 4 !== 0) {
    throw new ArgumentError('classes', `must be a positive multiple of 4 (the forms load vec4), got ${classes}`);
  }
  if (!Number.isInteger(rows) || rows < 1) throw new ArgumentError('rows', `must be a positive integer, got ${rows}`);
  const unavailable = formUnavailable(device, form, classes);
  if (unavailable) throw new ArgumentError('form', `${form} cannot run here: ${unavailable}`);
  const label = `bench.softmaxForm.${form}`;
  const { pipeline, shape } = rowsPipeline(device, label, source(form, classes), 'main', rows, classes);
  const output = createStorageBuffer(device, `${label}.output`, rows * classes * 4);
  const rowValues = createStorageBuffer(device, `${label}.rowValues`, rows * 4);
  // 'auto' layouts hold only the bindings a shader uses: a value per row, or an output of [rows, C].
  const perRow = PART_OUTPUT[form] === 'max' || PART_OUTPUT[form] === 'logSumExp';
  const entries = [
    { binding: 0, resource: { buffer: shape } },
    { binding: 1, resource: { buffer: input } },
    perRow ? { binding: 3, resource: { buffer: rowValues } } : { binding: 2, resource: { buffer: output } },
  ];
  const group = device.createBindGroup({ label, layout: pipeline.getBindGroupLayout(0), entries });
  const [x, y] = rowGrid(device, form === 'quadRows' ? rows * 4 : rows);
  return {
    output,
    rowValues,
    encode(pass) {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(x, y);
    },
    destroy() {
      for (const buffer of [shape, output, rowValues]) buffer.destroy();
    },
  };
}
