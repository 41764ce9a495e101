import { describe, expect, it } from 'vitest';
import { missingSummary, targetSourceIds, type TargetSource } from './run-logs';

const SOURCES: TargetSource[] = [
  { target: 'web-1', spec: { kind: 'ssh-file', hostId: 'web-1', path: '/srv/web-1/app.log' } },
  { target: 'web-10', spec: { kind: 'ssh-file', hostId: 'web-10', path: '/srv/web-10/app.log' } },
  { target: 'db-1', spec: { kind: 'journald', hostId: 'db-1', unit: 'postgresql' } },
  { target: 'kube:prod/eu/shop/deployment/web', spec: { kind: 'pods', context: 'prod/eu', namespace: 'shop', labelSelector: 'app=web', container: '*' } },
];
const IDS = [
  'ssh:web-1:/srv/web-1/app.log',
  'ssh:web-10:/srv/web-10/app.log',
  'journald:db-1:postgresql',
  'journald:db-1',
  'pods:shop/app=web',
  'pod:shop/web-7d9f8-abcde/nginx',
  'pod:shop/web-7d9f8-fghij/nginx',
  'pod:shop/webhook-5c4-zzzzz/app',
  'pod:other/web-7d9f8-abcde/nginx',
];

describe('targetSourceIds', () => {
  it("picks a host's file or unit exactly: web-1 is not web-10, a unit is not the whole journal", () => {
    expect(targetSourceIds('web-1', SOURCES, IDS)).toEqual(['ssh:web-1:/srv/web-1/app.log']);
    expect(targetSourceIds('db-1', SOURCES, IDS)).toEqual(['journald:db-1:postgresql']);
  });
  it("picks a workload's pods in its namespace by name, not a workload whose name only starts the same", () => {
    expect(targetSourceIds('kube:prod/eu/shop/deployment/web', SOURCES, IDS)).toEqual(['pod:shop/web-7d9f8-abcde/nginx', 'pod:shop/web-7d9f8-fghij/nginx']);
  });
  it('has nothing for a target whose logs are not known', () => {
    expect(targetSourceIds('web-3', SOURCES, IDS)).toEqual([]);
  });
});

describe('missingSummary', () => {
  it('names the first few targets and counts the rest', () => {
    expect(missingSummary([])).toBe('');
    expect(missingSummary([{ target: 'web-3', reason: 'no logs: section' }])).toBe("1 target's logs are not known — web-3: no logs: section");
    const many = Array.from({ length: 5 }, (_, i) => ({ target: `web-${i + 1}`, reason: 'r' }));
    expect(missingSummary(many, 2)).toBe("5 targets' logs are not known — web-1: r; web-2: r (and 3 more)");
  });
});
