import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeconfigPaths, loadKubeconfigs } from './kubeconfig';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeconfig-test-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

const config = (name: string, server: string, user: string, extra = '') => `apiVersion: v1
kind: Config
current-context: ${name}
clusters:
- name: ${name}
  cluster:
    server: ${server}
users:
- name: ${user}
  user:
${extra || '    token: abc'}
contexts:
- name: ${name}
  context:
    cluster: ${name}
    user: ${user}
    namespace: team-a
`;

describe('kubeconfig files', () => {
  it('reads $KUBECONFIG files in order, else ~/.kube/config, then extra files', () => {
    expect(kubeconfigPaths({ KUBECONFIG: ['/a', '/b'].join(path.delimiter) }, '/home/u', ['~/c'])).toEqual(['/a', '/b', '/home/u/c']);
    expect(kubeconfigPaths({}, '/home/u')).toEqual(['/home/u/.kube/config']);
  });

  it('merges like kubectl: the first file to define a name wins, the first current-context is current', () => {
    const a = write('a.yaml', config('one', 'https://127.0.0.1:1', 'alice'));
    const b = write('b.yaml', config('two', 'https://127.0.0.1:2', 'bob', '    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ./plugin.sh\n'));
    const set = loadKubeconfigs([a, b, path.join(dir, 'missing.yaml')]);
    expect(set.problems).toEqual([]);
    expect(set.files).toEqual([a, b]);
    expect(set.contexts.map((c) => [c.name, c.current, c.auth, c.namespace])).toEqual([
      ['one', true, 'token', 'team-a'],
      ['two', false, 'exec', 'team-a'],
    ]);
    // A relative plugin path is relative to its file, as kubectl reads it.
    expect(set.contexts[1]!.execCommand).toBe(path.join(dir, 'plugin.sh'));
    expect(set.configFor('two').getCurrentCluster()?.server).toBe('https://127.0.0.1:2');
    expect(() => set.configFor('three')).toThrow(/no context "three"/);
  });

  it('names the file and line of a malformed file, and keeps the valid files', () => {
    const good = write('good.yaml', config('ok', 'https://127.0.0.1:3', 'carol'));
    const bad = write('bad.yaml', 'apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: "https://x\n');
    const entry = write('entry.yaml', 'clusters:\n- name: noserver\n  cluster: {}\ncontexts: []\nusers: []\n');
    const set = loadKubeconfigs([good, bad, entry]);
    expect(set.contexts.map((c) => c.name)).toEqual(['ok']);
    const badProblem = set.problems.find((p) => p.file === bad)!;
    expect(badProblem.message).toMatch(/not valid YAML/);
    expect(badProblem.line).toBeGreaterThan(0);
    const entryProblem = set.problems.find((p) => p.file === entry)!;
    expect(entryProblem.line).toBe(2);
    expect(entryProblem.message).toMatch(/server/);
  });
});
