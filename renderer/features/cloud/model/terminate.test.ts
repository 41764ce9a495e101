import { expect, it } from 'vitest';
import { terminateConfirmed, terminateWord } from './terminate';

const named = { id: 'i-0123456789abcdef0', name: 'web-1' };
const unnamed = { id: 'i-0123456789abcdef0', name: '' };

it('asks for the name, or the id when there is no name', () => {
  expect(terminateWord(named)).toBe('web-1');
  expect(terminateWord(unnamed)).toBe('i-0123456789abcdef0');
});

it('matches the exact word, ignoring surrounding spaces', () => {
  expect(terminateConfirmed(named, 'web-1')).toBe(true);
  expect(terminateConfirmed(named, '  web-1 ')).toBe(true);
  expect(terminateConfirmed(unnamed, 'i-0123456789abcdef0')).toBe(true);
});

it('refuses anything else: a prefix, another case, the id of a named instance, nothing', () => {
  expect(terminateConfirmed(named, 'web-')).toBe(false);
  expect(terminateConfirmed(named, 'WEB-1')).toBe(false);
  expect(terminateConfirmed(named, 'i-0123456789abcdef0')).toBe(false);
  expect(terminateConfirmed(named, '')).toBe(false);
  expect(terminateConfirmed(unnamed, '')).toBe(false);
});
