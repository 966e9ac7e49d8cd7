// Which variant of a kernel family runs here. What is fastest differs by adapter: on SwiftShader
// (a CPU) barriers and workgroup memory cost tens of milliseconds, so row-per-invocation loops win;
// on real GPUs workgroup reductions win for long rows. The first call of a family at a shape
// bucket runs a short timed trial of every variant (GPU timestamps when the device has them), and
// the winner is kept per adapter: in localStorage in the browser, in memory elsewhere.
// KernelChoices.reset() forgets them. If a trial cannot run, a rule keyed on the adapter decides.
import { MAP_MODE_READ, USAGE } from './buffers';

export interface AdapterFacts {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

/** The storage the choices live in: localStorage's shape. */
export type ChoiceStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'xent-lab:kernel-choice:';

export function memoryStore(): ChoiceStore {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** localStorage where the page has a working one (not in Node, not in some private modes). */
export function defaultStore(): ChoiceStore {
  try {
    const storage = globalThis.localStorage;
    if (storage) {
      storage.setItem(`${PREFIX}probe`, '1');
      storage.removeItem(`${PREFIX}probe`);
      return storage;
    }
  } catch {
    // Storage that throws (a sandboxed frame, a full quota) is as good as none.
  }
  return memoryStore();
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

/** Calls with fewer entries (rows × classes) are too small to time: the rule decides for them. */
export const TRIAL_MIN_ENTRIES = 1 << 15;

/** Row lengths that behave alike: short rows fit a lane, long ones want a workgroup. */
export function classBucket(classes: number): string {
  if (classes <= 64) return 'c<=64';
  if (classes <= 1024) return 'c<=1024';
  return 'c>1024';
}

/** Times one variant in ms; `beat` is the best time so far, so a clear loser can stop early. */
export type Trial<V extends string> = (variant: V, beat: number) => Promise<number>;

export interface Family<V extends string> {
  name: string;
  variants: readonly V[];
  /** The fallback when no trial runs: keyed on the adapter and the shape bucket. */
  rule(facts: AdapterFacts, bucket: string): V;
}

export class KernelChoices {
  private readonly key: string;
  private readonly trials = new Map<string, Promise<string>>();

  constructor(
    readonly facts: AdapterFacts,
    private readonly store: ChoiceStore = defaultStore(),
  ) {
    this.key = `${PREFIX}${[facts.vendor, facts.architecture, facts.device, facts.description].join('|')}`;
  }

  /** Every choice made on this adapter so far: `family/bucket` → variant. */
  table(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(this.key) ?? '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {}; // a damaged entry is forgotten, not trusted
    }
  }

  /**
   * The variant for this family and bucket: the remembered one, else the fastest in `trial`, else
   * the family's rule if the trial fails. `trial` null: the call is too small to time, so the rule
   * answers and nothing is remembered. `available`: the variants this device can run (all of the
   * family's by default; the subgroup ones need a feature). Concurrent first calls for one slot
   * share one trial.
   */
  async choose<V extends string>(
    family: Family<V>,
    bucket: string,
    trial: Trial<V> | null,
    available: readonly V[] = family.variants,
  ): Promise<V> {
    const slot = `${family.name}/${bucket}`;
    const known = this.table()[slot];
    if (known && (available as readonly string[]).includes(known)) return known as V;
    if (!trial) return family.rule(this.facts, bucket);
    let running = this.trials.get(slot) as Promise<V> | undefined;
    if (!running) {
      running = this.runTrial(family, bucket, trial, available).finally(() => this.trials.delete(slot));
      this.trials.set(slot, running);
    }
    return running;
  }

  private async runTrial<V extends string>(family: Family<V>, bucket: string, trial: Trial<V>, available: readonly V[]): Promise<V> {
    let chosen: V;
    try {
      let best: { variant: V; ms: number } | null = null;
      for (const variant of available) {
        const ms = await trial(variant, best?.ms ?? Number.POSITIVE_INFINITY);
        if (!best || ms < best.ms) best = { variant, ms };
      }
      chosen = best?.variant ?? family.rule(this.facts, bucket);
    } catch {
      chosen = family.rule(this.facts, bucket);
    }
    this.store.setItem(this.key, JSON.stringify({ ...this.table(), [`${family.name}/${bucket}`]: chosen }));
    return chosen;
  }

  /** Forgets this adapter's choices: the next calls run their trials again. */
  reset(): void {
    this.store.removeItem(this.key);
  }
}

/**
 * Median GPU time of `encode` in ms over a few runs: timestamp queries when the device has them,
 * else the wall time to onSubmittedWorkDone (which includes the submit, alike for every variant).
 * A run slower than twice `beat` ends the timing: that variant has lost (on SwiftShader a workgroup
 * variant can take 100× the row variant's time, and a trial should not wait for it three times).
 */
export async function timeOnGpu(
  device: GPUDevice,
  label: string,
  encode: (pass: GPUComputePassEncoder) => void,
  runs = 3,
  beat = Number.POSITIVE_INFINITY,
): Promise<number> {
  const timestamps = device.features.has('timestamp-query');
  const querySet = timestamps ? device.createQuerySet({ label: `${label}.timestamps`, type: 'timestamp', count: 2 }) : null;
  const resolved = querySet
    ? device.createBuffer({ label: `${label}.resolved`, size: 16, usage: USAGE.QUERY_RESOLVE | USAGE.COPY_SRC })
    : null;
  const staging = querySet ? device.createBuffer({ label: `${label}.staging`, size: 16, usage: USAGE.MAP_READ | USAGE.COPY_DST }) : null;
  const times: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const encoder = device.createCommandEncoder({ label: `${label}.encoder` });
      const pass = encoder.beginComputePass({
        label: `${label}.pass`,
        ...(querySet ? { timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {}),
      });
      encode(pass);
      pass.end();
      if (querySet && resolved && staging) {
        encoder.resolveQuerySet(querySet, 0, 2, resolved, 0);
        encoder.copyBufferToBuffer(resolved, 0, staging, 0, 16);
      }
      const started = performance.now();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
      let ms = performance.now() - started;
      if (staging) {
        await staging.mapAsync(MAP_MODE_READ);
        const [begin, end] = new BigUint64Array(staging.getMappedRange().slice(0));
        staging.unmap();
        ms = Number(end - begin) / 1e6;
      }
      if (run > 0) times.push(ms); // run 0 warms up: pipeline compilation, first-use costs
      if (run > 0 && ms > 2 * beat) return ms;
    }
  } finally {
    querySet?.destroy();
    resolved?.destroy();
    staging?.destroy();
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}
