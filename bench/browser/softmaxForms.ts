// Evidence for the cross-entropy targets at C a multiple of 4: our cross-entropy beside the floor,
// the bare softmax (the bounds' form), the other ways to write a softmax, and the parts the bare
// softmax is made of (bench/softmaxForms.ts), interleaved in one run. A form this device cannot run
// is left out with the reason in the log.

import { uploadBuffer } from '../../src/gpu/buffers';
import { formUnavailable, SOFTMAX_FORMS, type SoftmaxForm, softmaxForm } from '../softmaxForms';
import { crossEntropyCase, crossEntropyKernel } from './crossEntropy';
import { bareSoftmaxContender, floorContender, gpuContender } from './gpuContenders';
import type { Contender } from './measure';
import { OURS } from './names';
import type { Workload } from './workload';

function formContender(device: GPUDevice, data: Float32Array, rows: number, classes: number, form: SoftmaxForm): Contender {
  const label = `bench.softmaxForm.${form}`;
  return gpuContender(
    device,
    SOFTMAX_FORMS[form],
    label,
    () => {
      const source = uploadBuffer(device, `${label}.source`, data);
      const kernel = softmaxForm(device, source, rows, classes, form);
      return {
        encode: (pass) => kernel.encode(pass),
        // The 4-byte readback only marks the end of a run's calls: any of its buffers will do.
        result: kernel.rowValues,
        destroy() {
          kernel.destroy();
          source.destroy();
        },
      };
    },
    'batched',
  );
}

export function softmaxFormsWorkload(device: GPUDevice, n: number, c: number): Workload {
  const { logits, labels } = crossEntropyCase(n, c);
  const forms = (Object.keys(SOFTMAX_FORMS) as SoftmaxForm[]).filter((form) => {
    const unavailable = formUnavailable(device, form, c);
    if (unavailable) console.log(`  softmax forms ${n}×${c}: ${SOFTMAX_FORMS[form]} left out: ${unavailable}`);
    return !unavailable;
  });
  return {
    name: `softmax forms ${n}×${c}`,
    bytes: 8 * n * c,
    contenders: [
      gpuContender(device, OURS, 'bench.softmaxForms.ours', () => crossEntropyKernel(device, n, c, { logits, labels }), 'batched'),
      floorContender(device, logits),
      floorContender(device, logits, true),
      bareSoftmaxContender(device, logits, n, c),
      bareSoftmaxContender(device, logits, n, c, true),
      ...forms.map((form) => formContender(device, logits, n, c, form)),
    ],
  };
}
