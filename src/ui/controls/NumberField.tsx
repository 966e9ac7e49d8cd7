// A labelled number input. Typing changes only the text: the value is applied on Enter, on leaving
// the field, or after a pause in typing (draftCommit.ts), never on the way to it; Escape reverts.
// Anything out of range is refused with the field's name and range.
import { useId } from 'react';
import type { GlossaryTerm } from '../glossary';
import { Term } from '../Term';
import { parseNumber, unfinishedNumber } from './draftCommit';
import { useDraft } from './useDraft';

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
  /** A glossary entry shown as a tooltip beside the label. */
  term?: GlossaryTerm;
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
  term,
  onCommit,
}: NumberFieldProps) {
  const id = useId();
  const spec = { label, min, max, integer, minExclusive, maxExclusive };
  const draft = useDraft(String(value), {
    parse: (raw) => parseNumber(raw, spec),
    unfinished: unfinishedNumber,
    current: (v) => v === value,
    apply: (v) => {
      const problems = onCommit(v);
      return problems.length > 0 ? [`${label}: ${problems.join('; ')}`] : [];
    },
  });
  const { problem } = draft;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {term && <Term term={term} />}
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={draft.text}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem || hint ? `${id}-note` : undefined}
        onChange={(event) => draft.onChange(event.target.value)}
        onBlur={draft.onBlur}
        onKeyDown={draft.onKeyDown}
      />
      {(problem || hint) && (
        <span id={`${id}-note`} className={problem ? 'field-error' : 'field-hint'} role={problem ? 'alert' : undefined}>
          {problem ?? hint}
        </span>
      )}
    </div>
  );
}
