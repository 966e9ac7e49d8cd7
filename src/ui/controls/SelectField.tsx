// A labelled select; each option has a value (what a link stores) and a visible label.
import { useId } from 'react';
import type { GlossaryTerm } from '../glossary';
import { Term } from '../Term';

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  disabled?: boolean;
  hint?: string;
  /** A glossary entry shown as a tooltip beside the label. */
  term?: GlossaryTerm;
  onChange(value: T): void;
}

export function SelectField<T extends string>({ label, value, options, disabled, hint, term, onChange }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {term && <Term term={term} />}
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-describedby={hint ? `${id}-note` : undefined}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <span id={`${id}-note`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
