// The bench's interleaved timing (bench/browser/measure.ts): a contender's first result is its
// preparation and first call only, and what it settles in the background afterwards (ours' MLP:
// the switch to the adapter's tiles) is over before any call it is timed on.
import { describe, expect, it } from 'vitest';
import { type Contender, measureInterleaved, REPS } from '../bench/browser/measure';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('bench: measureInterleaved', () => {
  it('times the first result before settle, and every later call after it', async () => {
    const events: string[] = [];
    let settled = false;
    const contender: Contender = {
      name: 'settling',
      async prepare() {
        events.push('prepare');
        return {
          async run(calls) {
            events.push(settled ? 'run settled' : 'run unsettled');
            await sleep(calls);
          },
          async settle() {
            await sleep(200);
            settled = true;
            events.push('settle');
          },
          dispose() {},
        };
      },
    };
    const { measured } = await measureInterleaved([contender], () => undefined);
    expect(events.slice(0, 3)).toEqual(['prepare', 'run unsettled', 'settle']);
    expect(events.slice(3).every((event) => event === 'run settled')).toBe(true);
    expect(events.length).toBe(3 + 1 + REPS); // the second warm-up call, then the reps
    // The settle's 200 ms is not part of the first result (one call of ~1 ms, with timer slack).
    expect(measured[0].firstResultMs).toBeLessThan(150);
  });

  it('needs no settle: a contender without one is timed as before', async () => {
    let runs = 0;
    const contender: Contender = {
      name: 'plain',
      async prepare() {
        return {
          async run() {
            runs++;
          },
          dispose() {},
        };
      },
    };
    const { measured } = await measureInterleaved([contender], () => undefined);
    expect(measured[0].reps).toBe(REPS);
    expect(runs).toBe(2 + REPS); // two warm-up calls, then the reps
  });
});
