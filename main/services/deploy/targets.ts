// Which inventory hosts a recipe's `targets.hosts` selectors name: an exact
// host name, a glob (`web-*`, `db-?`), `group:NAME` or `tag:NAME`. Used by the
// planner and by the recipe list's "hosts: web-* (10)" summary, so both count
// the same hosts.
import type { Host } from '../../../shared/contract/hosts';
import { globToRegExp } from '../../../shared/lib/glob';

/** The hosts one selector names, in inventory order. */
export function matchSelector(selector: string, hosts: readonly Host[]): Host[] {
  if (selector.startsWith('group:')) {
    const group = selector.slice('group:'.length);
    return hosts.filter((h) => h.groups.includes(group));
  }
  if (selector.startsWith('tag:')) {
    const tag = selector.slice('tag:'.length);
    return hosts.filter((h) => h.tags.includes(tag));
  }
  if (/[*?[]/.test(selector)) {
    const re = globToRegExp(selector);
    return hosts.filter((h) => re.test(h.id));
  }
  return hosts.filter((h) => h.id === selector);
}

/** The hosts all selectors name, each once, in the order the selectors name them. */
export function matchHosts(selectors: readonly string[], hosts: readonly Host[]): { hosts: Host[]; unmatched: string[] } {
  const seen = new Set<string>();
  const matched: Host[] = [];
  const unmatched: string[] = [];
  for (const selector of selectors) {
    const found = matchSelector(selector, hosts);
    if (found.length === 0) unmatched.push(selector);
    for (const host of found) {
      if (seen.has(host.id)) continue;
      seen.add(host.id);
      matched.push(host);
    }
  }
  return { hosts: matched, unmatched };
}

