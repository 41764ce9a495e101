// Keyboard chords: "Mod+Shift+P" where Mod is Cmd on macOS and Ctrl elsewhere.
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const CODE_NAMES: Record<string, string> = {
  Backquote: '`', Comma: ',', Period: '.', Slash: '/', Backslash: '\\', BracketLeft: '[', BracketRight: ']',
  Minus: '-', Equal: '=', Semicolon: ';', Quote: "'", Space: 'Space', Enter: 'Enter', Escape: 'Escape', Tab: 'Tab',
  ArrowLeft: 'Left', ArrowRight: 'Right', ArrowUp: 'Up', ArrowDown: 'Down', PageUp: 'PageUp', PageDown: 'PageDown',
};

/** The physical key, so a chord means the same on every layout ("Shift+1" stays "1"). */
function keyName(event: KeyboardEvent): string | undefined {
  const { code } = event;
  if (code.startsWith('Key')) return code.slice(3);
  if (code.startsWith('Digit')) return code.slice(5);
  if (/^F\d+$/.test(code)) return code;
  return CODE_NAMES[code];
}

export function chordOf(event: KeyboardEvent): string | undefined {
  const key = keyName(event);
  if (!key) return undefined;
  const parts: string[] = [];
  const mod = IS_MAC ? event.metaKey : event.ctrlKey;
  if (mod) parts.push('Mod');
  if (IS_MAC && event.ctrlKey) parts.push('Ctrl');
  if (!IS_MAC && event.metaKey) parts.push('Meta');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

/** "Mod+Shift+P" → "Ctrl+Shift+P" or "⌘⇧P". */
export function formatChord(chord: string): string {
  if (!IS_MAC) return chord.replace('Mod', 'Ctrl');
  return chord
    .split('+')
    .map((part) => ({ Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧' })[part] ?? part)
    .join('');
}
