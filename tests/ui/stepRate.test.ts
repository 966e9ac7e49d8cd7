import { describe, expect, it } from 'vitest';
import { keepWindow, stepRateText, stepsPerSecond } from '../../src/ui/stepRate';

describe('stepsPerSecond', () => {
  it('measures the rate over the last second, not since the start', () => {
    // 10 steps/s for 2 s, then 50 steps/s: the last second sees only the faster rate.
    const readings = [];
    for (let t = 0; t <= 2000; t += 100) readings.push({ at: t, step: t / 100 });
    for (let t = 2100; t <= 3000; t += 100) readings.push({ at: t, step: 20 + ((t - 2000) / 100) * 5 });
    expect(stepsPerSecond(readings, 3000)).toBeCloseTo(50, 9); // readings 2000..3000 ms: steps 20 → 70
  });

  it('is null with a single fresh reading, and after a reset sends the step back', () => {
    expect(stepsPerSecond([{ at: 0, step: 5 }], 100)).toBeNull();
    expect(
      stepsPerSecond(
        [
          { at: 0, step: 50 },
          { at: 500, step: 0 },
        ],
        600,
      ),
    ).toBeNull();
  });

  it('falls to 0 when steps stall for a whole window', () => {
    expect(stepsPerSecond([{ at: 0, step: 40 }], 1500)).toBe(0);
  });

  it('keeps the readings inside the window, or the newest one alone', () => {
    const readings = [0, 300, 600, 900, 1200].map((at, step) => ({ at, step }));
    expect(keepWindow(readings, 1500).map((r) => r.at)).toEqual([600, 900, 1200]);
    expect(keepWindow(readings, 5000).map((r) => r.at)).toEqual([1200]);
  });

  it('labels the readout in steps/s', () => {
    expect(stepRateText(12.345)).toBe('12.3 steps/s');
    expect(stepRateText(1234.4)).toBe('1,234 steps/s');
    expect(stepRateText(null)).toBe('– steps/s');
  });
});
