import { describe, expect, it } from 'vitest';
import { parseAnsibleInventory } from './ansible-inventory';

const ini = (...lines: string[]) => parseAnsibleInventory('/inv/hosts', lines.join('\n') + '\n');
const yaml = (...lines: string[]) => parseAnsibleInventory('/inv/hosts.yml', lines.join('\n') + '\n');
const host = (inventory: ReturnType<typeof ini>, name: string) => inventory.hosts.find((h) => h.name === name);

describe('INI', () => {
  it('hosts before any section are ungrouped; connection settings come from host vars over group vars', () => {
    const inventory = ini(
      'bastion ansible_host=203.0.113.7',
      '[web]',
      'web1 ansible_host=10.0.0.5 ansible_port=2222 ansible_user=deploy',
      'web2',
      '[web:vars]',
      'ansible_user=www',
      'ansible_port=2022',
      'ansible_host=ignored-for-hosts-with-their-own',
    );
    expect(inventory.problems).toEqual([]);
    expect(host(inventory, 'bastion')).toEqual({ name: 'bastion', address: '203.0.113.7', groups: ['ungrouped'], vars: { ansible_host: '203.0.113.7' }, line: 1 });
    expect(host(inventory, 'web1')).toMatchObject({ address: '10.0.0.5', port: 2222, user: 'deploy', groups: ['web'], line: 3 });
    expect(host(inventory, 'web2')).toMatchObject({ address: 'ignored-for-hosts-with-their-own', port: 2022, user: 'www' });
    expect(inventory.groups.map((g) => [g.name, g.hosts, g.children])).toEqual([
      ['all', [], ['ungrouped', 'web']],
      ['ungrouped', ['bastion'], []],
      ['web', ['web1', 'web2'], []],
    ]);
  });

  it('groups include parents through children, without all', () => {
    const inventory = ini('[a]', 'h', '[b:children]', 'a', '[c:children]', 'b');
    expect(host(inventory, 'h')!.groups).toEqual(['a', 'b', 'c']);
  });

  it('a bad port is an error on its line; the host stays, without a port', () => {
    const inventory = ini('[web]', 'web[1:2] ansible_port=abc', '[web:vars]', 'ansible_port=70000');
    expect(inventory.problems).toEqual([
      { file: '/inv/hosts', line: 2, severity: 'error', message: 'ansible_port must be a number from 1 to 65535, not “abc”; the default port is used.' },
      { file: '/inv/hosts', line: 4, severity: 'error', message: 'ansible_port must be a number from 1 to 65535, not “70000”; the default port is used.' },
    ]);
    expect(inventory.hosts.map((h) => [h.name, h.port, h.vars.ansible_port])).toEqual([
      ['web1', undefined, 'abc'],
      ['web2', undefined, 'abc'],
    ]);
  });

  it('reports malformed lines with their line and keeps the rest', () => {
    const inventory = ini(
      '[web]', //                       1
      'ok1', //                         2
      'bad1 "unclosed', //              3
      'bad2 novalue', //                4
      'bad[1:] x=1', //                 5
      'none[3:1]', //                   6
      '[web:weird]', //                 7
      'skipped-host', //                8
      '[bad group]', //                 9
      'skipped-too', //                 10
      '[prod:children]', //             11
      'web', //                         12
      'missing', //                     13
      '[ghost:vars]', //                14
      'x=1', //                         15
      '[web:vars]', //                  16
      'no equals sign', //              17
      'ok=1', //                        18
    );
    expect(inventory.problems.map((p) => [p.line, p.severity])).toEqual([
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'warning'],
      [7, 'error'],
      [9, 'error'],
      [17, 'error'],
      [13, 'warning'],
      [14, 'warning'],
    ]);
    expect(inventory.problems.map((p) => p.message)).toEqual([
      'Cannot read this host line: a double quote is not closed; the line is ignored.',
      'Expected key=value after the host, got “novalue”; the line is ignored.',
      'Cannot expand the host pattern “bad[1:]”: the range [1:] has no end; the line is ignored.',
      'The host pattern “none[3:1]” expands to no hosts.',
      'The section [web:weird] has an unknown type; use [web], [web:children] or [web:vars]. Its lines are ignored.',
      '“[bad group]” is not a valid section: a group name has no spaces or colons. Its lines are ignored.',
      'Expected key=value in [web:vars], got “no equals sign”; the line is ignored.',
      '[prod:children] names “missing”, but no [missing] or [missing:children] section defines it; the line is ignored.',
      '[ghost:vars] is for a group that no [ghost] or [ghost:children] section defines; its variables are ignored.',
    ]);
    expect(inventory.hosts.map((h) => [h.name, h.groups, h.vars])).toEqual([['ok1', ['web', 'prod'], { ok: '1' }]]);
  });

  it('a range too large to be meant is refused', () => {
    const inventory = ini('[web]', 'web[0:99999999]', 'grid[1:200]-[1:200]', 'ok[1:3]');
    expect(inventory.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'Cannot expand the host pattern “web[0:99999999]”: it expands to more than 10000 hosts; the line is ignored.'],
      [3, 'Cannot expand the host pattern “grid[1:200]-[1:200]”: it expands to more than 10000 hosts; the line is ignored.'],
    ]);
    expect(inventory.hosts.map((h) => h.name)).toEqual(['ok1', 'ok2', 'ok3']);
  });

  it('a loop of children is reported and broken', () => {
    const inventory = ini('[a:children]', 'b', '[b:children]', 'a', '[a]', 'h');
    expect(inventory.problems).toEqual([{ file: '/inv/hosts', line: 4, severity: 'error', message: 'Making “a” a child of “b” would make a loop of groups; it is ignored.' }]);
    expect(host(inventory, 'h')!.groups).toEqual(['a']);
  });
});

describe('YAML', () => {
  it('is chosen by extension or by content', () => {
    const text = 'all:\n  hosts:\n    h1:\n      ansible_port: 2200\n';
    expect(parseAnsibleInventory('/inv/inventory', text).hosts).toMatchObject([{ name: 'h1', port: 2200, groups: ['ungrouped'] }]);
    expect(parseAnsibleInventory('/inv/x.yaml', 'web:\n  hosts: h2\n').hosts).toMatchObject([{ name: 'h2', groups: ['web'] }]);
    expect(parseAnsibleInventory('/inv/inventory', 'h3 ansible_port=2201\n').hosts).toMatchObject([{ name: 'h3', port: 2201, groups: ['ungrouped'] }]);
  });

  it('broken YAML is reported with the parser’s line (Ansible points at the same one), and nothing is read', () => {
    const inventory = yaml('all:', '  hosts:', '    h1:', '  vars:', '\tx: 1');
    expect(inventory.hosts).toEqual([]);
    expect(inventory.problems).toEqual([
      {
        file: '/inv/hosts.yml',
        line: 5,
        severity: 'error',
        message: 'YAML syntax error at column 1: Tabs are not allowed as indentation. Nothing was read from this file.',
      },
    ]);
  });

  it('reports bad values and shapes with their lines and keeps the rest', () => {
    const inventory = yaml(
      'all:', //                       1
      '  hosts:', //                   2
      '    good:', //                  3
      '      ansible_port: "22x"', //  4
      '    other: just-a-string', //   5
      '  children:', //                6
      '    web:', //                   7
      '      hostz:', //               8
      '        typo:', //              9
      '      vars: [1, 2]', //         10
      'not_a_group: 5', //             11
      'list:', //                      12
      '  - a', //                      13
    );
    expect(inventory.problems.map((p) => [p.line, p.severity, p.message])).toEqual([
      [4, 'error', 'ansible_port must be a number from 1 to 65535, not “22x”; the default port is used.'],
      [5, 'warning', 'The variables of host “other” must be a mapping; they are ignored.'],
      [8, 'warning', 'Unexpected key “hostz” in group “web”: only hosts, vars and children are read.'],
      [10, 'error', 'The vars of group “web” must be a mapping; it is ignored.'],
      [11, 'warning', '“not_a_group” is not a group: a group is a mapping with hosts, vars or children. It is skipped.'],
      [12, 'warning', '“list” is not a group: a group is a mapping with hosts, vars or children. It is skipped.'],
    ]);
    expect(inventory.hosts.map((h) => [h.name, h.port, h.line])).toEqual([
      ['good', undefined, 3],
      ['other', undefined, 5],
    ]);
    expect(inventory.groups.map((g) => g.name)).toEqual(['all', 'ungrouped', 'web']);
  });

  it('a document that is not a mapping of groups', () => {
    expect(yaml('- a', '- b').problems).toEqual([
      { file: '/inv/hosts.yml', line: 1, severity: 'error', message: 'A YAML inventory must be a mapping of groups, like “all: {hosts: {web1: {}}}”; nothing was read.' },
    ]);
    expect(yaml('# empty').problems).toEqual([{ file: '/inv/hosts.yml', line: 1, severity: 'warning', message: 'This YAML inventory is empty.' }]);
  });
});
