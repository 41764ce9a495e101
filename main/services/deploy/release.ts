// The built-in release layout, as Deployer keeps it on a host:
//
//   <deploy path>/releases/<name>   one directory per release
//   <deploy path>/current           a symlink to the live release
//   <deploy path>/.dep/             bookkeeping (the previous release, the lock)
//
// `current` is switched atomically: a new symlink under a temporary name is
// renamed over the old one (`mv -T` is rename(2)), so a request never sees a
// missing or half-made link. Each action is one POSIX shell script run over
// the pooled SSH connection.
import type { ReleaseLayout } from './types';

/** Shell-quote one word (single quotes; `~/` kept outside so the remote shell expands it). */
export function shellQuote(value: string): string {
  if (value.startsWith('~/')) return `~/${shellQuote(value.slice(2))}`;
  if (value === '~') return '~';
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function prelude(layout: ReleaseLayout): string {
  return ['set -eu', `P=${shellQuote(layout.path)}`, `R=${shellQuote(layout.name)}`].join('\n');
}

/** Make `releases/<name>` (empty) and the bookkeeping directories. */
export function prepareScript(layout: ReleaseLayout): string {
  return `${prelude(layout)}
mkdir -p "$P/releases" "$P/.dep" "$P/shared"
if [ -e "$P/releases/$R" ]; then echo "release $R already exists in $P/releases" >&2; exit 1; fi
mkdir "$P/releases/$R"
echo "prepared $P/releases/$R"`;
}

/** Point `current` at this release, remembering where it pointed before. */
export function switchScript(layout: ReleaseLayout): string {
  return `${prelude(layout)}
[ -d "$P/releases/$R" ] || { echo "no release $R in $P/releases (run release: prepare first)" >&2; exit 1; }
mkdir -p "$P/.dep"
prev=$(readlink "$P/current" 2>/dev/null || true)
if [ "$prev" != "releases/$R" ]; then printf '%s\\n' "$prev" > "$P/.dep/previous_release"; fi
ln -sfn "releases/$R" "$P/.dep/current.tmp"
mv -T "$P/.dep/current.tmp" "$P/current"
echo "current -> releases/$R (was \${prev:-nothing})"`;
}

/** Keep the newest `keep` releases (and always the live one). */
export function cleanupScript(layout: ReleaseLayout): string {
  return `${prelude(layout)}
K=${Math.max(1, Math.floor(layout.keep))}
cd "$P/releases"
live=$(readlink "$P/current" 2>/dev/null || true)
n=0
for r in $(ls -1 | sort -r); do
  n=$((n + 1))
  if [ "$n" -le "$K" ] || [ "releases/$r" = "$live" ]; then continue; fi
  rm -rf -- "$r"
  echo "removed old release $r"
done
echo "kept $(ls -1 | wc -l | tr -d ' ') release(s)"`;
}

/**
 * Undo this run's release on the host: if `current` points at it, point it
 * back at the release before (atomically); then remove this release's
 * directory. A host that never got as far as the switch only loses the
 * unfinished directory.
 */
export function rollbackScript(layout: ReleaseLayout): string {
  return `${prelude(layout)}
live=$(readlink "$P/current" 2>/dev/null || true)
if [ "$live" = "releases/$R" ]; then
  prev=$(cat "$P/.dep/previous_release" 2>/dev/null || true)
  if [ -n "$prev" ] && [ -e "$P/$prev" ]; then
    ln -sfn "$prev" "$P/.dep/current.tmp"
    mv -T "$P/.dep/current.tmp" "$P/current"
    echo "current -> $prev (rolled back from releases/$R)"
  else
    rm -f "$P/current"
    echo "no earlier release to return to: current removed" >&2
  fi
else
  echo "current is \${live:-absent}, not releases/$R: nothing to switch back"
fi
if [ -d "$P/releases/$R" ]; then rm -rf -- "$P/releases/$R"; echo "removed releases/$R"; fi`;
}

export function releaseScript(action: 'prepare' | 'switch' | 'cleanup' | 'rollback', layout: ReleaseLayout): string {
  switch (action) {
    case 'prepare':
      return prepareScript(layout);
    case 'switch':
      return switchScript(layout);
    case 'cleanup':
      return cleanupScript(layout);
    case 'rollback':
      return rollbackScript(layout);
  }
}

/** A release name that sorts by time and differs between runs started in the same second. */
export function releaseNameFor(startedAt: Date, runId: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const d = startedAt;
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-${runId.slice(0, 6)}`;
}
