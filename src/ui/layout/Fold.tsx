// A control panel that folds into <details> on a phone (where the boundary and curves come first)
// and is shown as is on a wide screen. It starts open: folding is the reader's choice, and a
// control reached by a link or a search is then never hidden.
import type { ReactNode } from 'react';
import { useNarrow } from './useNarrow';

export function Fold({ title, children }: { title: string; children: ReactNode }) {
  const narrow = useNarrow();
  if (!narrow) return <>{children}</>;
  return (
    <details className="fold" open>
      <summary>{title}</summary>
      {children}
    </details>
  );
}
