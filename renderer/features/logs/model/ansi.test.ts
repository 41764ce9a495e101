import { describe, expect, it } from 'vitest';
import { markSpans, matchRanges, parseAnsi, stripAnsi } from './ansi';

describe('parseAnsi', () => {
  it('keeps plain text as one span', () => {
    expect(parseAnsi('hello')).toEqual([{ text: 'hello' }]);
    expect(parseAnsi('')).toEqual([]);
  });
  it('reads SGR colours, bright colours, bold and reset', () => {
    expect(parseAnsi('a\x1b[31mred\x1b[0m b \x1b[1;92mok\x1b[m')).toEqual([{ text: 'a' }, { text: 'red', fg: 1 }, { text: ' b ' }, { text: 'ok', fg: 10, bold: true }]);
  });
  it('drops other escapes and never lets markup through as anything but text', () => {
    expect(parseAnsi('\x1b[2K\x1b]0;title\x07<b>x</b>')).toEqual([{ text: '<b>x</b>' }]);
    expect(stripAnsi('\x1b[38;5;196mred\x1b[39m')).toBe('red');
  });
  it('skips 256-colour arguments instead of reading them as codes', () => {
    expect(parseAnsi('\x1b[38;5;31mx')).toEqual([{ text: 'x' }]);
  });
});

describe('markSpans', () => {
  it('cuts spans where matches are', () => {
    const spans = parseAnsi('ab\x1b[31mcdef\x1b[0mgh');
    expect(markSpans(spans, matchRanges('abcdefgh', [/bcd/gi, /g/gi]))).toEqual([
      { text: 'a' },
      { text: 'b', mark: true },
      { text: 'cd', fg: 1, mark: true },
      { text: 'ef', fg: 1 },
      { text: 'g', mark: true },
      { text: 'h' },
    ]);
  });
  it('merges overlapping matches and ignores empty ones', () => {
    expect(matchRanges('aaaa', [/aa/g, /a{3}/g, /x*/g])).toEqual([[0, 4]]);
  });
});
