// A glossary term with its definition in a tooltip: a button that shows role=tooltip on hover and
// on keyboard focus (Escape hides it), linked with aria-describedby so a screen reader reads it too.
// Beside a field that already names the term, it is a small "?" named "What is <term>?".
import { useId, useState } from 'react';
import { GLOSSARY, type GlossaryTerm } from './glossary';

export function Term({ term, children }: { term: GlossaryTerm; children?: React.ReactNode }) {
  const label = children === undefined ? `What is ${term}?` : undefined;
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span className="term">
      <button
        type="button"
        className="term-button"
        aria-label={label}
        aria-describedby={id}
        onMouseEnter={() => setOpen(true)}
        onMouseLeave={() => setOpen(false)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        {children ?? '?'}
      </button>
      <span id={id} role="tooltip" className="term-tip" hidden={!open}>
        {GLOSSARY[term]}
      </span>
    </span>
  );
}
