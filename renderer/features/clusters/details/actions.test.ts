import { describe, expect, it } from 'vitest';
import { actionsFor } from './actions';

describe('actionsFor', () => {
  it('offers exec, logs and port-forward on pods', () => {
    expect(actionsFor({ group: '', resource: 'pods' }, { verbs: ['get', 'list', 'delete'] })).toEqual(['exec', 'logs', 'port-forward', 'delete']);
  });

  it('offers scale and restart on deployments and stateful sets, scale on replica sets', () => {
    expect(actionsFor({ group: 'apps', resource: 'deployments' }, undefined)).toEqual(['scale', 'restart', 'delete']);
    expect(actionsFor({ group: 'apps', resource: 'statefulsets' }, undefined)).toEqual(['scale', 'restart', 'delete']);
    expect(actionsFor({ group: 'apps', resource: 'replicasets' }, undefined)).toEqual(['scale', 'delete']);
  });

  it('offers cordon or uncordon, and drain, on nodes', () => {
    expect(actionsFor({ group: '', resource: 'nodes' }, undefined)).toEqual(['cordon', 'drain', 'delete']);
    expect(actionsFor({ group: '', resource: 'nodes' }, undefined, { unschedulable: true })).toEqual(['uncordon', 'drain', 'delete']);
  });

  it('leaves out delete where the kind does not allow it', () => {
    expect(actionsFor({ group: '', resource: 'componentstatuses' }, { verbs: ['get', 'list'] })).toEqual([]);
  });
});
