// Steps per second over the last second of (time, step) readings: the readout moves with the run
// but does not flicker with each frame's steps.
export interface StepReading {
  /** Milliseconds (performance.now). */
  at: number;
  step: number;
}

/** How far back the rate looks. */
export const STEP_RATE_WINDOW_MS = 1000;

/** The readings inside the window ending at `now`, or the newest one alone when none is (a stall). */
export function keepWindow(readings: readonly StepReading[], now: number): StepReading[] {
  const inside = readings.filter((r) => r.at >= now - STEP_RATE_WINDOW_MS);
  return inside.length > 0 ? inside : readings.slice(-1);
}

/**
 * Steps per second between the oldest and newest reading of the last second; 0 when no step came
 * for a whole second; null until two readings span some time, or when the step went back (a reset).
 */
export function stepsPerSecond(readings: readonly StepReading[], now: number): number | null {
  const kept = keepWindow(readings, now);
  if (kept.length === 0) return null;
  const [first, last] = [kept[0], kept[kept.length - 1]];
  if (now - last.at >= STEP_RATE_WINDOW_MS) return 0;
  const steps = last.step - first.step;
  const span = last.at - first.at;
  if (steps < 0 || span <= 0) return null;
  return (steps / span) * 1000;
}

export function stepRateText(rate: number | null): string {
  if (rate === null) return '– steps/s';
  return `${rate >= 100 ? Math.round(rate).toLocaleString('en') : rate.toFixed(1)} steps/s`;
}
