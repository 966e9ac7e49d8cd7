// A bound for a cross-entropy or log-softmax kernel that reads each row twice: a bare softmax, with
// none of the semantics (no IEEE cases, targets, weights, loss or reductions), written the way our
// fast path is (straight-line for C ≤ 32; otherwise the max and Σexp sixteen entries an iteration,
// vec4 loads where C is a multiple of 4): read the row for its max and Σexp, read it again and
// write exp(x − max)/Σ. What ours takes beyond this is what the semantics cost.
// With `sumRows`, a bound for a loss reduced over the rows ('mean' or 'sum'): the same softmax also
// writes one value per row (its log Σ exp), and src/gpu/kernels/reduce_sum.ts sums them, as ours
// sums the row losses. WebGPU has no barrier across workgroups, so that sum is a dispatch of its own.
import { createStorageBuffer } from '../src/gpu/buffers';
import { rowGrid, WORKGROUP_SIZE } from '../src/gpu/dispatch';
import { ReduceSum } from '../src/gpu/kernels/reduce_sum';
import { fold, LANES, range } from '../src/gpu/kernels/unrolled_rows';
import { rowsPipeline } from './rowsPipeline';

function straightLine(c: number): string {
  const lines: string[] = [];
  if (c % 4 === 0) {
    const v = range(c / 4).map((k) => `v${k}`);
    lines.push(`let base = row * ${c / 4}u;`, ...v.map((x, k) => `let ${x} = src4[base + ${k}u];`));
    lines.push(
      `let m = ${fold(
        'max',
        v.flatMap((x) => LANES.map((lane) => `${x}.${lane}`)),
      )};`,
    );
    lines.push(...v.map((x, k) => `let e${k} = exp(${x} - m);`), `let sums = ${v.map((_, k) => `e${k}`).join(' + ')};`);
    lines.push(
      'let total = (sums.x + sums.y) + (sums.z + sums.w);',
      'let k = 1.0 / total;',
      ...v.map((_, k) => `dst4[base + ${k}u] = e${k} * k;`),
    );
  } else {
    const x = range(c).map((j) => `x${j}`);
    lines.push(`let base = row * ${c}u;`, ...x.map((name, j) => `let ${name} = src[base + ${j}u];`));
    lines.push(`let m = ${fold('max', x)};`, ...x.map((name, j) => `let e${j} = exp(${name} - m);`));
    lines.push(
      `let total = ${x.map((_, j) => `e${j}`).join(' + ')};`,
      'let k = 1.0 / total;',
      ...x.map((_, j) => `dst[base + ${j}u] = e${j} * k;`),
    );
  }
  return lines.map((line) => `  ${line}`).join('\n');
}

function loops(c: number): string {
  const load = c % 4 === 0 ? (i: string) => `src4[base + ${i}]` : (i: string) => `quad(base + 4u * (${i}))`;
  return `  let n = ${Math.floor(c / 4)}u;
  let base = row * ${c % 4 === 0 ? c / 4 : c}u;
  var m = ${c % 4 === 0 ? 'src4[base].x' : 'src[base]'};
  var s = vec4f(0.0);
  var k = 0u;
  for (; k + 4u <= n; k += 4u) {
    let a = ${load('k')}; let b = ${load('k + 1u')}; let c = ${load('k + 2u')}; let d = ${load('k + 3u')};
    let top = max(max(a, b), max(c, d));
    let grown = max(m, max(max(top.x, top.y), max(top.z, top.w)));
    s = s * exp(m - grown) + ((exp(a - grown) + exp(b - grown)) + (exp(c - grown) + exp(d - grown)));
    m = grown;
  }
  for (; k < n; k++) {
    let a = ${load('k')};
    let grown = max(m, max(max(a.x, a.y), max(a.z, a.w)));
    s = s * exp(m - grown) + exp(a - grown);
    m = grown;
  }
  var total = (s.x + s.y) + (s.z + s.w);
  ${c % 4 === 0 ? '' : `for (var j = 4u * n; j < ${c}u; j++) { let grown = max(m, src[base + j]); total = total * exp(m - grown) + exp(src[base + j] - grown); m = grown; }`}
  let scale = 1.0 / total;
  ${
    c % 4 === 0
      ? 'for (var j = 0u; j < n; j++) { dst4[base + j] = exp(src4[base + j] - m) * scale; }'
      : `for (var j = 0u; j < ${c}u; j++) { dst[base + j] = exp(src[base + j] - m) * scale; }`
  }`;
}

function source(c: number, sumRows: boolean): string {
  return /* wgsl */ `
@group(0) @binding(0) var<uniform> rows: vec4u;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;
@group(0) @binding(1) var<storage, read> src4: array<vec4f>;
@group(0) @binding(2) var<storage, read_write> dst4: array<vec4f>;
${sumRows ? '@group(0) @binding(3) var<storage, read_write> row_value: array<f32>;' : ''}
fn quad(i: u32) -> vec4f { return vec4f(src[i], src[i + 1u], src[i + 2u], src[i + 3u]); }
@compute @workgroup_size(${WORKGROUP_SIZE})
fn bare_softmax(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let row = gid.x + gid.y * groups.x * ${WORKGROUP_SIZE}u;
  if (row >= rows.x) { return; }
${c <= 32 ? straightLine(c) : loops(c)}
${sumRows ? '  row_value[row] = m + log(total);' : ''}
}`;
}

export interface BareSoftmax {
  encode(pass: GPUComputePassEncoder): void;
  output: GPUBuffer;
  /** With sumRows: the mean of the rows' log Σ exp, as a 'mean' loss is reduced; else null. */
  sum: GPUBuffer | null;
  destroy(): void;
}

export function bareSoftmax(device: GPUDevice, input: GPUBuffer, rows: number, classes: number, sumRows = false): BareSoftmax {
  const label = sumRows ? 'bench.bareSoftmaxSum' : 'bench.bareSoftmax';
  const { pipeline, shape } = rowsPipeline(device, label, source(classes, sumRows), 'bare_softmax', rows, classes);
  const output = createStorageBuffer(device, `${label}.output`, rows * classes * 4);
  const rowValues = sumRows ? createStorageBuffer(device, `${label}.rowValues`, rows * 4) : null;
  const sum = sumRows ? createStorageBuffer(device, `${label}.sum`, 4) : null;
  const reduce =
    rowValues && sum
      ? new ReduceSum(device, `${label}.reduce`, rows, { values: rowValues, result: sum, divisor: { constant: rows } })
      : null;
  const group = device.createBindGroup({
    label,
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: shape } },
      { binding: 1, resource: { buffer: input } },
      { binding: 2, resource: { buffer: output } },
      ...(rowValues ? [{ binding: 3, resource: { buffer: rowValues } }] : []),
    ],
  });
  const [x, y] = rowGrid(device, rows);
  return {
    output,
    sum,
    encode(pass) {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(x, y);
      reduce?.encode(pass);
    },
    destroy() {
      for (const buffer of [shape, output, rowValues, sum]) buffer?.destroy();
      reduce?.destroy();
    },
  };
}
