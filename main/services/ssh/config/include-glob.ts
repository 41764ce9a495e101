// glob(3) as OpenSSH's Include uses it: `*`, `?` and `[...]` within one path
// component, a leading dot only matched explicitly, results sorted. Written
// here rather than with fs.globSync so the rules are OpenSSH's, not
// minimatch's, and the same on every platform.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { globToRegExp } from '../../../../shared/lib/glob';

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
  return globToRegExp(pattern).test(name);
}

