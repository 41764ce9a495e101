import { describe, expect, it } from 'vitest';
import { checkTags, hasChanges, rowsOf } from './tags';

const ORIGINAL = { Name: 'web-1', env: 'prod', 'aws:cloudformation:stack-name': 'shop', old: 'x' };

describe('checkTags', () => {
  it('sets what changed or was added and removes what was deleted; aws: tags are left alone', () => {
    const rows = rowsOf(ORIGINAL)
      .filter((r) => r.key !== 'old' && r.key !== 'aws:cloudformation:stack-name')
      .map((r) => (r.key === 'env' ? { ...r, value: 'staging' } : r));
    rows.push({ key: 'team', value: 'shop' }, { key: '', value: '' });
    const { errors, changes } = checkTags(ORIGINAL, rows);
    expect(errors.size).toBe(0);
    expect(changes).toEqual({ set: { env: 'staging', team: 'shop' }, remove: ['old'] });
  });

  it('finds nothing to do when nothing changed', () => {
    expect(hasChanges(checkTags(ORIGINAL, rowsOf(ORIGINAL)).changes)).toBe(false);
  });

  it('flags a value without a key, a key twice, and edits to aws: tags', () => {
    const { errors } = checkTags({}, [
      { key: '', value: 'orphan' },
      { key: 'env', value: 'a' },
      { key: 'env', value: 'b' },
      { key: 'aws:x', value: 'y' },
    ]);
    expect([...errors.keys()]).toEqual([0, 2, 3]);
  });

  it('puts Name first', () => {
    expect(rowsOf({ b: '1', Name: 'n', a: '2' }).map((r) => r.key)).toEqual(['Name', 'a', 'b']);
  });
});
