// The React side of DraftCommitter: the field's text and problem, and the handlers that commit on
// Enter, blur or a pause and revert on Escape.
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { DraftCommitter, type DraftRules } from './draftCommit';

export function useDraft<T>(shown: string, rules: DraftRules<T>) {
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(rules);
  latest.current = rules;
  const committer = useRef<DraftCommitter<T> | null>(null);
  committer.current ??= new DraftCommitter(() => latest.current, setProblem);
  const drafts = committer.current;
  useEffect(() => () => drafts.dispose(), [drafts]);
  // A value changed elsewhere (a preset, a link, this field's commit) replaces the text, unless the
  // user is typing or the text already means it.
  useEffect(() => {
    if (drafts.pending) return;
    setText((draft) => {
      const parsed = latest.current.parse(draft);
      return parsed.ok && latest.current.current(parsed.value) ? draft : shown;
    });
  }, [shown, drafts]);

  return {
    text,
    problem,
    onChange(raw: string) {
      setText(raw);
      drafts.type(raw);
    },
    onBlur() {
      drafts.commit();
    },
    onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
      if (event.key === 'Enter') drafts.commit();
      if (event.key === 'Escape') {
        drafts.revert();
        setText(shown);
      }
    },
  };
}
