// Our GPU-resident kernels on Dawn in Node (SwiftShader here) against the vec4 copy floor.
// Prints a table and writes bench-results/kernels.json. The browser benchmark against
// TensorFlow.js is a separate, later piece of work.
import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { CrossEntropy, LogSoftmax, NtXent } from '../src';
import { initialParameters } from '../src/engine/model/init';
import { mlpLayout } from '../src/engine/model/layout';
import { normalArray, seededRandom } from '../src/engine/random';
import { GpuMlp } from '../src/engine/train/gpuMlp';
import { createStorageBuffer, uploadBuffer } from '../src/gpu/buffers';
import { adapterFacts } from '../src/gpu/kernelChoice';
import { denseVariantFor } from '../src/gpu/kernels/dense';
import { createNtXentBuffers, NT_XENT_FAMILY, ntXentBucket } from '../src/gpu/kernels/nt_xent';
import { nodeGpu } from '../tests/setup/gpu';
import { crossEntropyCase } from '../tests/support/random';
import { copyFloor } from './copyFloor';
import { countDispatches } from './countDispatches';
import { formatTiming, type Timing, timeEncoded } from './timing';

interface Row {
  workload: string;
  ours: Timing;
  floor?: Timing;
  bytes?: number;
}

it('kernel benchmark', async () => {
  const adapter = (await nodeGpu().requestAdapter()) as GPUAdapter;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  const rows: Row[] = [];

  for (const [n, c] of [
    [4096, 10],
    [1024, 1000],
    [256, 32768],
  ]) {
    const args = crossEntropyCase(1, { n, c, weighted: true, labelSmoothing: 0.1 });
    const logits = uploadBuffer(device, 'bench.logits', args.logits);
    const buffers = {
      logits,
      target: uploadBuffer(device, 'bench.target', args.target),
      weight: uploadBuffer(device, 'bench.weight', args.weight as Float32Array),
      rowLoss: createStorageBuffer(device, 'bench.rowLoss', n * 4),
      grad: createStorageBuffer(device, 'bench.grad', n * c * 4),
      loss: createStorageBuffer(device, 'bench.loss', 4),
    };
    const options = { ignoreIndex: -100, reduction: 'mean', labelSmoothing: 0.1 } as const;
    const ce = new CrossEntropy(device, { rows: n, classes: c, targetKind: 'index' }, buffers, options);
    const logSoftmax = new LogSoftmax(device, { rows: n, classes: c }, { logits, output: buffers.grad });
    const copy = copyFloor(device, logits, n * c);
    const floor = await timeEncoded(device, (pass) => copy.encode(pass));
    rows.push({
      workload: `cross-entropy fwd+bwd ${n}×${c}`,
      ours: await timeEncoded(device, (p) => ce.encode(p)),
      floor,
      bytes: 8 * n * c,
    });
    rows.push({ workload: `log-softmax ${n}×${c}`, ours: await timeEncoded(device, (p) => logSoftmax.encode(p)), floor, bytes: 8 * n * c });
  }

  for (const count of [512, 2048]) {
    const dim = 128;
    const buffers = createNtXentBuffers(device, 'bench.ntXent', normalArray(seededRandom(count), count * dim), { rows: count, dim });
    const variant = NT_XENT_FAMILY.rule(adapterFacts(adapter.info), ntXentBucket(count)); // as the engine picks it
    const ntXent = new NtXent(device, { rows: count, dim }, buffers, { temperature: 0.5, reduction: 'mean' }, 'bench.NtXent', variant);
    rows.push({
      workload: `NT-Xent fwd+bwd 2N=${count}, D=${dim}`,
      ours: await timeEncoded(device, (p) => ntXent.encode(p), { callsPerSubmit: 2 }),
    });
  }

  // One MLP training step, 2→64→64→10, batch 256, Adam: steps per second over a run of submits.
  {
    const layout = mlpLayout({ inputs: 2, hidden: [64, 64], classes: 10, activation: 'relu' });
    const mlp = new GpuMlp(device, {
      layout,
      batch: 256,
      targetKind: 'index',
      initialParameters: initialParameters(layout, 'kaiming', 1),
      optimizer: { kind: 'adam', lr: 1e-3 },
      loss: { labelSmoothing: 0, reduction: 'mean', ignoreIndex: -100 },
    });
    await mlp.switchDenseVariant(denseVariantFor(device)); // the steady state the playground reaches
    const random = seededRandom(5);
    const x = normalArray(random, 256 * 2);
    const y = Int32Array.from({ length: 256 }, () => random.int(10));
    const samples: number[] = [];
    for (let rep = 0; rep < 6; rep++) {
      const start = performance.now();
      for (let s = 0; s < 20; s++) mlp.step(x, y);
      await device.queue.onSubmittedWorkDone();
      if (rep > 0) samples.push((performance.now() - start) / 20); // rep 0 is the warm-up
    }
    samples.sort((a, b) => a - b);
    const ms = { median: samples[2], min: samples[0], max: samples[samples.length - 1] };
    const workload = `MLP step 2→64→64→10, batch 256, Adam (${(1000 / ms.median).toFixed(0)} steps/s, ${countDispatches(device, (pass) => mlp.encodeStep(pass))} dispatches)`;
    rows.push({ workload, ours: ms });
    mlp.destroy();
  }

  const info = adapter.info;
  console.log(`adapter: ${[info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' · ')}`);
  console.log(['workload', 'ours (median, min–max)', 'floor', 'ours/floor', 'GB/s'].join(' | '));
  for (const row of rows) {
    const ratio = row.floor ? (row.ours.median / row.floor.median).toFixed(2) : '-';
    const gbs = row.bytes ? (row.bytes / (row.ours.median * 1e6)).toFixed(2) : '-';
    console.log([row.workload, formatTiming(row.ours), row.floor ? formatTiming(row.floor) : '-', ratio, gbs].join(' | '));
  }
  mkdirSync('bench-results', { recursive: true });
  // GPUAdapterInfo's fields are getters on its prototype, which a spread would not copy.
  const adapterRecord = { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description };
  writeFileSync(
    'bench-results/kernels.json',
    `${JSON.stringify({ date: new Date().toISOString(), adapter: adapterRecord, rows }, null, 2)}\n`,
  );
  device.destroy();
});
