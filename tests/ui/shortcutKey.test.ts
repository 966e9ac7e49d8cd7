import { describe, expect, it } from 'vitest';
import { type KeyPress, shortcutAction } from '../../src/ui/shortcutKey';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...extra,
});

describe('shortcutAction', () => {
  it('maps Space, S and R on the page to toggle, step and reset', () => {
    expect(shortcutAction(press(' '), null)).toBe('toggle');
    expect(shortcutAction(press('s'), null)).toBe('step');
    expect(shortcutAction(press('R'), { tagName: 'DIV', role: 'application' })).toBe('reset');
    expect(shortcutAction(press('x'), null)).toBeNull();
  });

  it('leaves typing alone: text and number inputs, selects, textareas, editable elements', () => {
    for (const target of [
      { tagName: 'INPUT', type: 'text' },
      { tagName: 'INPUT', type: 'number' },
      { tagName: 'SELECT' },
      { tagName: 'TEXTAREA' },
      { tagName: 'DIV', isContentEditable: true },
      { tagName: 'DIV', role: 'spinbutton' },
    ]) {
      for (const key of [' ', 's', 'r']) expect(shortcutAction(press(key), target)).toBeNull();
    }
  });

  it('ignores keys with a modifier held (Ctrl+R reloads, Shift+S types) and auto-repeat', () => {
    expect(shortcutAction(press('r', { ctrlKey: true }), null)).toBeNull();
    expect(shortcutAction(press('r', { metaKey: true }), null)).toBeNull();
    expect(shortcutAction(press('S', { shiftKey: true }), null)).toBeNull();
    expect(shortcutAction(press('s', { altKey: true }), null)).toBeNull();
    expect(shortcutAction(press(' ', { repeat: true }), null)).toBeNull();
  });

  it('lets Space activate a focused button or checkbox, but S and R still work there', () => {
    expect(shortcutAction(press(' '), { tagName: 'BUTTON' })).toBeNull();
    expect(shortcutAction(press(' '), { tagName: 'INPUT', type: 'checkbox' })).toBeNull();
    expect(shortcutAction(press('s'), { tagName: 'BUTTON' })).toBe('step');
    expect(shortcutAction(press('r'), { tagName: 'INPUT', type: 'checkbox' })).toBe('reset');
  });
});
