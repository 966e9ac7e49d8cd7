// A labelled number input that commits every valid value as it is typed (a test's fill() and a
// person's keystrokes alike) and says, by name and range, why anything else was refused.
import { useEffect, useId, useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number | 'any';
  integer?: boolean;
  /** Where the range is open at the bottom, e.g. mixup's α > 0. */
  minExclusive?: boolean;
  /** Where the range is open at the top, e.g. β < 1. */
  maxExclusive?: boolean;
  disabled?: boolean;
  hint?: string;
  /** Returns the problems with the value (empty when it was applied). */
  onCommit(value: number): string[];
}

export function NumberField({
  label,
  value,
  min,
  max,
  step = 'any',
  integer,
  minExclusive,
  maxExclusive,
  disabled,
  hint,
  onCommit,
}: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  // A value changed elsewhere (a preset, a link) replaces the draft unless the draft already means it.
  useEffect(() => {
    setText((draft) => (Number(draft) === value && draft.trim() !== '' ? draft : String(value)));
    setProblem(null);
  }, [value]);

  const change = (raw: string) => {
    setText(raw);
    const parsed = raw.trim() === '' ? Number.NaN : Number(raw);
    const open = minExclusive ? (maxExclusive ? ' (both exclusive)' : ' (min exclusive)') : maxExclusive ? ' (exclusive)' : '';
    const range = `${integer ? 'an integer' : 'a number'} from ${min} to ${max}${open}`;
    if (
      !Number.isFinite(parsed) ||
      (minExclusive ? parsed <= min : parsed < min) ||
      (maxExclusive ? parsed >= max : parsed > max) ||
      (integer && !Number.isInteger(parsed))
    ) {
      setProblem(`${label} must be ${range}, got ${raw.trim() === '' ? 'nothing' : JSON.stringify(raw)}.`);
      return;
    }
    const problems = onCommit(parsed);
    setProblem(problems.length > 0 ? `${label}: ${problems.join('; ')}` : null);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem || hint ? `${id}-note` : undefined}
        onChange={(event) => change(event.target.value)}
      />
      {(problem || hint) && (
        <span id={`${id}-note`} className={problem ? 'field-error' : 'field-hint'} role={problem ? 'alert' : undefined}>
          {problem ?? hint}
        </span>
      )}
    </div>
  );
}
