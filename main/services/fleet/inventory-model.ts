// The inventory as Ansible builds it (ansible/inventory/data.py, group.py):
// groups with hosts, children and variables; then reconciled (top-level groups
// under `all`, hosts without a group in `ungrouped`) and each host's variables
// merged the way `ansible-inventory --list` shows them.
import { configError, configWarning, type ConfigProblem } from '../ssh/config/problems';
import { varText } from './ansible-values';

export interface AnsibleHost {
  name: string;
  /** ansible_host (or the older ansible_ssh_host), else the name. */
  address: string;
  port?: number;
  user?: string;
  /** Every group the host is in, directly or through children, without `all`. */
  groups: string[];
  /** The host's variables after group variables, as `ansible-inventory --list` merges them, as text. */
  vars: Record<string, string>;
  /** Where the host first appears. */
  line: number;
}

export interface AnsibleGroup {
  name: string;
  /** Hosts listed in this group itself, as `ansible-inventory --list` shows them (never under `all`). */
  hosts: string[];
  children: string[];
  /** The group's own variables, as text. */
  vars: Record<string, string>;
}

export interface AnsibleInventory {
  hosts: AnsibleHost[];
  groups: AnsibleGroup[];
  problems: ConfigProblem[];
}

interface Variable {
  value: unknown;
  line: number;
}

interface GroupState {
  name: string;
  hosts: string[];
  children: string[];
  parents: string[];
  vars: Map<string, Variable>;
}

interface HostState {
  name: string;
  line: number;
  groups: string[];
  vars: Map<string, Variable>;
}

const PORT_VARS = ['ansible_port', 'ansible_ssh_port'];
/** Ansible reads this one as the group's priority, not as a variable. */
const PRIORITY_VAR = 'ansible_group_priority';

export function portValue(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

export class InventoryBuilder {
  readonly problems: ConfigProblem[] = [];
  private readonly groups = new Map<string, GroupState>();
  private readonly hosts = new Map<string, HostState>();

  constructor(readonly file: string) {
    this.group('all');
    this.group('ungrouped');
    this.addChild('all', 'ungrouped', 0);
  }

  error(line: number, message: string): void {
    this.report(configError(this.file, Math.max(line, 1), message));
  }

  warning(line: number, message: string): void {
    this.report(configWarning(this.file, Math.max(line, 1), message));
  }

  /** A line that sets a bad value for a whole range of hosts is reported once. */
  private report(problem: ConfigProblem): void {
    if (!this.problems.some((p) => p.line === problem.line && p.message === problem.message)) this.problems.push(problem);
  }

  group(name: string): GroupState {
    let group = this.groups.get(name);
    if (!group) {
      group = { name, hosts: [], children: [], parents: [], vars: new Map() };
      this.groups.set(name, group);
    }
    return group;
  }

  /** A port given as host:port counts only where the host first appears (Ansible's Host()). */
  addHost(groupName: string, name: string, line: number, port?: number): void {
    let host = this.hosts.get(name);
    if (!host) {
      host = { name, line, groups: [], vars: new Map() };
      this.hosts.set(name, host);
      if (port !== undefined) host.vars.set('ansible_port', { value: port, line });
    }
    const group = this.group(groupName);
    if (!group.hosts.includes(name)) group.hosts.push(name);
    if (!host.groups.includes(groupName)) host.groups.push(groupName);
  }

  setHostVar(name: string, key: string, value: unknown, line: number): void {
    if (this.checkVariable(key, value, line)) this.hosts.get(name)?.vars.set(key, { value, line });
  }

  setGroupVar(name: string, key: string, value: unknown, line: number): void {
    if (this.checkVariable(key, value, line)) this.group(name).vars.set(key, { value, line });
  }

  addChild(parentName: string, childName: string, line: number): void {
    if (parentName === childName || this.isAncestor(childName, parentName)) {
      this.error(line, `Making “${childName}” a child of “${parentName}” would make a loop of groups; it is ignored.`);
      return;
    }
    const parent = this.group(parentName);
    const child = this.group(childName);
    if (!parent.children.includes(childName)) parent.children.push(childName);
    if (!child.parents.includes(parentName)) child.parents.push(parentName);
  }

  /** Bad ports are reported where they are written; Ansible keeps the value, and so do the vars. */
  private checkVariable(key: string, value: unknown, line: number): boolean {
    if (PORT_VARS.includes(key) && portValue(value) === undefined) {
      this.error(line, `${key} must be a number from 1 to 65535, not “${varText(value)}”; the default port is used.`);
    }
    if (key === PRIORITY_VAR && !Number.isInteger(Number(value))) {
      this.error(line, `${PRIORITY_VAR} must be a whole number, not “${varText(value)}”.`);
      return false;
    }
    return true;
  }

  private isAncestor(candidate: string, of: string): boolean {
    const seen = new Set<string>();
    const stack = [of];
    while (stack.length) {
      const name = stack.pop()!;
      if (name === candidate) return true;
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...(this.groups.get(name)?.parents ?? []));
    }
    return false;
  }

  finish(): AnsibleInventory {
    this.reconcile();
    const depth = this.depths();
    const priority = (group: GroupState) => Number(group.vars.get(PRIORITY_VAR)?.value ?? 1);
    const order = [...this.groups.keys()];

    const hosts: AnsibleHost[] = [...this.hosts.values()].map((host) => {
      const memberOf = this.ancestorsOf(host.groups);
      // Lower depth first, then priority, then name; later groups override earlier ones, host vars override all.
      const merged = new Map<string, Variable>();
      const sorted = [...memberOf].map((name) => this.groups.get(name)!);
      sorted.sort((a, b) => depth.get(a.name)! - depth.get(b.name)! || priority(a) - priority(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const group of sorted) for (const [key, variable] of group.vars) merged.set(key, variable);
      for (const [key, variable] of host.vars) merged.set(key, variable);
      merged.delete(PRIORITY_VAR);
      const pick = (...keys: string[]) => keys.map((key) => merged.get(key)).find((variable) => variable !== undefined)?.value;
      const port = portValue(pick(...PORT_VARS));
      const user = pick('ansible_user', 'ansible_ssh_user');
      return {
        name: host.name,
        address: varText(pick('ansible_host', 'ansible_ssh_host') ?? host.name),
        ...(port !== undefined && { port }),
        ...(user !== undefined && user !== null && { user: varText(user) }),
        groups: order.filter((name) => name !== 'all' && memberOf.has(name)),
        vars: Object.fromEntries([...merged].map(([key, variable]) => [key, varText(variable.value)])),
        line: host.line,
      };
    });

    const groups: AnsibleGroup[] = [...this.groups.values()].map((group) => ({
      name: group.name,
      hosts: group.name === 'all' ? [] : [...group.hosts],
      children: [...group.children],
      vars: Object.fromEntries([...group.vars].filter(([key]) => key !== PRIORITY_VAR).map(([key, variable]) => [key, varText(variable.value)])),
    }));
    return { hosts, groups, problems: this.problems };
  }

  /** reconcile_inventory(): top-level groups go under `all`; a host in no other group goes to `ungrouped`, and only then. */
  private reconcile(): void {
    for (const group of this.groups.values()) {
      if (group.name !== 'all' && group.parents.length === 0) this.addChild('all', group.name, 0);
    }
    const ungrouped = this.group('ungrouped');
    for (const host of this.hosts.values()) {
      const others = host.groups.filter((name) => name !== 'all' && name !== 'ungrouped');
      if (others.length > 0 && host.groups.includes('ungrouped')) {
        host.groups = host.groups.filter((name) => name !== 'ungrouped');
        ungrouped.hosts = ungrouped.hosts.filter((name) => name !== host.name);
      } else if (others.length === 0 && !host.groups.includes('ungrouped')) {
        this.addHost('ungrouped', host.name, host.line);
      }
    }
  }

  /** A group's depth is its longest path from `all` (Ansible raises it as children are added). */
  private depths(): Map<string, number> {
    const depth = new Map<string, number>();
    const visit = (name: string, level: number) => {
      if ((depth.get(name) ?? -1) >= level) return;
      depth.set(name, level);
      for (const child of this.groups.get(name)?.children ?? []) visit(child, level + 1);
    };
    visit('all', 0);
    return depth;
  }

  private ancestorsOf(groups: string[]): Set<string> {
    const found = new Set<string>();
    const stack = [...groups];
    while (stack.length) {
      const name = stack.pop()!;
      if (found.has(name)) continue;
      found.add(name);
      stack.push(...(this.groups.get(name)?.parents ?? []));
    }
    return found;
  }
}
