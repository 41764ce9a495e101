// Our reading of inventories against Ansible's own: `ansible-inventory -i
// <file> --list` prints every group with its hosts and children and every
// host's merged variables. Ansible runs with HOME and its temp dir in a fresh
// temp dir, so it writes nothing to the real home.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnsibleInventory } from './ansible-inventory';
import { varText } from './ansible-values';

const hasAnsible = spawnSync('ansible-inventory', ['--version']).status === 0;

let dir: string;

interface AnsibleList {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
  [group: string]: { hosts?: string[]; children?: string[] } | AnsibleList['_meta'];
}

function ansibleList(file: string): AnsibleList {
  const result = spawnSync('ansible-inventory', ['-i', file, '--list'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      HOME: dir,
      ANSIBLE_LOCAL_TEMP: path.join(dir, 'ansible-tmp'),
      ANSIBLE_HOME: path.join(dir, 'ansible-home'),
      ANSIBLE_NOCOLOR: '1',
      // A file Ansible cannot parse must fail the test, not quietly become an empty inventory.
      ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true',
      ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED: 'true',
    },
  });
  if (result.status !== 0) throw new Error(`ansible-inventory failed on ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as AnsibleList;
}

/** Both sides in one shape: groups (hosts in order, children as a set), hosts with groups, vars, address, port, user. */
function fromAnsible(list: AnsibleList) {
  const groups: Record<string, { hosts: string[]; children: string[] }> = {};
  for (const [name, value] of Object.entries(list)) {
    if (name === '_meta') continue;
    const group = value as { hosts?: string[]; children?: string[] };
    groups[name] = { hosts: group.hosts ?? [], children: [...(group.children ?? [])].sort() };
  }
  const parentsOf = (name: string) => Object.keys(groups).filter((g) => groups[g]!.children.includes(name) || groups[g]!.hosts.includes(name));
  const ancestors = (name: string): Set<string> => {
    const found = new Set<string>();
    const stack = parentsOf(name);
    while (stack.length) {
      const g = stack.pop()!;
      if (!found.has(g)) stack.push(...parentsOf(g));
      found.add(g);
    }
    found.delete('all');
    return found;
  };
  const hostNames = new Set(Object.values(groups).flatMap((g) => g.hosts));
  const hosts: Record<string, unknown> = {};
  for (const name of [...hostNames].sort()) {
    const vars = Object.fromEntries(Object.entries(list._meta.hostvars[name] ?? {}).map(([k, v]) => [k, varText(v)]));
    hosts[name] = {
      groups: [...ancestors(name)].sort(),
      vars,
      address: vars.ansible_host ?? name,
      port: vars.ansible_port === undefined ? undefined : Number(vars.ansible_port),
      user: vars.ansible_user,
    };
  }
  return { groups, hosts };
}

function fromOurs(file: string, text: string) {
  const inventory = parseAnsibleInventory(file, text);
  expect(inventory.problems).toEqual([]);
  const groups: Record<string, { hosts: string[]; children: string[] }> = {};
  for (const group of inventory.groups) {
    // --list leaves out empty groups other than `all`.
    if (group.name !== 'all' && group.hosts.length === 0 && group.children.length === 0) continue;
    groups[group.name] = { hosts: group.hosts, children: [...group.children].sort() };
  }
  const hosts: Record<string, unknown> = {};
  for (const host of [...inventory.hosts].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    hosts[host.name] = { groups: [...host.groups].sort(), vars: host.vars, address: host.address, port: host.port, user: host.user };
  }
  return { groups, hosts };
}

function agree(name: string, text: string) {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  expect(fromOurs(file, text)).toEqual(fromAnsible(ansibleList(file)));
}

describe.skipIf(!hasAnsible)('inventories read like `ansible-inventory --list` (needs Ansible)', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wb-ansible-oracle-'));
    mkdirSync(path.join(dir, 'ansible-tmp'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('INI: ungrouped hosts, ranges, host:port, inline vars, children, group vars and their precedence', () => {
    agree(
      'hosts.ini',
      [
        '# comment',
        '; another comment',
        'lonely ansible_host=10.9.9.9',
        'db0 ansible_port=2200',
        '',
        '[web]',
        'web[01:03].example.com ansible_user=deploy',
        'web[a:c]',
        'alpha:2222 ansible_host=1.2.3.4',
        "beta \"quoted=x y\" other='a b' flag=True count=007x ratio=1.50 nothing=None # trailing comment",
        '[::1]:2201',
        '10.0.0.[1:3]',
        '',
        '[db]',
        'db[0:10:5] ansible_user="db admin"',
        'db0',
        'alpha',
        '',
        '[prod:children]',
        'web',
        'db',
        '',
        '[everything:children]',
        'prod',
        '',
        '[prod:vars]',
        'ansible_user=produser',
        'ansible_port=2022',
        'level = prod',
        'retries = 5 # a Python comment after a literal is dropped',
        'motd = hello # but after a bare word it is kept',
        '',
        '[web:vars]',
        'ansible_user=webuser',
        'http_port=80',
        "quoted='single'",
        '',
        '[db:vars]',
        'ansible_group_priority=10',
        'level=db',
        '# alpha is in web and db, both as deep: the priority, not the name, makes db win',
        'ansible_user=dbuser',
        '',
        '[everything:vars]',
        'level=everything',
        'region=eu',
      ].join('\n') + '\n',
    );
  });

  it('INI: children declared before their groups, a host in groups of different depths', () => {
    agree(
      'order.ini',
      ['[top:children]', 'mid', '[mid:children]', 'leaf', '[leaf]', 'h1 x=leaf', '[mid]', 'h2', '[other]', 'h1', '[top:vars]', 'x=top', 'y=top', '[other:vars]', 'y=other', ''].join('\n'),
    );
  });

  it('YAML: all, hosts, vars, nested children, ranges, ports, YAML 1.1 booleans, anchors', () => {
    agree(
      'hosts.yml',
      [
        'all:',
        '  vars:',
        '    ansible_user: alluser',
        '    level: all',
        '    enabled: yes',
        '    short: y',
        '    mode: 0755',
        '  hosts:',
        '    solo:',
        '      ansible_host: 192.168.1.10',
        '    "solo2:2201":',
        '  children:',
        '    web:',
        '      vars: &webvars',
        '        ansible_port: 2222',
        '        level: web',
        '      hosts:',
        '        web[1:2].example.com:',
        '          role: frontend',
        '        api.example.com:',
        '          ansible_user: apiuser',
        '          ansible_port: 8022',
        '      children:',
        '        canary:',
        '          hosts:',
        '            web1.example.com:',
        '              canary: on',
        '          vars:',
        '            level: canary',
        '    db:',
        '      hosts:',
        '        db1:',
        '        solo:',
        '    mirror:',
        '      vars: *webvars',
        '      hosts: lone-host',
        'extra:',
        '  hosts:',
        '    "[::1]:2299":',
        '      off_flag: off',
        '',
      ].join('\n'),
    );
  });
});
