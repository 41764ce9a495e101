// The example recipes ship with the app and drive the end-to-end tests and
// the benchmark: each must load and plan cleanly against a plausible inventory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/hosts';
import { buildPlan } from './plan';
import { loadRecipes, summarize } from './recipes';

const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'examples');
const lab = (count: number): Host[] =>
  Array.from({ length: count }, (_, i) => ({ id: `web-${i + 1}`, hostname: `127.0.0.${10 + i}`, port: 22, user: 'deploy', source: 'ssh-config' as const, groups: [], tags: [], notes: '' }));

async function example(name: string) {
  const { recipes, problems } = await loadRecipes([examples]);
  expect(problems).toEqual([]);
  const loaded = recipes.find((r) => r.recipe.name === name);
  if (!loaded) throw new Error(`no example ${name}`);
  return loaded;
}

const base = { only: [], secret: () => undefined, releaseName: '20261125120000', runId: 'run-1' };

describe('example recipes', () => {
  it('all load', async () => {
    const { recipes, problems } = await loadRecipes([examples]);
    expect(problems).toEqual([]);
    expect(recipes.map((r) => r.recipe.name).sort()).toEqual(['kube-image-bump', 'rolling-restart', 'web-release']);
  });

  it('web-release: batches of 3 by default, of 10 when asked, with the release layout per host', async () => {
    const loaded = await example('web-release');
    const hosts = lab(10);
    const r = buildPlan({ ...base, loaded, hosts, params: { version: '2.0.0', deploy_path: '/tmp/lab/{{ host.name }}/web', port: 18080 } });
    expect(r.plan.batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(r.plan.strategy.maxFailures).toBe(1);
    const web2 = r.targets.get('web-2')!;
    expect(web2.release).toEqual({ path: '/tmp/lab/web-2/web', name: '20261125120000', keep: 5 });
    expect(web2.steps.map((s) => s.kind)).toEqual(['release', 'template', 'template', 'run', 'release', 'gate', 'release']);
    expect(web2.steps[1]).toMatchObject({ to: '/tmp/lab/web-2/web/releases/20261125120000/public/index.html' });
    expect(web2.steps[1]!.kind === 'template' && web2.steps[1]!.content).toContain('<span id="version">2.0.0</span>');
    expect(web2.steps[2]).toMatchObject({ content: '2.0.0\n', to: '/tmp/lab/web-2/web/releases/20261125120000/VERSION' });
    const gate = web2.steps[5]!;
    expect(gate).toMatchObject({ kind: 'gate', gate: { http: { url: 'http://127.0.0.11:18080/health', status: 200, retries: 10, intervalMs: 500 } } });
    const body = gate.kind === 'gate' && 'http' in gate.gate ? gate.gate.http.body! : '';
    expect(new RegExp(body).test('ok 2.0.0\n')).toBe(true);
    expect(new RegExp(body).test('ok 1.0.0')).toBe(false);
    expect(web2.rollback).toMatchObject([{ kind: 'release', action: 'rollback' }]);
    expect(buildPlan({ ...base, loaded, hosts: lab(50), params: { batch: 10 } }).plan.batches.map((b) => b.length)).toEqual([10, 10, 10, 10, 10]);
    expect(summarize(loaded, hosts).targets).toEqual(['hosts: web-* (10)']);
  });

  it('rolling-restart: one host at a time, restart command from the service name', async () => {
    const loaded = await example('rolling-restart');
    const r = buildPlan({ ...base, loaded, hosts: lab(3), params: { service: 'nginx', port: 80 } });
    expect(r.plan.batches).toEqual([['web-1'], ['web-2'], ['web-3']]);
    expect(r.plan.strategy).toMatchObject({ batchSize: 1, maxFailures: 1, pauseMs: 1000 });
    expect(r.plan.targets[0]!.steps.map((s) => s.detail)).toEqual(['sudo systemctl restart nginx', 'GET http://127.0.0.10:80/health expect 200 ×30 every 1s']);
    expect([...buildPlan({ ...base, loaded, hosts: lab(3), params: { hosts: 'web-2' } }).targets.keys()]).toEqual(['web-2']);
  });

  it('kube-image-bump: sets the image, waits, undoes on failure', async () => {
    const loaded = await example('kube-image-bump');
    const r = buildPlan({ ...base, loaded, hosts: [], params: { context: 'kind-lab', namespace: 'shop', deployment: 'web', container: 'web', image: 'nginx:1.27' } });
    const id = 'kube:kind-lab/shop/deployment/web';
    expect(r.plan.batches).toEqual([[id]]);
    expect(r.targets.get(id)!.steps).toMatchObject([
      { kind: 'setImage', container: 'web', image: 'nginx:1.27' },
      { kind: 'rollout', action: 'wait', timeoutMs: 300_000 },
    ]);
    expect(r.targets.get(id)!.rollback).toMatchObject([{ kind: 'rollout', action: 'undo' }]);
    expect(() => buildPlan({ ...base, loaded, hosts: [], params: { context: 'kind-lab' } })).toThrow('parameter deployment is required');
  });
});
