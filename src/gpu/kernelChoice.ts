// Which variant of a kernel family runs here: a rule keyed on the adapter and the shape. On CPU
// adapters (SwiftShader, llvmpipe) barriers and workgroup memory are dear, so one row per
// invocation wins; on real GPUs a workgroup per row wins for long rows. Every variant computes the
// same numbers (the variants tests check it), so the rule only decides speed.

export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export function adapterFacts(info: GPUAdapterInfo | undefined): AdapterFacts {
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
  };
}

/** CPU implementations of WebGPU: SwiftShader, and Mesa's llvmpipe/lavapipe. */
export function isCpuAdapter(facts: AdapterFacts): boolean {
  return /swiftshader|llvmpipe|lavapipe/i.test(Object.values(facts).join(' '));
}

/** The rule of the row-wise families: one row per invocation on CPU adapters and for short rows, else one per workgroup. */
export function rowOrWorkgroup(facts: AdapterFacts, bucket: string): 'row' | 'workgroup' {
  return isCpuAdapter(facts) || bucket === 'c<=64' ? 'row' : 'workgroup';
}

/** Row lengths that behave alike: short rows fit a lane, long ones want a workgroup. */
export function classBucket(classes: number): string {
  if (classes <= 64) return 'c<=64';
  if (classes <= 1024) return 'c<=1024';
  return 'c>1024';
}

export interface Family<V extends string> {
  name: string;
  variants: readonly V[];
  /** The variant for this adapter and shape bucket. */
  rule(facts: AdapterFacts, bucket: string): V;
}
