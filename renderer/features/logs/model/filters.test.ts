import { describe, expect, it } from 'vitest';
import { addChip, chipForTextIndex, chipFromInput, emptyFilter, filterKey, invertChip, removeChip, sourceShown, toggleLevel, toggleSource, toggleSourcesSolo, toLogFilter } from './filters';

const input = { regex: false, caseSensitive: false, exclude: false };

describe('filter chips', () => {
  it('turn input into text or field chips', () => {
    expect(chipFromInput({ ...input, text: '  ' })).toBeUndefined();
    expect(chipFromInput({ ...input, text: 'timeout', exclude: true })).toEqual({ kind: 'text', filter: { text: 'timeout', regex: false, caseSensitive: false, exclude: true } });
    expect(chipFromInput({ ...input, text: '@status=500' })).toEqual({ kind: 'field', key: 'status', value: '500' });
  });
  it('build the LogFilter main applies', () => {
    let m = emptyFilter();
    m = addChip(m, chipFromInput({ ...input, text: 'err' })!);
    m = addChip(m, chipFromInput({ ...input, text: '@user=*' })!);
    m = addChip(m, chipFromInput({ ...input, text: 'health', exclude: true })!);
    m = addChip(m, chipFromInput({ ...input, text: 'err' })!); // a duplicate is not added
    m = toggleLevel(m, 'error');
    const f = toLogFilter(m, ['a', 'b']);
    expect(f.text.map((t) => [t.text, t.exclude])).toEqual([['err', false], ['health', true]]);
    expect(f.fields).toEqual([{ key: 'user', value: '*' }]);
    expect(f.levels).toEqual(['error', 'fatal']);
    expect(chipForTextIndex(m, 1)).toBe(2);
    expect(toLogFilter(invertChip(m, 0), []).text[0]!.exclude).toBe(true);
    expect(removeChip(m, 0).chips).toHaveLength(2);
    expect(filterKey(f)).toBe(filterKey(toLogFilter(m, ['a', 'b'])));
  });
  it('solo and hide sources', () => {
    let m = toggleSource(emptyFilter(), 'a', false);
    expect(toLogFilter(m, ['a', 'b']).sources).toEqual(['a']);
    expect(sourceShown(m, 'b')).toBe(false);
    m = toggleSource(m, 'a', false);
    expect(m.sources).toBeUndefined();
    m = toggleSource(m, 'b', true);
    expect(toLogFilter(m, ['a', 'b', 'c']).sources).toEqual(['a', 'c']);
    expect(toggleSource(m, 'b', true).sources).toBeUndefined();
  });
  it('solo a set of sources (one target of a run), and the same set again shows all', () => {
    let m = toggleSourcesSolo(emptyFilter(), ['a', 'b']);
    expect(toLogFilter(m, ['a', 'b', 'c']).sources).toEqual(['a', 'b']);
    expect(toggleSourcesSolo(m, ['c']).sources).toEqual({ mode: 'solo', ids: ['c'] });
    m = toggleSourcesSolo(m, ['b', 'a']);
    expect(m.sources).toBeUndefined();
    expect(toggleSourcesSolo(emptyFilter(), []).sources).toBeUndefined();
  });
  it('all levels selected means no level filter', () => {
    let m = emptyFilter();
    for (const l of ['error', 'warn', 'info', 'debug', 'trace'] as const) m = toggleLevel(m, l);
    expect(m.levels).toEqual([]);
  });
});
