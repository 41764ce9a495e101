import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration } from './age';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatDuration (kubectl AGE)', () => {
  it.each([
    [0, '0s'],
    [-1500, '0s'],
    [-5 * s, '<invalid>'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m, '5m'],
    [5 * m + 30 * s, '5m30s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 20 * m, '3h20m'],
    [8 * h + 20 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [8 * d + 5 * h, '8d'],
    [400 * d, '400d'],
    [2 * 365 * d, '2y'],
    [3 * 365 * d + 10 * d, '3y10d'],
    [9 * 365 * d + 10 * d, '9y'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatAge', () => {
  it('ages from the creation time', () => {
    const now = Date.UTC(2025, 0, 10, 12);
    expect(formatAge(now - 5 * m, now)).toBe('5m');
    expect(formatAge(now - 3 * h, now)).toBe('3h');
    expect(formatAge(now - 2 * d, now)).toBe('2d');
  });

  it('says nothing for an unknown creation time', () => {
    expect(formatAge(null, 1000)).toBe('');
    expect(formatAge(undefined, 1000)).toBe('');
    expect(formatAge(0, 1000)).toBe('');
  });
});
