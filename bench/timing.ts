// Timing on the GPU queue: K calls encoded into one submit (launch overhead amortised), timed to
// onSubmittedWorkDone, repeated after a warm-up; medians with min–max.

export interface Timing {
  median: number;
  min: number;
  max: number;
}

export async function timeEncoded(
  device: GPUDevice,
  encode: (pass: GPUComputePassEncoder) => void,
  { callsPerSubmit = 10, reps = 5 } = {},
): Promise<Timing> {
  const submit = async (calls: number) => {
    const encoder = device.createCommandEncoder({ label: 'bench.encoder' });
    for (let i = 0; i < calls; i++) {
      const pass = encoder.beginComputePass({ label: 'bench.pass' });
      encode(pass);
      pass.end();
    }
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
  };
  await submit(1); // warm-up: pipeline first use, buffer residency
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    await submit(callsPerSubmit);
    samples.push((performance.now() - start) / callsPerSubmit);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}

export const formatTiming = ({ median, min, max }: Timing) => `${median.toFixed(2)} ms (${min.toFixed(2)}–${max.toFixed(2)})`;
