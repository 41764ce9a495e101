// YAML inventories as Ansible's yaml plugin reads them (ansible-core 2.14):
// top-level keys are groups; each group may have `hosts`, `vars` and
// `children` (a group again). Values are read as PyYAML does (YAML 1.1), so
// `yes` is true but `y` stays a string.
import { isAlias, isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type ScalarTag, type Tags } from 'yaml';
import { expandHostPattern } from './ansible-host-pattern';
import type { InventoryBuilder } from './inventory-model';

const BOOL_TAG = 'tag:yaml.org,2002:bool';

/** PyYAML's booleans; the yaml package's YAML 1.1 schema also takes y/n, which PyYAML reads as strings. */
const pyyamlBooleans = (tags: Tags): Tags => {
  const bool = (value: boolean, test: RegExp): ScalarTag => ({ tag: BOOL_TAG, default: true, test, identify: (v) => v === value, resolve: () => value });
  return [
    bool(true, /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/),
    bool(false, /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/),
    ...tags.filter((tag) => typeof tag !== 'object' || tag.tag !== BOOL_TAG),
  ];
};

export function parseYamlInventory(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, version: '1.1', customTags: pyyamlBooleans, uniqueKeys: false });
  return { doc, lines };
}

/** `all:`, or a top-level group with hosts or children: reason enough to read text as a YAML inventory. */
export function looksLikeYamlInventory(text: string): boolean {
  const { doc } = parseYamlInventory(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return false;
  return doc.contents.items.some(
    (pair) => keyText(pair.key) === 'all' || (isMap(pair.value) && pair.value.items.some((inner) => ['hosts', 'children'].includes(keyText(inner.key)))),
  );
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return String(key);
}

export function readYamlInventory(inventory: InventoryBuilder, text: string): void {
  const { doc, lines } = parseYamlInventory(text);
  if (doc.errors.length > 0) {
    // The structure after a syntax error cannot be trusted: report and read nothing, as Ansible does.
    for (const error of doc.errors) {
      const [position] = error.linePos ?? [];
      const what = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      inventory.error(position?.line ?? 1, `YAML syntax error${position ? ` at column ${position.col}` : ''}: ${what}. Nothing was read from this file.`);
    }
    return;
  }
  const lineOf = (node: unknown) => {
    const range = (node as Node | null)?.range;
    return range ? lines.linePos(range[0]).line : 1;
  };
  const resolve = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  const toValue = (node: unknown): unknown => {
    const resolved = resolve(node);
    return resolved && typeof resolved === 'object' && 'toJS' in resolved ? (resolved as Node).toJS(doc) : null;
  };

  const root = resolve(doc.contents);
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) {
    inventory.warning(1, 'This YAML inventory is empty.');
    return;
  }
  if (!isMap(root)) {
    inventory.error(lineOf(root), 'A YAML inventory must be a mapping of groups, like “all: {hosts: {web1: {}}}”; nothing was read.');
    return;
  }

  const isNull = (node: unknown) => node === null || node === undefined || (isScalar(node) && node.value === null);
  /** A section's entries; Ansible also takes a single name written as a string. */
  const entriesOf = (node: unknown): Array<{ key: unknown; value: unknown }> | undefined => {
    if (isMap(node)) return node.items;
    if (isScalar(node) && typeof node.value === 'string') return [{ key: node, value: null }];
    return undefined;
  };

  const readGroup = (name: string, node: unknown, at: number, depth: number): string | undefined => {
    const data = resolve(node);
    if (!isNull(data) && !isMap(data)) {
      inventory.warning(at, `“${name}” is not a group: a group is a mapping with hosts, vars or children. It is skipped.`);
      return undefined;
    }
    inventory.group(name);
    if (!isMap(data) || depth > 64) return name;
    for (const pair of data.items) {
      const key = keyText(pair.key);
      const line = lineOf(pair.key);
      const section = resolve(pair.value);
      if (!['hosts', 'vars', 'children'].includes(key)) {
        inventory.warning(line, `Unexpected key “${key}” in group “${name}”: only hosts, vars and children are read.`);
        continue;
      }
      if (isNull(section)) continue;
      const entries = entriesOf(section);
      if (!entries) {
        inventory.error(line, `The ${key} of group “${name}” must be a mapping; it is ignored.`);
        continue;
      }
      for (const item of entries) {
        const itemName = keyText(item.key);
        const itemLine = lineOf(item.key);
        if (key === 'vars') inventory.setGroupVar(name, itemName, toValue(item.value), itemLine);
        else if (key === 'children') {
          const child = readGroup(itemName, item.value, itemLine, depth + 1);
          if (child) inventory.addChild(name, child, itemLine);
        } else readHost(name, itemName, item.value, itemLine);
      }
    }
    return name;
  };

  const readHost = (group: string, pattern: string, node: unknown, line: number) => {
    const expanded = expandHostPattern(pattern);
    if (!expanded.ok) {
      inventory.error(line, `Cannot expand the host pattern “${pattern}”: ${expanded.error}; it is skipped.`);
      return;
    }
    if (expanded.hosts.length === 0) inventory.warning(line, `The host pattern “${pattern}” expands to no hosts.`);
    const vars = resolve(node);
    const hasVars = isMap(vars);
    if (!hasVars && !isNull(vars)) {
      inventory.warning(line, `The variables of host “${pattern}” must be a mapping; they are ignored.`);
    }
    for (const host of expanded.hosts) {
      inventory.addHost(group, host, line, expanded.port);
      if (hasVars) for (const pair of vars.items) inventory.setHostVar(host, keyText(pair.key), toValue(pair.value), lineOf(pair.key));
    }
  };

  for (const pair of root.items) readGroup(keyText(pair.key), pair.value, lineOf(pair.key), 0);
}
