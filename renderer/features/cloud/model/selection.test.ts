import { describe, expect, it } from 'vitest';
import { clickSelect, selectAll, type Selection } from './selection';

const ORDER = ['a', 'b', 'c', 'd', 'e'];
const none: Selection = { ids: [], anchor: undefined };

describe('clickSelect', () => {
  it('picks one row on a plain click', () => {
    expect(clickSelect({ ids: ['a', 'b'], anchor: 'a' }, ORDER, 'c')).toEqual({ ids: ['c'], anchor: 'c' });
  });

  it('adds or removes one row with Ctrl/Cmd or the checkbox', () => {
    const one = clickSelect(none, ORDER, 'b', { toggle: true });
    const two = clickSelect(one, ORDER, 'd', { toggle: true });
    expect(two).toEqual({ ids: ['b', 'd'], anchor: 'd' });
    expect(clickSelect(two, ORDER, 'b', { toggle: true }).ids).toEqual(['d']);
  });

  it('takes the range from the anchor on Shift-click, either direction', () => {
    const start = clickSelect(none, ORDER, 'b');
    expect(clickSelect(start, ORDER, 'd', { range: true })).toEqual({ ids: ['b', 'c', 'd'], anchor: 'b' });
    expect(clickSelect(clickSelect(none, ORDER, 'd'), ORDER, 'a', { range: true }).ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it('adds the range to the selection with Shift on a checkbox', () => {
    const picked = clickSelect(clickSelect(none, ORDER, 'e', { toggle: true }), ORDER, 'a', { toggle: true });
    expect(clickSelect(picked, ORDER, 'c', { range: true, toggle: true }).ids.sort()).toEqual(['a', 'b', 'c', 'e']);
  });

  it('picks one row when the anchor is gone from the table', () => {
    expect(clickSelect({ ids: ['z'], anchor: 'z' }, ORDER, 'c', { range: true })).toEqual({ ids: ['c'], anchor: 'c' });
  });
});

describe('selectAll', () => {
  it('selects every row shown, keeping rows picked elsewhere', () => {
    expect(selectAll({ ids: ['z'], anchor: undefined }, ORDER).ids).toEqual(['z', ...ORDER]);
  });

  it('clears the rows shown when all are picked already', () => {
    expect(selectAll({ ids: ['z', ...ORDER], anchor: 'a' }, ORDER).ids).toEqual(['z']);
  });
});
