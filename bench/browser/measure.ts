// Interleaved timing of several contenders on one workload: each is prepared and warmed up, then
// rep r times every contender once (rotating who goes first) before rep r + 1 starts, so that
// drift on a shared machine hits all of them alike. Medians with min–max over the reps.

/** A contender ready to run: `run(calls)` issues `calls` calls and resolves when their results are ready. */
export interface Runner {
  run(calls: number): Promise<void>;
  /**
   * Awaited after the first result and before any timed call: what the contender finishes in the
   * background once it has answered (ours' MLP: the switch from the 4×4 tiles it starts on to the
   * adapter's, as the engine's trainer does), so that the reps time its steady state.
   */
  settle?(): Promise<void>;
  /** The last call's loss (or first output) and its gradient (or output): for the correctness guard. */
  read?(): Promise<{ loss: number; output: Float32Array }>;
  dispose(): void;
}

export interface Contender {
  name: string;
  /** Builds pipelines, buffers or tensors; timed together with the first call as time to first result. */
  prepare(): Promise<Runner>;
  /** Pure JS (tfjs-cpu): fewer reps on the shapes where one call takes seconds, so the run stays bounded. */
  boundedReps?: boolean;
  /** A run of one call is exactly this other contender's run of one call: when both would time one call a rep, its reps are reused. */
  sameSingleCallAs?: string;
}

export interface Timing {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export interface Measured {
  contender: string;
  /** ms per call over the reps after warm-up. */
  ms: Timing;
  callsPerRep: number;
  reps: number;
  /** Preparation plus the first call, pipeline creation and shader compilation included. */
  firstResultMs: number;
  note?: string;
}

export const REPS = 5;
/** Calls per rep are chosen so that one rep takes about this long: launch overhead amortised, total time bounded. */
const TARGET_REP_MS = 250;
const MAX_CALLS_PER_REP = 50;
/**
 * The first call compiles shaders (ours' MLP: seconds on SwiftShader for a step of milliseconds;
 * docs/benchmarks.md), so a second call estimates the steady cost; past 10 s a call is slow
 * whatever the compile cost, and one call per rep is right.
 */
const SECOND_WARM_UP_BELOW_MS = 10_000;
/** boundedReps: reps by the cost of one call, so that tfjs-cpu's largest shapes do not dominate the run. */
export const BOUNDED_REPS = [
  { aboveMs: 10_000, reps: 0 },
  { aboveMs: 2_000, reps: 3 },
];

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], samples };
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await f();
  return performance.now() - start;
}

interface Warm {
  contender: Contender;
  runner: Runner;
  firstResultMs: number;
  callMs: number;
  callsPerRep: number;
  reps: number;
  samples: number[];
  note?: string;
}

async function warmUp(contender: Contender): Promise<Warm> {
  let runner: Runner | undefined;
  let firstCallMs = 0;
  const firstResultMs = await timed(async () => {
    runner = await contender.prepare();
    firstCallMs = await timed(() => (runner as Runner).run(1));
  });
  if (!runner) throw new Error(`${contender.name}: prepare() returned no runner`);
  await runner.settle?.();
  // The first call alone decides (not the set-up): a long pipeline compile must not leave K at 1.
  const callMs = firstCallMs < SECOND_WARM_UP_BELOW_MS ? await timed(() => (runner as Runner).run(1)) : firstCallMs;
  const callsPerRep = Math.max(1, Math.min(MAX_CALLS_PER_REP, Math.floor(TARGET_REP_MS / Math.max(callMs, 1e-3))));
  const bound = contender.boundedReps ? BOUNDED_REPS.find((b) => callMs > b.aboveMs) : undefined;
  const warm: Warm = { contender, runner, firstResultMs, callMs, callsPerRep, reps: bound?.reps ?? REPS, samples: [] };
  if (bound) {
    const seconds = `${(callMs / 1000).toFixed(1)} s`;
    warm.note = bound.reps > 0 ? `${bound.reps} reps: one call took ${seconds}` : `no reps: the warm-up call alone (${seconds})`;
  }
  return warm;
}

export async function measureInterleaved(
  contenders: Contender[],
  log: (line: string) => void,
): Promise<{ measured: Measured[]; runners: Runner[] }> {
  const warm: Warm[] = [];
  for (const contender of contenders) {
    warm.push(await warmUp(contender));
    log(`  warmed up: ${contender.name} (first result ${warm[warm.length - 1].firstResultMs.toFixed(0)} ms)`);
  }
  // One call per rep for both: the same measurement twice, so time it once.
  const duplicates = new Map<Warm, Warm>();
  for (const w of warm) {
    const original = warm.find((o) => o.contender.name === w.contender.sameSingleCallAs);
    if (original && original.callsPerRep === 1 && w.callsPerRep === 1) duplicates.set(w, original);
  }
  const rounds = Math.max(...warm.map((w) => w.reps));
  for (let rep = 0; rep < rounds; rep++) {
    for (let i = 0; i < warm.length; i++) {
      const w = warm[(i + rep) % warm.length];
      if (w.samples.length >= w.reps || duplicates.has(w)) continue;
      w.samples.push((await timed(() => w.runner.run(w.callsPerRep))) / w.callsPerRep);
    }
  }
  for (const [w, original] of duplicates) {
    w.samples = original.samples;
    w.note = `one call a rep: the reps of ${original.contender.name}`;
  }
  const measured = warm.map((w) => ({
    contender: w.contender.name,
    ms: summarize(w.samples.length > 0 ? w.samples : [w.callMs]),
    callsPerRep: w.callsPerRep,
    reps: w.samples.length,
    firstResultMs: w.firstResultMs,
    ...(w.note ? { note: w.note } : {}),
  }));
  return { measured, runners: warm.map((w) => w.runner) };
}
