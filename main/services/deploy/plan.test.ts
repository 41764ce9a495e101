import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParamValues } from '../../../shared/contract/deploy';
import type { Host } from '../../../shared/contract/hosts';
import { buildPlan, MASK, PlanError, type PlanInput } from './plan';
import { parseRecipe } from './recipes';

const dir = mkdtempSync(path.join(tmpdir(), 'plan-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const host = (id: string, extra: Partial<Host> = {}): Host => ({ id, hostname: `${id}.lan`, port: 22, user: 'deploy', source: 'inventory', groups: [], tags: [], notes: '', ...extra });
const HOSTS = [
  ...Array.from({ length: 10 }, (_, i) => host(`web-${i + 1}`, { groups: ['web'], tags: i === 0 ? ['canary', 'region=eu'] : ['region=us'] })),
  host('db-1', { groups: ['db'] }),
];

let n = 0;
/** Write a recipe (and files beside it) into its own folder and parse it. */
function recipe(text: string, files: Record<string, string> = {}) {
  const folder = path.join(dir, `r${n++}`);
  for (const [name, content] of Object.entries({ 'recipe.yaml': text, ...files })) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), content);
  }
  return parseRecipe(Buffer.from(text), path.join(folder, 'recipe.yaml'), folder);
}

function plan(loaded: ReturnType<typeof recipe>, over: Partial<Omit<PlanInput, 'loaded'>> & { params?: ParamValues } = {}) {
  return buildPlan({ loaded, params: {}, only: [], hosts: HOSTS, secret: () => undefined, releaseName: '20261125120000', runId: 'run-1', ...over });
}

const BASIC = `name: basic
params:
  version: {default: "1.0"}
  port: {type: number, default: 8080}
  env: {choices: [staging, prod], default: staging}
  token: {secret: true}
  note: {required: false}
targets:
  hosts: ["web-*"]
strategy: {batch: 3, maxFailures: "20%"}
steps:
  - local: echo building {{ params.version }} for {{ params.env }}
  - run: TOKEN={{ params.token }} ./deploy {{ params.version | quote }} --port {{ params.port }}
    cwd: /srv
  - name: health
    gate: {http: {url: "http://{{ host.hostname }}:{{ params.port }}/health", status: 200, body: ok, retries: 10, interval: 500ms}}
  - gate: {logs: {file: /var/log/app.log, quiet: 10s}}
rollback:
  - run: ./rollback {{ host.name }}
`;

describe('buildPlan: parameters', () => {
  it('applies defaults, coerces form text and masks secrets everywhere in the plan', () => {
    const r = plan(recipe(BASIC), { params: { port: '9090', token: 's3cr3t' } });
    expect(r.params).toEqual({ version: '1.0', port: 9090, env: 'staging', token: 's3cr3t' });
    expect(r.plan.params).toEqual({ version: '1.0', port: '9090', env: 'staging', token: MASK });
    expect(r.secretValues).toEqual(['s3cr3t']);
    expect(r.plan.missingSecrets).toEqual([]);
    const web1 = r.targets.get('web-1')!;
    expect(web1.steps[0]).toMatchObject({ kind: 'run', command: 'TOKEN=s3cr3t ./deploy 1.0 --port 9090', cwd: '/srv', timeoutMs: 600_000, index: 1 });
    const shown = r.plan.targets[0]!.steps[0]!;
    expect(shown).toEqual({ index: 1, name: 'run', kind: 'run', detail: `cd /srv && TOKEN=${MASK} ./deploy 1.0 --port 9090` });
    expect(JSON.stringify(r.plan)).not.toContain('s3cr3t');
  });

  it('takes a stored secret, and lists secrets with no value as missing', () => {
    expect(plan(recipe(BASIC), { secret: (name) => (name === 'token' ? 'from-store' : undefined) }).secretValues).toEqual(['from-store']);
    const r = plan(recipe(BASIC));
    expect(r.plan.missingSecrets).toEqual(['token']);
    expect(r.plan.params).not.toHaveProperty('token');
    expect(r.params).not.toHaveProperty('token');
    expect(r.plan.targets[0]!.steps[0]!.detail).toContain(`TOKEN=${MASK}`);
  });

  it('refuses unknown, mistyped, out-of-choice and missing parameters', () => {
    const loaded = recipe(BASIC);
    expect(() => plan(loaded, { params: { versoin: '2' } })).toThrow('unknown parameter "versoin" (parameters: version, port, env, token, note)');
    expect(() => plan(loaded, { params: { port: 'eighty' } })).toThrow('parameter port must be a number, got "eighty"');
    expect(() => plan(loaded, { params: { env: 'dev' } })).toThrow('parameter env: "dev" is not one of "staging", "prod"');
    expect(() => plan(recipe('name: x\nparams: {v: {}}\ntargets: {hosts: [db-1]}\nsteps: [{run: "echo {{ params.v }}"}]\n'))).toThrow(PlanError);
    expect(() => plan(recipe('name: x\nparams: {v: {}}\ntargets: {hosts: [db-1]}\nsteps: [{run: "echo {{ params.v }}"}]\n'))).toThrow('parameter v is required');
  });

  it('fails on a misspelt template name, naming the step field', () => {
    const loaded = recipe(BASIC.replace('./rollback {{ host.name }}', './rollback {{ params.versoin }}'));
    expect(() => plan(loaded, { params: { token: 't' } })).toThrow(/^rollback\[0\]\.run: unknown variable params\.versoin \(known: params\.version,/);
  });

  it('renders parameter values that use host.* per target', () => {
    const loaded = recipe(`name: x
params: {deploy_path: {default: "/tmp/lab/{{ host.name }}/web"}}
targets: {hosts: ["web-1", "web-2"]}
release: {path: "{{ params.deploy_path }}", keep: 3}
steps:
  - release: prepare
  - run: ls {{ params.deploy_path }} {{ release.path }} {{ release.current }}
  - release: switch
rollback: [{release: rollback}]
`);
    const r = plan(loaded);
    expect(r.targets.get('web-2')!.release).toEqual({ path: '/tmp/lab/web-2/web', name: '20261125120000', keep: 3 });
    expect(r.targets.get('web-2')!.steps[1]).toMatchObject({ command: 'ls /tmp/lab/web-2/web /tmp/lab/web-2/web/releases/20261125120000 /tmp/lab/web-2/web/current' });
    expect(r.plan.targets[1]!.steps.map((s) => s.detail)).toEqual([
      'create /tmp/lab/web-2/web/releases/20261125120000',
      'ls /tmp/lab/web-2/web /tmp/lab/web-2/web/releases/20261125120000 /tmp/lab/web-2/web/current',
      'switch /tmp/lab/web-2/web/current → releases/20261125120000',
    ]);
    expect(r.plan.params).toEqual({ deploy_path: '/tmp/lab/{{ host.name }}/web' });
    expect(r.targets.get('web-1')!.rollback).toEqual([{ index: 0, name: 'release rollback', timeoutMs: 600_000, kind: 'release', action: 'rollback' }]);
  });
});

describe('buildPlan: targets and strategy', () => {
  it('resolves names, globs, groups and tags, each host once', () => {
    const targets = (sel: string) => [...plan(recipe(`name: x\ntargets: {hosts: [${sel}]}\nsteps: [{run: ls}]\n`)).targets.keys()];
    expect(targets('"web-1?"')).toEqual(['web-10']);
    expect(targets('"group:db", db-1, "tag:canary"')).toEqual(['db-1', 'web-1']);
    expect(targets('"tag:region=us"')).toHaveLength(9);
    expect(targets('"web-[12]"')).toEqual(['web-1', 'web-2']);
  });

  it('batches by count or percent, rounding up, and works out maxFailures and concurrency', () => {
    const r = plan(recipe(BASIC));
    expect(r.plan.strategy).toEqual({ batchSize: 3, maxFailures: 2, pauseMs: 0, concurrency: 3 });
    expect(r.plan.batches).toEqual([['web-1', 'web-2', 'web-3'], ['web-4', 'web-5', 'web-6'], ['web-7', 'web-8', 'web-9'], ['web-10']]);
    const pct = plan(recipe(BASIC.replace('strategy: {batch: 3, maxFailures: "20%"}', 'strategy: {batch: "25%", maxFailures: "5%", pause: 2s, concurrency: 2}')));
    expect(pct.plan.strategy).toEqual({ batchSize: 3, maxFailures: 1, pauseMs: 2000, concurrency: 2 });
    const all = plan(recipe(BASIC.replace('strategy: {batch: 3, maxFailures: "20%"}', 'strategy: {maxFailures: 0}')));
    expect(all.plan.batches).toHaveLength(1);
    expect(all.plan.strategy.maxFailures).toBe(1);
    expect(all.plan.warnings).toContain('strategy.maxFailures 0 is taken as 1: the run stops at the first failed target');
  });

  it('takes strategy values from parameters and validates them once rendered', () => {
    const text = `name: x
params: {batch: {type: number, default: 3}, pause: {default: 1s}}
targets: {hosts: ["web-*"]}
strategy: {batch: "{{ params.batch }}", pause: "{{ params.pause }}"}
steps: [{run: ls}]
`;
    expect(plan(recipe(text), { params: { batch: 10 } }).plan.batches).toHaveLength(1);
    expect(plan(recipe(text)).plan.strategy.pauseMs).toBe(1000);
    expect(() => plan(recipe(text), { params: { pause: 'soon' } })).toThrow('strategy.pause: "soon" is not a duration');
    expect(() => plan(recipe(text.replace('"{{ params.batch }}"', '"{{ params.pause }}"')))).toThrow('strategy.batch: "1s" is not a count like 3 or a share like 30%');
  });

  it('keeps only the chosen targets, refusing unknown ones', () => {
    const loaded = recipe(BASIC);
    expect([...plan(loaded, { only: ['web-3', 'web-1'] }).targets.keys()]).toEqual(['web-1', 'web-3']);
    expect(() => plan(loaded, { only: ['web-99'] })).toThrow('unknown host "web-99"');
    expect(() => plan(loaded, { only: ['db-1'] })).toThrow('"db-1" is not a target of recipe basic (its targets: web-*)');
  });

  it('fails when no target matches, and warns about selectors that match nothing', () => {
    expect(() => plan(recipe('name: x\ntargets: {hosts: ["app-*"]}\nsteps: [{run: ls}]\n'))).toThrow('no target matched: app-* name no host in the inventory (11 hosts)');
    expect(plan(recipe('name: x\ntargets: {hosts: [db-1, ghost]}\nsteps: [{run: ls}]\n')).plan.warnings).toEqual(['targets.hosts: ghost matches no host in the inventory']);
  });
});

describe('buildPlan: steps', () => {
  it('renders files from the recipe folder, resolves uploads there, and converts modes and durations', () => {
    const loaded = recipe(
      `name: files
params: {version: {default: "2.0"}}
targets: {hosts: [db-1]}
steps:
  - upload: {from: bin/app, to: /opt/app, mode: "755"}
  - template: {from: conf/app.conf, to: /etc/app.conf, mode: "0640"}
  - run: systemctl restart app
    timeout: 90s
  - gate: {command: {command: "curl -f localhost", retries: 3}}
  - gate: {confirm: {message: "looks good on {{ host.name }}?"}}
  - local: notify {{ host.name }}
    once: false
`,
      { 'bin/app': 'binary', 'conf/app.conf': 'version={{ params.version }}\nhost={{ host.name }}\n' },
    );
    const r = plan(loaded);
    const steps = r.targets.get('db-1')!.steps;
    expect(steps[0]).toMatchObject({ kind: 'upload', from: path.join(path.dirname(loaded.file), 'bin/app'), to: '/opt/app', mode: 0o755 });
    expect(steps[1]).toMatchObject({ kind: 'template', content: 'version=2.0\nhost=db-1\n', mode: 0o640 });
    expect(steps[2]).toMatchObject({ timeoutMs: 90_000 });
    expect(steps[3]).toMatchObject({ kind: 'gate', gate: { command: { command: 'curl -f localhost', local: false, exitCode: 0, retries: 3, intervalMs: 1000 } } });
    expect(steps[5]).toMatchObject({ kind: 'local', command: 'notify db-1', once: false });
    expect(r.plan.targets[0]!.steps.map((s) => s.detail)).toEqual([
      `upload ${path.join(path.dirname(loaded.file), 'bin/app')} → /opt/app (mode 755)`,
      'template → /etc/app.conf (2 lines)',
      'systemctl restart app',
      'curl -f localhost → exit 0 ×3',
      'confirm: looks good on db-1?',
      'local: notify db-1',
    ]);
  });

  it('fails on a missing file, naming the step', () => {
    expect(() => plan(recipe('name: x\ntargets: {hosts: [db-1]}\nsteps: [{upload: {from: nope.tgz, to: /tmp/x}}]\n'))).toThrow(/^steps\[0\]\.upload\.from: cannot read .*nope\.tgz: ENOENT/);
  });

  it('puts local once steps in once, rendered with no host', () => {
    const r = plan(recipe(BASIC), { params: { token: 't' } });
    expect(r.once).toEqual([{ index: 0, name: 'local', timeoutMs: 600_000, kind: 'local', command: 'echo building 1.0 for staging', once: true }]);
    expect(r.plan.once).toEqual([{ index: 0, name: 'local', kind: 'local', detail: 'local: echo building 1.0 for staging', once: true }]);
    expect(r.plan.targets[0]!.steps.map((s) => s.index)).toEqual([1, 2, 3]);
    expect(() => plan(recipe('name: x\ntargets: {hosts: [db-1]}\nsteps: [{local: "echo {{ host.name }}"}]\n'))).toThrow(
      'steps[0].local: host.name is not available here: a local once step runs on this machine, with no host',
    );
  });

  it('describes gates in one line', () => {
    const details = plan(recipe(BASIC), { params: { token: 't' } }).plan.targets[0]!.steps.map((s) => s.detail);
    expect(details.slice(1)).toEqual(['GET http://web-1.lan:8080/health expect 200 /ok/ ×10 every 500ms', 'no error line in /var/log/app.log for 10s']);
  });

  it('refuses steps that do not fit the target, and release steps without a release section', () => {
    expect(() => plan(recipe('name: x\ntargets: {hosts: [db-1]}\nsteps: [{name: bump, rollout: wait}]\n'))).toThrow('steps[0] (bump): a rollout step acts on a Kubernetes workload, but db-1 is a host');
    expect(() => plan(recipe('name: x\ntargets: {kube: [{context: c, workload: deployment/web}]}\nsteps: [{run: ls}]\n'))).toThrow(
      'steps[0]: a run step runs on a host, but deployment/web in default (c) is a Kubernetes workload',
    );
    expect(() => plan(recipe('name: x\ntargets: {hosts: [db-1]}\nsteps: [{release: prepare}]\n'))).toThrow("steps[0]: release steps need the recipe's release: section");
  });

  it('plans Kubernetes targets with templated fields and a rendered manifest', () => {
    const loaded = recipe(
      `name: k
params: {ns: {default: shop}, image: {default: "nginx:1.27"}}
targets: {kube: [{context: kind-lab, namespace: "{{ params.ns }}", workload: deployment/web}]}
steps:
  - apply: {manifest: manifest.yaml}
  - setImage: {container: web, image: "{{ params.image }}"}
  - rollout: wait
rollback: [{rollout: undo}]
`,
      { 'manifest.yaml': 'kind: ConfigMap\nmetadata: {name: web, namespace: "{{ target.namespace }}"}\n---\nkind: Service\n' },
    );
    const r = plan(loaded);
    const t = r.targets.get('kube:kind-lab/shop/deployment/web')!;
    expect(t.target).toMatchObject({ kind: 'workload', label: 'deployment/web in shop (kind-lab)', workload: { context: 'kind-lab', namespace: 'shop', kind: 'deployment', name: 'web' } });
    expect(t.steps[0]).toMatchObject({ kind: 'apply', manifest: 'kind: ConfigMap\nmetadata: {name: web, namespace: "shop"}\n---\nkind: Service\n' });
    expect(r.plan.targets[0]!.steps.map((s) => s.detail)).toEqual(['kubectl apply -f manifest.yaml (2 objects)', 'set image web=nginx:1.27', 'wait for the rollout to finish']);
    expect(() => plan(loaded, { params: { ns: 'Not Valid' } })).toThrow('targets.kube[0].namespace: "Not Valid" is not a Kubernetes namespace name');
  });

  it("renders the recipe's logs: per target, real values for the runner and masked ones in the plan", () => {
    const loaded = recipe(`name: l
params: {dir: {default: "/srv/{{ host.name }}"}, token: {secret: true, default: s3cr3t}}
targets: {hosts: [web-1, web-2]}
logs: {file: "{{ params.dir }}/app.log"}
steps: [{run: "true"}]
`);
    const r = plan(loaded);
    expect(r.targets.get('web-2')!.logs).toEqual({ file: '/srv/web-2/app.log' });
    expect(r.plan.targets.map((t) => t.logs)).toEqual([{ file: '/srv/web-1/app.log' }, { file: '/srv/web-2/app.log' }]);

    const secret = plan(recipe(`name: s\nparams: {token: {secret: true, default: s3cr3t}}\ntargets: {hosts: [web-1]}\nlogs: {unit: "app-{{ params.token }}"}\nsteps: [{run: "true"}]\n`));
    expect(secret.targets.get('web-1')!.logs).toEqual({ unit: 'app-s3cr3t' });
    expect(secret.plan.targets[0]!.logs).toEqual({ unit: `app-${MASK}` });

    const kube = plan(recipe(`name: k\ntargets: {kube: [{context: c, workload: deployment/web}]}\nlogs: {container: app}\nsteps: [{rollout: wait}]\n`));
    expect(kube.plan.targets[0]!.logs).toEqual({ container: 'app' });
    const none = plan(recipe(`name: n\ntargets: {hosts: [web-1]}\nsteps: [{run: "true"}]\n`));
    expect(none.plan.targets[0]!.logs).toBeUndefined();
    expect(() => recipe(`name: b\ntargets: {hosts: [web-1]}\nlogs: {file: a.log, unit: a}\nsteps: [{run: "true"}]\n`)).toThrow(/give a file or a unit, not both/);
  });
});

describe('buildPlan: parameter values using other parameters', () => {
  const text = `name: x
params:
  cmd: {default: "restart {{ params.svc }} on {{ host.name }}"}
  svc: {default: "web-{{ params.env }}"}
  env: {default: prod}
targets: {hosts: [db-1]}
steps: [{run: "{{ params.cmd }}"}]
`;
  it('renders them in dependency order', () => {
    expect(plan(recipe(text)).targets.get('db-1')!.steps[0]).toMatchObject({ command: 'restart web-prod on db-1' });
    expect(plan(recipe(text), { params: { env: 'dev' } }).targets.get('db-1')!.steps[0]).toMatchObject({ command: 'restart web-dev on db-1' });
  });
  it('refuses a circle', () => {
    expect(() => plan(recipe(text.replace('{default: prod}', '{default: "{{ params.cmd }}"}')))).toThrow('params.cmd: parameters refer to each other in a circle: cmd → svc → env → cmd');
  });
  it('says why a host-dependent value cannot be used where there is no host', () => {
    expect(() => plan(recipe(text.replace('steps: [', 'steps: [{local: "echo {{ params.cmd }}"}, ')))).toThrow(
      'steps[0].local: params.cmd ("restart {{ params.svc }} on {{ host.name }}") depends on the target and cannot be used here: host.name is not available here',
    );
  });
});
