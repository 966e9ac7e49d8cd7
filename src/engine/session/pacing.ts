// How often the loop measures and redraws the decision boundary, and how long a CPU frame may step.
// Measuring reads the whole dataset back, so it is spaced by what it costs: a slow backend measures
// less often, yet never so rarely that the page looks stuck.

/** Steps the page trains on its own when it opens, so that something moves; then it waits for Play. */
export const PREVIEW_STEPS = 400;
export const MEASURE_EVERY_MS = 250;
export const GRID_EVERY_MS = 300;
/** Measuring may take at most 1/(1 + this) of the time: a slow backend measures less often. */
export const TRAIN_TO_MEASURE_RATIO = 4;
export const MAX_MEASURE_EVERY_MS = 1500;
/** The decision boundary may take up to a third of the time: it should move a few times a second. */
export const GRID_COST_RATIO = 2;
export const GRID_RESOLUTION = 100;
/** On the CPU backend a frame's steps stop after this long, so that the page stays responsive. */
export const CPU_FRAME_BUDGET_MS = 12;
/**
 * The first steps are measured at these steps whatever the pacing, and a frame stops at each, so
 * that the first (steepest) drop is drawn as a curve and not as one straight ramp to step ~100.
 */
export const EARLY_MEASURE_STEPS: readonly number[] = [1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];

/** The first early measurement step after `step`, or null past them all. */
export function nextEarlyStep(step: number): number | null {
  return EARLY_MEASURE_STEPS.find((s) => s > step) ?? null;
}

/** Frames of steps encoded before the loss of the oldest is read back: more would only queue work. */
export const MAX_FRAMES_IN_FLIGHT = 2;

/** What the last measurement and grid cost, in ms: they space the next ones. */
export interface MeasureCosts {
  measure: number;
  grid: number;
}

/** Milliseconds between measurements while playing: spaced by their cost, yet at least every 1.5 s. */
export function measureInterval(costs: MeasureCosts): number {
  return Math.min(MAX_MEASURE_EVERY_MS, Math.max(MEASURE_EVERY_MS, TRAIN_TO_MEASURE_RATIO * (costs.measure + costs.grid / 2)));
}

/** Whether a measurement ending at `now` should redraw the decision grid, last drawn at `lastGrid`. */
export function gridDue(now: number, lastGrid: number, gridCost: number): boolean {
  return now - lastGrid > Math.min(2 * MAX_MEASURE_EVERY_MS, Math.max(GRID_EVERY_MS, GRID_COST_RATIO * gridCost));
}

export interface Measured<S, G> {
  snapshot: S;
  /** Present when the grid was due (or the measurement forced). */
  grid?: G;
}

/** Times each measurement and grid, and says when the next is due. */
export class MeasurePacer {
  private lastMeasure = 0;
  private lastGrid = 0;
  private readonly costs: MeasureCosts = { measure: 0, grid: 0 };

  constructor(private readonly now: () => number) {}

  /** Whether a playing run is due a measurement. */
  due(): boolean {
    return this.now() - this.lastMeasure > measureInterval(this.costs);
  }

  /**
   * Takes a snapshot, and the grid when due. A forced one (a new session, a pause) may include
   * compiling pipelines: not a cost to pace by. `withoutGrid` leaves the grid to a later measurement.
   */
  async measure<S, G>(force: boolean, snapshot: () => Promise<S>, grid: () => Promise<G>, withoutGrid = false): Promise<Measured<S, G>> {
    const started = this.now();
    const taken: Measured<S, G> = { snapshot: await snapshot() };
    const measured = this.now();
    if (!force) this.costs.measure = measured - started;
    const wantGrid = !withoutGrid && (force || gridDue(measured, this.lastGrid, this.costs.grid));
    if (wantGrid) taken.grid = await grid();
    this.lastMeasure = this.now();
    if (wantGrid) {
      if (!force) this.costs.grid = this.lastMeasure - measured;
      this.lastGrid = this.lastMeasure;
    }
    return taken;
  }
}
