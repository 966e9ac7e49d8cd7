// Which transport action a key press asks for, apart from React: Space plays or pauses, S steps,
// R resets. Typing keeps its keys: nothing fires while focus is in a field, a select, an editable
// element or a control that Space itself activates, or when a modifier is held (Ctrl+R reloads).
export type ShortcutAction = 'toggle' | 'step' | 'reset';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat?: boolean;
}

/** The focused element, as much of it as the choice needs. */
export interface FocusTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  role?: string | null;
}

/** Inputs that take no typing, so the shortcuts still work while one is focused. */
const TYPELESS_INPUTS = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color', 'file']);
/** Elements Space activates by itself: a shortcut there would fire twice. */
const SPACE_OWNERS = new Set(['BUTTON', 'A', 'SUMMARY']);

function typingTarget(target: FocusTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName === 'INPUT') return !TYPELESS_INPUTS.has((target.type ?? 'text').toLowerCase());
  return target.role === 'textbox' || target.role === 'combobox' || target.role === 'spinbutton';
}

export function shortcutAction(event: KeyPress, target: FocusTarget | null): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.repeat) return null;
  if (typingTarget(target)) return null;
  if (event.key === ' ' || event.key === 'Spacebar') {
    const ownsSpace = target && (SPACE_OWNERS.has(target.tagName) || (target.tagName === 'INPUT' && target.type !== undefined));
    return ownsSpace ? null : 'toggle';
  }
  if (event.key === 's' || event.key === 'S') return 'step';
  if (event.key === 'r' || event.key === 'R') return 'reset';
  return null;
}
