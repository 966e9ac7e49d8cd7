// Kernel variants chosen per adapter: a trial on first use, remembered per adapter and bucket,
// forgotten on reset, and the adapter rule when a trial cannot run.
import { describe, expect, it } from 'vitest';
import { type AdapterFacts, classBucket, type Family, isCpuAdapter, KernelChoices, memoryStore } from '../src/gpu/kernelChoice';
import { CROSS_ENTROPY_FAMILY } from '../src/gpu/kernels/cross_entropy';
import { LOG_SOFTMAX_FAMILY } from '../src/gpu/kernels/log_softmax';

const swiftshader: AdapterFacts = { vendor: 'google', architecture: 'swiftshader', device: '', description: '' };
const discrete: AdapterFacts = { vendor: 'nvidia', architecture: 'ada', device: '', description: 'NVIDIA GeForce RTX 4070' };
const family: Family<'a' | 'b'> = { name: 'demo', variants: ['a', 'b'], rule: () => 'a' };

describe('KernelChoices', () => {
  it('times every variant once, keeps the fastest, and reuses it without a new trial', async () => {
    const store = memoryStore();
    const choices = new KernelChoices(discrete, store);
    const trials: string[] = [];
    const trial = async (variant: 'a' | 'b') => {
      trials.push(variant);
      return variant === 'b' ? 1 : 5;
    };
    expect(await choices.choose(family, 'c<=64', trial)).toBe('b');
    expect(await choices.choose(family, 'c<=64', trial)).toBe('b');
    expect(trials).toEqual(['a', 'b']);
    expect(choices.table()).toEqual({ 'demo/c<=64': 'b' });
    // Another KernelChoices on the same store and adapter (a page reload) remembers it.
    expect(new KernelChoices(discrete, store).table()).toEqual({ 'demo/c<=64': 'b' });
    // Another adapter does not.
    expect(new KernelChoices(swiftshader, store).table()).toEqual({});
  });

  it('times only the variants the device can run, and does not reuse a remembered one it cannot', async () => {
    const store = memoryStore();
    store.setItem(`xent-lab:kernel-choice:${Object.values(discrete).join('|')}`, JSON.stringify({ 'demo/x': 'b' }));
    const choices = new KernelChoices(discrete, store);
    const trials: string[] = [];
    const trial = async (variant: 'a' | 'b') => {
      trials.push(variant);
      return 1;
    };
    expect(await choices.choose(family, 'x', trial, ['a'])).toBe('a'); // 'b' (e.g. subgroups) is not on this device
    expect(trials).toEqual(['a']);
    expect(choices.table()).toEqual({ 'demo/x': 'a' });
  });

  it('forgets on reset, and runs the trial again', async () => {
    const choices = new KernelChoices(discrete, memoryStore());
    let calls = 0;
    const trial = async (variant: 'a' | 'b') => {
      calls++;
      return variant === 'a' ? 1 : 2;
    };
    await choices.choose(family, 'x', trial);
    choices.reset();
    expect(choices.table()).toEqual({});
    await choices.choose(family, 'x', trial);
    expect(calls).toBe(4);
  });

  it("falls back to the family's rule when a trial fails, and ignores a damaged or foreign entry", async () => {
    const store = memoryStore();
    const choices = new KernelChoices(swiftshader, store);
    expect(await choices.choose(LOG_SOFTMAX_FAMILY, 'c>1024', () => Promise.reject(new Error('no GPU time')))).toBe('row');
    store.setItem('xent-lab:kernel-choice:google|swiftshader||', '{not json');
    expect(choices.table()).toEqual({});
    store.setItem('xent-lab:kernel-choice:google|swiftshader||', JSON.stringify({ 'demo/x': 'c' }));
    expect(await choices.choose(family, 'x', async (v) => (v === 'a' ? 2 : 1))).toBe('b'); // 'c' is no variant: a new trial
  });

  it('asks the rule, and remembers nothing, for a call too small to time', async () => {
    const choices = new KernelChoices(discrete, memoryStore());
    expect(await choices.choose(LOG_SOFTMAX_FAMILY, 'c<=1024', null)).toBe('workgroup');
    expect(choices.table()).toEqual({});
    // Once a trial has chosen, small calls use its choice too.
    expect(await choices.choose(LOG_SOFTMAX_FAMILY, 'c<=1024', async (v) => (v === 'row' ? 1 : 2))).toBe('row');
    expect(await choices.choose(LOG_SOFTMAX_FAMILY, 'c<=1024', null)).toBe('row');
  });

  it('tells each trial the best time so far, so that a clear loser can stop early', async () => {
    const choices = new KernelChoices(discrete, memoryStore());
    const beats: number[] = [];
    const three: Family<'a' | 'b' | 'c'> = { name: 'three', variants: ['a', 'b', 'c'], rule: () => 'a' };
    const times = { a: 4, b: 3, c: 9 };
    const chosen = await choices.choose(three, 'x', async (variant, beat) => {
      beats.push(beat);
      return times[variant];
    });
    expect(chosen).toBe('b');
    expect(beats).toEqual([Number.POSITIVE_INFINITY, 4, 3]);
  });

  it('runs one trial for concurrent first calls of a slot', async () => {
    const choices = new KernelChoices(discrete, memoryStore());
    let calls = 0;
    const trial = async (variant: 'a' | 'b') => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return variant === 'a' ? 2 : 1;
    };
    const chosen = await Promise.all([
      choices.choose(family, 'x', trial),
      choices.choose(family, 'x', trial),
      choices.choose(family, 'y', trial),
    ]);
    expect(chosen).toEqual(['b', 'b', 'b']);
    expect(calls).toBe(4); // two variants for 'x', two for 'y'
  });

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
