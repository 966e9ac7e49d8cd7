// When a typed value takes effect: on Enter, on leaving the field, or after a pause in typing; never
// on each keystroke, so that "0.003" never trains at 0 on its way and "128, 128" restarts once.
// Escape puts the last applied value back. Framework-free, so that tests drive it with fake timers.

/** The typing pause after which a draft that looks finished is applied. */
export const IDLE_COMMIT_MS = 700;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface DraftRules<T> {
  /** The draft's value, or why it is refused (the field's name and allowed range in the words). */
  parse(raw: string): Parsed<T>;
  /** A draft the user is visibly still typing ("0.", "0.00", "128,"): a pause does not apply it. */
  unfinished(raw: string): boolean;
  /** Whether `value` is the one in effect already (then nothing is applied). */
  current(value: T): boolean;
  /** Applies `value`; returns the problems with it (empty when it took effect). */
  apply(value: T): string[];
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class DraftCommitter<T> {
  private draft: string | null = null;
  private timer: unknown = null;

  constructor(
    private readonly rules: () => DraftRules<T>,
    /** The problem to show (null: none). */
    private readonly report: (problem: string | null) => void,
    private readonly timers: Timers = browserTimers,
    private readonly idleMs = IDLE_COMMIT_MS,
  ) {}

  /** Whether typed text waits to be applied. */
  get pending(): boolean {
    return this.draft !== null;
  }

  /** A keystroke: the draft waits for Enter, blur or a pause. */
  type(raw: string): void {
    this.draft = raw;
    this.cancelTimer();
    if (!this.rules().unfinished(raw)) this.timer = this.timers.set(() => this.commit(), this.idleMs);
  }

  /** Enter or blur: the draft is applied now if valid, else its problem is shown. */
  commit(): void {
    this.cancelTimer();
    const raw = this.draft;
    if (raw === null) return;
    this.draft = null;
    const rules = this.rules();
    const parsed = rules.parse(raw);
    if (!parsed.ok) this.report(parsed.problem);
    else if (rules.current(parsed.value)) this.report(null);
    else {
      const problems = rules.apply(parsed.value);
      this.report(problems.length > 0 ? problems.join('; ') : null);
    }
  }

  /** Escape: the draft is dropped (the field shows the value in effect again). */
  revert(): void {
    this.cancelTimer();
    this.draft = null;
    this.report(null);
  }

  dispose(): void {
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}

export interface NumberSpec {
  label: string;
  min: number;
  max: number;
  integer?: boolean;
  minExclusive?: boolean;
  maxExclusive?: boolean;
}

/** 'a number from 0 to 10', 'an integer from 1 to 4096', '… (max exclusive)'. */
export function describeSpec(spec: NumberSpec): string {
  const open = [spec.minExclusive && 'min', spec.maxExclusive && 'max'].filter(Boolean);
  const exclusive = open.length === 2 ? ' (both exclusive)' : open.length === 1 ? ` (${open[0]} exclusive)` : '';
  return `${spec.integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}${exclusive}`;
}

export function parseNumber(raw: string, spec: NumberSpec): Parsed<number> {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const fits =
    Number.isFinite(value) &&
    (spec.minExclusive ? value > spec.min : value >= spec.min) &&
    (spec.maxExclusive ? value < spec.max : value <= spec.max) &&
    (!spec.integer || Number.isInteger(value));
  if (fits) return { ok: true, value };
  return { ok: false, problem: `${spec.label} must be ${describeSpec(spec)}, got ${raw.trim() === '' ? 'nothing' : JSON.stringify(raw)}.` };
}

/**
 * "0", "0.", "0.00", "1e", "-", "1e-": a number on its way, which a pause must not apply (a lone 0 is
 * the start of "0.003" far more often than a pause before Enter; Enter or blur still applies it).
 */
export function unfinishedNumber(raw: string): boolean {
  const text = raw.trim();
  return text === '' || /^-?0$/.test(text) || /[.eE+-]$/.test(text) || /\.\d*0$/.test(text);
}
