// glob(3) as OpenSSH's Include uses it: `*`, `?` and `[...]` within one path
// component, a leading dot only matched explicitly, results sorted. Written
// here rather than with fs.globSync so the rules are OpenSSH's, not
// minimatch's, and the same on every platform.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function hasGlobMagic(text: string): boolean {
  return /[*?[]/.test(text);
}

/** Absolute paths of the regular files matching an absolute pattern, sorted. */
export function expandIncludeGlob(pattern: string): string[] {
  const { root } = path.parse(pattern);
  const parts = pattern.slice(root.length).split(/[\\/]+/).filter(Boolean);
  let candidates = [root];
  parts.forEach((part, index) => {
    const wantFile = index === parts.length - 1;
    const next: string[] = [];
    for (const dir of candidates) {
      const names = hasGlobMagic(part) ? listDir(dir).filter((name) => componentMatches(part, name)) : [part];
      for (const name of names) {
        const full = path.join(dir, name);
        const kind = fileKind(full);
        if (kind === (wantFile ? 'file' : 'dir')) next.push(full);
      }
    }
    candidates = next;
  });
  return parts.length === 0 ? [] : candidates.sort();
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function fileKind(file: string): 'file' | 'dir' | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : undefined;
  } catch {
    return undefined;
  }
}

function componentMatches(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  return componentRegex(pattern).test(name);
}

function componentRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let set = pattern.slice(i + 1, close);
      const negate = set.startsWith('!') || set.startsWith('^');
      if (negate) set = set.slice(1);
      source += `[${negate ? '^' : ''}${set.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}
