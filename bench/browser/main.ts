// Runs in headless Chromium on WebGPU (`node bench/browser/run.mjs`): our GPU-resident kernels
// against TensorFlow.js (WebGPU backend on the same adapter, and its CPU backend) and the vec4 copy
// floor, one workload after another, repetitions interleaved across contenders within each.
import * as tf from '@tensorflow/tfjs-core';
import { agreement } from './check';
import { crossEntropyWorkload } from './crossEntropy';
import { workloadDevice } from './gpuContenders';
import { logSoftmaxWorkload } from './logSoftmax';
import { BOUNDED_REPS, measureInterleaved, REPS } from './measure';
import { MNIST_WIDTHS, mlpWorkload } from './mlp';
import { OURS } from './names';
import { ntXentWorkload } from './ntXent';
import { formatTable, type WorkloadResult, withRatios } from './report';
import { softmaxFormsWorkload } from './softmaxForms';
import { sweepWorkload } from './sweep';
import { TFJS_NAMES, tfjsWebgpuAdapter } from './tfjsContenders';
import type { Workload } from './workload';

const CE_SHAPES = [
  [4096, 10],
  [1024, 1000],
  [256, 32768],
] as const;
const NT_XENT_ROWS = [512, 2048];
const NT_XENT_DIM = 128;

const WORKLOADS: ((device: GPUDevice) => Workload)[] = [];
for (const [n, c] of CE_SHAPES) WORKLOADS.push((device) => crossEntropyWorkload(device, n, c));
for (const [n, c] of CE_SHAPES) WORKLOADS.push((device) => logSoftmaxWorkload(device, n, c));
// Where C is a multiple of 4 (the forms load vec4): what else a softmax could cost, beside ours.
for (const [n, c] of CE_SHAPES.filter(([, c]) => c % 4 === 0)) WORKLOADS.push((device) => softmaxFormsWorkload(device, n, c));
for (const rows of NT_XENT_ROWS) WORKLOADS.push((device) => ntXentWorkload(device, rows, NT_XENT_DIM));
WORKLOADS.push((device) => mlpWorkload(device));
WORKLOADS.push((device) => mlpWorkload(device, MNIST_WIDTHS, false));
for (const runs of [16, 64]) WORKLOADS.push((device) => sweepWorkload(device, runs));

function adapterFields(info: GPUAdapterInfo) {
  const { vendor, architecture, device, description } = info;
  return { vendor, architecture, device, description };
}

async function runOne(workload: Workload): Promise<WorkloadResult> {
  console.log(`${workload.name}`);
  const tensorsBefore = tf.memory().numTensors;
  const { measured, runners } = await measureInterleaved(workload.contenders, (line) => console.log(line));
  const result: WorkloadResult = { name: workload.name, rows: withRatios(measured, workload.bytes, workload.perStep ?? false) };
  if (workload.bytes) result.bytes = workload.bytes;
  const runnerOf = (name: string) => runners[measured.findIndex((m) => m.contender === name)];
  if (workload.check) {
    const [ours, theirs] = await Promise.all([runnerOf(OURS).read?.(), runnerOf(TFJS_NAMES.webgpu).read?.()]);
    if (ours && theirs) result.check = agreement(workload.check, ours, theirs);
    if (!result.check?.ok) console.warn(`WARNING: ${workload.name}: ours and tfjs-webgpu disagree: ${JSON.stringify(result.check)}`);
  }
  if (workload.extra) result.extra = await workload.extra();
  for (const runner of runners) runner.dispose();
  const leaked = tf.memory().numTensors - tensorsBefore;
  if (leaked !== 0) console.warn(`WARNING: ${workload.name}: ${leaked} tfjs tensors left undisposed`);
  return result;
}

/** `only`: run just the workloads whose name contains it (case-insensitive), e.g. 'MLP'. */
async function runBenchmark(only?: string) {
  const start = performance.now();
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  const ours = adapterFields(adapter.info);
  const tfjsInfo = await tfjsWebgpuAdapter();
  const tfjsAdapter = tfjsInfo ? adapterFields(tfjsInfo) : undefined;
  const adapterRecord = {
    ...ours,
    subgroups: adapter.features.has('subgroups'),
    timestampQuery: adapter.features.has('timestamp-query'),
    tfjsWebgpuAdapter: tfjsAdapter,
    sameAdapterAsTfjs: JSON.stringify(ours) === JSON.stringify(tfjsAdapter),
  };

  const results: WorkloadResult[] = [];
  for (const [i, build] of WORKLOADS.entries()) {
    const device = await workloadDevice(`bench.workload${i}`);
    const workload = build(device);
    if (!only || workload.name.toLowerCase().includes(only.toLowerCase())) results.push(await runOne(workload));
    device.destroy();
  }

  const seconds = (performance.now() - start) / 1000;
  const method =
    `${REPS} reps after warm-up, interleaved across contenders (tfjs-cpu: ${BOUNDED_REPS.map((b) => `${b.reps} past ${b.aboveMs / 1000} s a call`).join(', ')}); ` +
    'K calls per rep chosen for ~250 ms a rep; ours (K calls/submit): K calls in one submit + one 4-byte readback ' +
    '(MLP: K steps, one submit each, + one loss readback); ' +
    'tfjs: K calls + one 1-float readback; first result: kernel/tensor setup + first call, on a fresh device per workload for ours (ours 1-call row: pipelines already built); ' +
    "ours' MLP starts on 4×4 tiles, as the engine's trainer does, and its reps run on the adapter's tiles once it has switched";
  const header = [
    `adapter: ${[ours.vendor, ours.architecture, ours.device, ours.description].filter(Boolean).join(' · ')}; ` +
      `subgroups: ${adapterRecord.subgroups}, timestamp-query: ${adapterRecord.timestampQuery}, ` +
      `tfjs-webgpu on the same adapter: ${adapterRecord.sameAdapterAsTfjs}`,
    `browser: ${navigator.userAgent}`,
    `method: ${method}`,
    `page run time: ${seconds.toFixed(0)} s`,
  ];
  return {
    adapter: adapterRecord,
    userAgent: navigator.userAgent,
    method,
    seconds,
    workloads: results,
    table: formatTable(results, header),
  };
}

Object.assign(window, { runBenchmark });
