// A control panel that folds into <details> on a phone (where the boundary and curves come first)
// and is shown as is on a wide screen.
import type { ReactNode } from 'react';
import { useNarrow } from './useNarrow';

export function Fold({ title, children }: { title: string; children: ReactNode }) {
  const narrow = useNarrow();
  if (!narrow) return <>{children}</>;
  return (
    <details className="fold">
      <summary>{title}</summary>
      {children}
    </details>
  );
}
