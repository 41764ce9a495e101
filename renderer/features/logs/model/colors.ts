// A colour per source that stays the same across sessions: a hue from a hash
// of the source id (stern's way of telling pods apart).

/** FNV-1a over the id's UTF-16 code units. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** 0–359, spread by the golden angle so similar ids differ. */
export function sourceHue(id: string): number {
  return Math.round((hashString(id) * 137.508) % 360);
}

/** A CSS colour readable on both themes (lightness comes from the theme's variable). */
export function sourceColor(id: string): string {
  return `hsl(${sourceHue(id)} 65% var(--logs-source-l, 62%))`;
}
