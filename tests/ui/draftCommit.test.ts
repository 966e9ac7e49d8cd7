// When a typed value takes effect: never per keystroke, on Enter, blur or a pause; Escape drops the
// draft; a refused draft shows the field's name and range and applies nothing.
import { describe, expect, it } from 'vitest';
import {
  DraftCommitter,
  type DraftRules,
  IDLE_COMMIT_MS,
  parseNumber,
  type Timers,
  unfinishedNumber,
} from '../../src/ui/controls/draftCommit';

/** Timers that fire only when the test moves the clock. */
class ManualTimers implements Timers {
  time = 0;
  private pending = new Map<number, { at: number; callback: () => void }>();
  private next = 1;
  set(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, { at, callback }] of [...this.pending]) {
      if (at > this.time) continue;
      this.pending.delete(id);
      callback();
    }
  }
}

const LR = { label: 'Learning rate', min: 0, max: 10 };

function learningRateField() {
  const timers = new ManualTimers();
  const applied: number[] = [];
  const problems: (string | null)[] = [];
  let current = 0.01;
  const rules: DraftRules<number> = {
    parse: (raw) => parseNumber(raw, LR),
    unfinished: unfinishedNumber,
    current: (v) => v === current,
    apply: (v) => {
      applied.push(v);
      current = v;
      return [];
    },
  };
  const drafts = new DraftCommitter(
    () => rules,
    (p) => problems.push(p),
    timers,
  );
  /** Types `text` one character at a time, `gap` ms apart, as a person does. */
  const typeSlowly = (text: string, gap: number) => {
    for (let i = 1; i <= text.length; i++) {
      drafts.type(text.slice(0, i));
      timers.advance(gap);
    }
  };
  return { drafts, timers, applied, problems, typeSlowly };
}

describe('DraftCommitter', () => {
  it('applies "0.003" typed key by key once, after the pause, and never a value on the way', () => {
    const { timers, applied, typeSlowly } = learningRateField();
    typeSlowly('0.003', 150);
    expect(applied).toEqual([]);
    timers.advance(IDLE_COMMIT_MS);
    expect(applied).toEqual([0.003]);
  });

  it('does not apply "0." or "0.00" even after a long pause, so lr 0 is never trained on the way to 0.003', () => {
    const { timers, applied, typeSlowly } = learningRateField();
    // A pause twice the idle time after every key: only the finished "0.003" may apply.
    typeSlowly('0.003', 2 * IDLE_COMMIT_MS);
    expect(applied).toEqual([0.003]);
    timers.advance(10 * IDLE_COMMIT_MS);
    expect(applied).toEqual([0.003]);
  });

  it('applies on Enter or blur at once, and only once', () => {
    const { drafts, timers, applied } = learningRateField();
    drafts.type('0.5');
    drafts.commit();
    expect(applied).toEqual([0.5]);
    timers.advance(IDLE_COMMIT_MS);
    drafts.commit(); // a blur after Enter
    expect(applied).toEqual([0.5]);
  });

  it('Escape drops the draft: nothing applies, not even after the pause', () => {
    const { drafts, timers, applied, problems } = learningRateField();
    drafts.type('7');
    drafts.revert();
    timers.advance(2 * IDLE_COMMIT_MS);
    drafts.commit();
    expect(applied).toEqual([]);
    expect(problems).toEqual([null]);
  });

  it('refuses an out-of-range draft with the name and range, applying nothing', () => {
    const { drafts, applied, problems } = learningRateField();
    drafts.type('50');
    drafts.commit();
    expect(applied).toEqual([]);
    expect(problems).toEqual(['Learning rate must be a number from 0 to 10, got "50".']);
  });

  it('does not re-apply the value already in effect', () => {
    const { drafts, applied, problems } = learningRateField();
    drafts.type('0.010');
    drafts.commit();
    expect(applied).toEqual([]);
    expect(problems).toEqual([null]);
  });
});

describe('number drafts', () => {
  it('names the open ends of a range', () => {
    expect(parseNumber('1', { label: 'β₁', min: 0, max: 1, maxExclusive: true })).toEqual({
      ok: false,
      problem: 'β₁ must be a number from 0 to 1 (max exclusive), got "1".',
    });
    expect(parseNumber('2.5', { label: 'Batch size', min: 1, max: 4096, integer: true })).toMatchObject({
      problem: 'Batch size must be an integer from 1 to 4096, got "2.5".',
    });
    expect(parseNumber(' ', LR)).toMatchObject({ problem: 'Learning rate must be a number from 0 to 10, got nothing.' });
    expect(parseNumber('1e-3', LR)).toEqual({ ok: true, value: 0.001 });
  });

  it('sees a number on its way', () => {
    for (const raw of ['', '0', '-0', '0.', '0.0', '0.00', '1e', '1e-', '-']) expect(unfinishedNumber(raw), raw).toBe(true);
    for (const raw of ['0.003', '12', '10', '1e-3', '0.5']) expect(unfinishedNumber(raw), raw).toBe(false);
  });
});
