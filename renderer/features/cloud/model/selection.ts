// Row selection as file managers do it: a click picks one row, Ctrl/Cmd-click
// adds or removes one, Shift-click takes the range from the last row clicked
// (the anchor) in the order the table shows.
export interface Selection {
  ids: string[];
  anchor: string | undefined;
}

export interface ClickModifiers {
  /** Shift: extend a range from the anchor. */
  range?: boolean;
  /** Ctrl/Cmd, or the row's checkbox: add or remove one row, keep the rest. */
  toggle?: boolean;
}

export function rangeBetween(order: readonly string[], from: string, to: string): string[] {
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  if (a < 0 || b < 0) return [to];
  return order.slice(Math.min(a, b), Math.max(a, b) + 1);
}

export function clickSelect(current: Selection, order: readonly string[], id: string, mods: ClickModifiers = {}): Selection {
  if (mods.range && current.anchor && order.includes(current.anchor)) {
    const range = rangeBetween(order, current.anchor, id);
    // With Ctrl/Cmd (or a checkbox) the range adds to what was picked; alone it replaces it.
    const ids = mods.toggle ? [...new Set([...current.ids, ...range])] : range;
    return { ids, anchor: current.anchor };
  }
  if (mods.toggle) {
    const ids = current.ids.includes(id) ? current.ids.filter((x) => x !== id) : [...current.ids, id];
    return { ids, anchor: id };
  }
  return { ids: [id], anchor: id };
}

/** Ctrl/Cmd-A: every row shown; again when all are picked clears them. */
export function selectAll(current: Selection, order: readonly string[]): Selection {
  const all = order.length > 0 && order.every((id) => current.ids.includes(id));
  return all ? { ids: current.ids.filter((id) => !order.includes(id)), anchor: undefined } : { ids: [...new Set([...current.ids, ...order])], anchor: current.anchor ?? order[0] };
}
