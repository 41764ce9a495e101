// OpenSSH's host patterns (match.c): `*` is any run of characters, `?` exactly
// one, `!` in front negates. We do not use the ssh-config package's glob: it
// lets `?` match zero characters and splits single Host patterns on commas,
// both unlike OpenSSH.

const compiled = new Map<string, RegExp>();

/** match_pattern(): the whole of `text` against one pattern, case-sensitively. */
export function matchPattern(text: string, pattern: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = [...pattern]
      .map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'u');
    compiled.set(pattern, regex);
  }
  return regex.test(text);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * A `Host` line: each whitespace-separated pattern is tried; one negated match
 * turns the whole line off, whatever else matched (readconf.c). OpenSSH matches
 * the name as typed: `Host Web` does not apply to `ssh web`.
 */
export function hostLineMatches(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (!matchPattern(name, negated ? pattern.slice(1) : pattern)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/**
 * match_pattern_list() with lowercasing, as known_hosts uses it: a
 * comma-separated list, case-insensitive. 1 = a positive match, -1 = a negated
 * pattern matched (the line must not be used), 0 = no match.
 */
export function matchHostList(name: string, list: string): 1 | 0 | -1 {
  const lowered = name.toLowerCase();
  let matched: 1 | 0 = 0;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!matchPattern(lowered, pattern)) continue;
    if (negated) return -1;
    matched = 1;
  }
  return matched;
}
