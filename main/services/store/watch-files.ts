// Follow a few config files for changes. Each file's directory is watched, and
// its parent too, so a ~/.ssh or ~/.kube created after start is noticed; only
// events naming a file that matters count, and a burst of them (an editor's
// save is several) calls back once.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { toDisposable, type Disposable } from '../../../shared/lib/disposable';

export function watchFiles(files: readonly string[], onChange: () => void, debounceMs = 200): Disposable {
  const interesting = new Map<string, Set<string>>();
  const add = (dir: string, name: string) => {
    if (!interesting.has(dir)) interesting.set(dir, new Set());
    interesting.get(dir)!.add(name);
  };
  for (const file of new Set(files)) {
    add(path.dirname(file), path.basename(file));
    add(path.dirname(path.dirname(file)), path.basename(path.dirname(file)));
  }
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let disposed = false;
  const changedSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      if (!disposed) onChange();
    }, debounceMs);
    timer.unref?.();
  };
  const start = () => {
    if (disposed) return;
    for (const w of watchers) w.close();
    watchers = [];
    for (const [dir, names] of interesting) {
      try {
        watchers.push(
          watch(dir, { persistent: false }, (_event, name) => {
            if (name === null || names.has(String(name))) {
              changedSoon();
              // A directory that appeared needs its own watcher now.
              if (name !== null && interesting.has(path.join(dir, String(name)))) setTimeout(start, 50);
            }
          }),
        );
      } catch {
        // not there (yet): its parent's watcher says when it appears
      }
    }
  };
  start();
  return toDisposable(() => {
    disposed = true;
    for (const w of watchers) w.close();
    watchers = [];
    if (timer) clearTimeout(timer);
  });
}
