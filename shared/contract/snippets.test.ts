import { describe, expect, it } from 'vitest';
import { renderSnippet, snippetParams } from './snippets';

describe('snippets', () => {
  it('finds parameters with their defaults, once each, in order', () => {
    expect(snippetParams('tail -n {{lines=100}} -F {{file}} && echo {{ file }}')).toEqual([{ name: 'lines', default: '100' }, { name: 'file' }]);
  });
  it('renders values, falling back to defaults', () => {
    expect(renderSnippet('tail -n {{lines=100}} -F {{file}}', { file: '/var/log/syslog' })).toBe('tail -n 100 -F /var/log/syslog');
  });
});
