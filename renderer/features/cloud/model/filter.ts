// Which instances the table shows: state chips, a tag filter (`key=value`,
// `key` alone, several separated by commas, all must hold) and a fuzzy
// search over name, id, addresses and DNS name.
import { single } from 'fuzzysort';
import type { Ec2Instance, InstanceState } from '../../../../shared/contract/cloud';

export interface InstanceFilter {
  /** Fuzzy search; blank is no search. */
  search: string;
  /** Only these states; empty is every state. */
  states: readonly InstanceState[];
  /** `key=value, key`; blank is no tag filter. */
  tag: string;
}

export const NO_FILTER: InstanceFilter = { search: '', states: [], tag: '' };

export interface TagTerm {
  key: string;
  /** Absent: the key alone (any value). */
  value?: string;
}

export interface ParsedTagFilter {
  terms: TagTerm[];
  error?: string;
}

/** `env=prod, team` → [{key: env, value: prod}, {key: team}]. Keys and values are matched exactly, as AWS does. */
export function parseTagFilter(text: string): ParsedTagFilter {
  const terms: TagTerm[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      terms.push({ key: part });
      continue;
    }
    const key = part.slice(0, eq).trim();
    if (!key) return { terms: [], error: `"${part}": a tag key goes before "=" (e.g. env=prod)` };
    terms.push({ key, value: part.slice(eq + 1).trim() });
  }
  return { terms };
}

export function matchesTags(instance: Pick<Ec2Instance, 'tags'>, terms: readonly TagTerm[]): boolean {
  return terms.every((term) => Object.hasOwn(instance.tags, term.key) && (term.value === undefined || instance.tags[term.key] === term.value));
}

/** The fields the search looks at. */
export function searchFields(instance: Ec2Instance): string[] {
  return [instance.name, instance.id, instance.publicIp ?? '', instance.privateIp ?? '', instance.publicDns ?? ''].filter(Boolean);
}

export function matchesSearch(instance: Ec2Instance, query: string): boolean {
  const q = query.trim();
  if (!q) return true;
  return searchFields(instance).some((field) => single(q, field) !== null);
}

/** The instances that pass every filter, in their given order. A tag filter that does not parse filters nothing. */
export function filterInstances(instances: readonly Ec2Instance[], filter: InstanceFilter): Ec2Instance[] {
  const states = filter.states.length ? new Set(filter.states) : undefined;
  const { terms, error } = parseTagFilter(filter.tag);
  const tagTerms = error ? [] : terms;
  const query = filter.search.trim();
  return instances.filter((i) => (!states || states.has(i.state)) && matchesTags(i, tagTerms) && matchesSearch(i, query));
}

export const isFiltered = (filter: InstanceFilter): boolean => filter.search.trim() !== '' || filter.states.length > 0 || filter.tag.trim() !== '';
