// Kernel variants chosen per adapter by a rule: one row per invocation on CPU adapters and for
// short rows, a workgroup per row for long rows on GPUs.
import { describe, expect, it } from 'vitest';
import { type AdapterFacts, classBucket, isCpuAdapter } from '../src/gpu/kernelChoice';
import { CROSS_ENTROPY_FAMILY } from '../src/gpu/kernels/cross_entropy';
import { LOG_SOFTMAX_FAMILY } from '../src/gpu/kernels/log_softmax';

const swiftshader: AdapterFacts = { vendor: 'google', architecture: 'swiftshader', device: '', description: '' };
const discrete: AdapterFacts = { vendor: 'nvidia', architecture: 'ada', device: '', description: 'NVIDIA GeForce RTX 4070' };

describe('kernel variant rules', () => {
  it('rules: row-per-invocation on CPU adapters and short rows, workgroups for long rows on GPUs', () => {
    expect(isCpuAdapter(swiftshader)).toBe(true);
    expect(isCpuAdapter({ ...discrete, description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isCpuAdapter(discrete)).toBe(false);
    expect(LOG_SOFTMAX_FAMILY.rule(swiftshader, classBucket(32768))).toBe('row');
    expect(LOG_SOFTMAX_FAMILY.rule(discrete, classBucket(10))).toBe('row');
    expect(LOG_SOFTMAX_FAMILY.rule(discrete, classBucket(1000))).toBe('workgroup');
    expect(CROSS_ENTROPY_FAMILY.rule(swiftshader, classBucket(32768))).toBe('row');
    expect(CROSS_ENTROPY_FAMILY.rule(discrete, classBucket(10))).toBe('row');
    expect(CROSS_ENTROPY_FAMILY.rule(discrete, classBucket(32768))).toBe('workgroup');
    expect([10, 64, 65, 1024, 1025].map(classBucket)).toEqual(['c<=64', 'c<=64', 'c<=1024', 'c<=1024', 'c>1024']);
  });
});
