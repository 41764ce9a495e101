// ANSI SGR colours in log messages, as React can render them: the text cut
// into spans with a colour and weight. Only SGR (ESC [ … m) is understood;
// every other escape sequence is dropped, so nothing but text reaches the DOM.

export interface AnsiSpan {
  text: string;
  /** 0–7 normal, 8–15 bright (90–97). */
  fg?: number;
  bold?: boolean;
}

// CSI: ESC [ params intermediates final. OSC (ESC ]) up to BEL or ESC \. Any other ESC + one char.
const ESCAPE = /\x1b(?:\[([0-9;?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]?)/g;

export function parseAnsi(input: string): AnsiSpan[] {
  if (!input.includes('\x1b')) return input ? [{ text: input }] : [];
  const spans: AnsiSpan[] = [];
  let fg: number | undefined;
  let bold = false;
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = spans[spans.length - 1];
    if (prev && prev.fg === fg && !!prev.bold === bold) {
      prev.text += text;
      return;
    }
    spans.push({ text, ...(fg !== undefined ? { fg } : {}), ...(bold ? { bold } : {}) });
  };
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(input); match; match = ESCAPE.exec(input)) {
    push(input.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] !== 'm') continue;
    const codes = (match[1] ?? '').split(';').map((c) => (c === '' ? 0 : Number(c)));
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i]!;
      if (code === 0) {
        fg = undefined;
        bold = false;
      } else if (code === 1) bold = true;
      else if (code === 22) bold = false;
      else if (code >= 30 && code <= 37) fg = code - 30;
      else if (code >= 90 && code <= 97) fg = code - 90 + 8;
      else if (code === 39) fg = undefined;
      else if (code === 38 || code === 48) {
        // 256 colours and truecolor are skipped whole (their arguments are not codes).
        i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 1;
      }
    }
  }
  push(input.slice(last));
  return spans;
}

/** The text without escape sequences (for copying, matching, titles). */
export function stripAnsi(input: string): string {
  return input.includes('\x1b') ? parseAnsi(input).map((s) => s.text).join('') : input;
}

export interface MarkedSpan extends AnsiSpan {
  mark?: boolean;
}

/**
 * The spans cut again where `ranges` (sorted, [start, end) in the plain text)
 * mark matches to highlight.
 */
export function markSpans(spans: readonly AnsiSpan[], ranges: readonly (readonly [number, number])[]): MarkedSpan[] {
  if (ranges.length === 0) return spans as MarkedSpan[];
  const out: MarkedSpan[] = [];
  let pos = 0;
  let r = 0;
  for (const span of spans) {
    const end = pos + span.text.length;
    let at = pos;
    while (at < end) {
      while (r < ranges.length && ranges[r]![1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ ...span, text: span.text.slice(at - pos) });
        at = end;
      } else if (range[0] > at) {
        out.push({ ...span, text: span.text.slice(at - pos, range[0] - pos) });
        at = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        out.push({ ...span, text: span.text.slice(at - pos, stop - pos), mark: true });
        at = stop;
      }
    }
    pos = end;
  }
  return out;
}

export interface Matcher {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

/** A RegExp for highlighting, or undefined when it does not compile (main says why). */
export function compileMatcher(m: Matcher): RegExp | undefined {
  try {
    const source = m.regex ? m.text : m.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(source, m.caseSensitive ? 'g' : 'gi');
  } catch {
    return undefined;
  }
}

/** Sorted, merged [start, end) ranges where any of the patterns match `text`. */
export function matchRanges(text: string, patterns: readonly RegExp[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    let guard = 0;
    for (let m = pattern.exec(text); m && guard < 1000; m = pattern.exec(text), guard++) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && range[0] <= prev[1]) prev[1] = Math.max(prev[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
