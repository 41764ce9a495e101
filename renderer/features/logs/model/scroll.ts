// Scroll position ↔ line index for a list too tall for the browser: up to
// MAX_SCROLL_PX the scroll height is rows × row height; beyond, the scroll
// range is scaled so the thumb still spans every line.

/** Browsers cap element heights somewhere above 15–33M px; stay under all of them. */
export const MAX_SCROLL_PX = 15_000_000;

export interface ScrollGeometry {
  rows: number;
  rowHeight: number;
  /** The viewport's height. */
  viewport: number;
  max?: number;
}

/** The spacer's height. */
export function scrollHeight(g: ScrollGeometry): number {
  return Math.min(g.rows * g.rowHeight, g.max ?? MAX_SCROLL_PX);
}

function ranges(g: ScrollGeometry) {
  const height = scrollHeight(g);
  const scrollRange = Math.max(0, height - g.viewport);
  const contentRange = Math.max(0, g.rows * g.rowHeight - g.viewport);
  return { scrollRange, contentRange };
}

/** Where the viewport's top is, in content pixels (row index × row height + a fraction). */
export function contentTop(scrollTop: number, g: ScrollGeometry): number {
  const { scrollRange, contentRange } = ranges(g);
  if (scrollRange === contentRange || scrollRange === 0) return Math.min(Math.max(0, scrollTop), contentRange);
  return (Math.min(Math.max(0, scrollTop), scrollRange) / scrollRange) * contentRange;
}

/** The scrollTop that shows content pixel `top` at the viewport's top. */
export function scrollTopFor(top: number, g: ScrollGeometry): number {
  const { scrollRange, contentRange } = ranges(g);
  const clamped = Math.min(Math.max(0, top), contentRange);
  if (scrollRange === contentRange || contentRange === 0) return clamped;
  return (clamped / contentRange) * scrollRange;
}

/** The first row in sight and how far it is scrolled past (px). */
export function firstRow(scrollTop: number, g: ScrollGeometry): { index: number; shift: number } {
  const top = contentTop(scrollTop, g);
  const index = Math.floor(top / g.rowHeight);
  return { index, shift: top - index * g.rowHeight };
}

/** The scrollTop that puts `index` at the top (clamped: the last page cannot scroll further). */
export function scrollTopForRow(index: number, g: ScrollGeometry): number {
  return scrollTopFor(index * g.rowHeight, g);
}

/** Whether the viewport shows the last row (within a pixel). */
export function atEnd(scrollTop: number, g: ScrollGeometry): boolean {
  const { scrollRange } = ranges(g);
  return scrollTop >= scrollRange - 1;
}
