import { expect, it } from 'vitest';
import { appliesTo, describeInstances, planAction } from './actions';
import { instance } from './testing';

it('sends an action only to instances whose state allows it, one call per region', () => {
  const a = instance({ region: 'eu-west-1', state: 'stopped' });
  const b = instance({ region: 'us-east-1', state: 'stopped' });
  const c = instance({ region: 'eu-west-1', state: 'running' });
  const d = instance({ region: 'eu-west-1', state: 'stopped' });
  const plan = planAction('start', [a, b, c, d]);
  expect([...plan.byRegion.entries()].map(([r, list]) => [r, list.map((i) => i.id)])).toEqual([
    ['eu-west-1', [a.id, d.id]],
    ['us-east-1', [b.id]],
  ]);
  expect(plan.skipped).toEqual([c]);
});

it('knows which states each action applies to', () => {
  expect(appliesTo('stop', 'pending')).toBe(true);
  expect(appliesTo('reboot', 'stopped')).toBe(false);
  expect(appliesTo('terminate', 'terminated')).toBe(false);
  expect(appliesTo('terminate', 'stopped')).toBe(true);
});

it('names a few instances, and counts the rest', () => {
  expect(describeInstances([{ id: 'i-1', name: 'a' }])).toBe('a');
  expect(describeInstances([{ id: 'i-1', name: 'a' }, { id: 'i-2', name: '' }])).toBe('a and i-2');
  expect(describeInstances([{ id: 'i-1', name: 'a' }, { id: 'i-2', name: 'b' }, { id: 'i-3', name: 'c' }, { id: 'i-4', name: 'd' }])).toBe('a, b and 2 more');
});
