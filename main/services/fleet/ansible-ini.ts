// INI inventories as Ansible's ini plugin reads them (ansible-core 2.14):
// hosts before any section are ungrouped; [group], [group:children],
// [group:vars]; host lines with key=value variables and host ranges; comments
// start with # or ; at the start of a line. Ansible rejects the whole file for
// one bad line; we report the line and keep the rest.
import { expandHostPattern } from './ansible-host-pattern';
import { iniValue, shellSplit } from './ansible-values';
import type { InventoryBuilder } from './inventory-model';

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;

type State = 'hosts' | 'children' | 'vars' | 'skip';

export function readIniInventory(inventory: InventoryBuilder, text: string): void {
  let group = 'ungrouped';
  let state: State = 'hosts';
  // A group exists once it has a [group] or [group:children] section, anywhere in the file.
  const declared = new Set<string>(['all', 'ungrouped']);
  const children: Array<{ parent: string; child: string; line: number }> = [];
  const variables: Array<{ group: string; key: string; value: unknown; line: number; header: number }> = [];
  let header = 0;

  text.split(/\r?\n/).forEach((source, index) => {
    const line = index + 1;
    const trimmed = source.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;

    const section = SECTION.exec(trimmed);
    if (section) {
      const kind = section[2] ?? 'hosts';
      if (kind !== 'hosts' && kind !== 'children' && kind !== 'vars') {
        inventory.error(line, `The section [${section[1]}:${kind}] has an unknown type; use [${section[1]}], [${section[1]}:children] or [${section[1]}:vars]. Its lines are ignored.`);
        state = 'skip';
        return;
      }
      [group, state, header] = [section[1]!, kind, line];
      if (kind !== 'vars') {
        declared.add(group);
        inventory.group(group);
      }
      return;
    }
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      inventory.error(line, `“${trimmed}” is not a valid section: a group name has no spaces or colons. Its lines are ignored.`);
      state = 'skip';
      return;
    }

    if (state === 'hosts') readHostLine(inventory, group, trimmed, line);
    else if (state === 'vars') {
      const equals = trimmed.indexOf('=');
      if (equals < 0) inventory.error(line, `Expected key=value in [${group}:vars], got “${trimmed}”; the line is ignored.`);
      else variables.push({ group, key: trimmed.slice(0, equals).trim(), value: iniValue(trimmed.slice(equals + 1).trim()), line, header });
    } else if (state === 'children') {
      const child = GROUP_NAME.exec(trimmed);
      if (!child) inventory.error(line, `Expected a group name in [${group}:children], got “${trimmed}”; the line is ignored.`);
      else children.push({ parent: group, child: child[1]!, line });
    }
  });

  // As Ansible does, children and :vars may name a group defined further down; checked at the end.
  for (const { parent, child, line } of children) {
    if (declared.has(child)) inventory.addChild(parent, child, line);
    else inventory.warning(line, `[${parent}:children] names “${child}”, but no [${child}] or [${child}:children] section defines it; the line is ignored.`);
  }
  const undefinedVars = new Set<string>();
  for (const { group: name, key, value, line, header: at } of variables) {
    if (declared.has(name)) inventory.setGroupVar(name, key, value, line);
    else if (!undefinedVars.has(`${name}:${at}`)) {
      undefinedVars.add(`${name}:${at}`);
      inventory.warning(at, `[${name}:vars] is for a group that no [${name}] or [${name}:children] section defines; its variables are ignored.`);
    }
  }
}

function readHostLine(inventory: InventoryBuilder, group: string, text: string, line: number): void {
  const tokens = shellSplit(text);
  if (!Array.isArray(tokens)) {
    inventory.error(line, `Cannot read this host line: ${tokens.error}; the line is ignored.`);
    return;
  }
  const [pattern, ...assignments] = tokens;
  if (pattern === undefined) return;
  const vars: Array<[string, unknown]> = [];
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals < 0) {
      inventory.error(line, `Expected key=value after the host, got “${assignment}”; the line is ignored.`);
      return;
    }
    vars.push([assignment.slice(0, equals), iniValue(assignment.slice(equals + 1))]);
  }
  const expanded = expandHostPattern(pattern);
  if (!expanded.ok) {
    inventory.error(line, `Cannot expand the host pattern “${pattern}”: ${expanded.error}; the line is ignored.`);
    return;
  }
  if (expanded.hosts.length === 0) inventory.warning(line, `The host pattern “${pattern}” expands to no hosts.`);
  for (const host of expanded.hosts) {
    inventory.addHost(group, host, line, expanded.port);
    for (const [key, value] of vars) inventory.setHostVar(host, key, value, line);
  }
}
