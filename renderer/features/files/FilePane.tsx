import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, WorkbenchError } from '../../../shared/contract/errors';
import type { FileEntry, Listing } from '../../../shared/contract/files';
import { Icon } from '../../ui/icons';

export interface DragPayload {
  side: 'local' | 'remote';
  path: string;
  name: string;
}

const MIME = 'application/x-workbench-file';

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function parent(dir: string): string {
  const trimmed = dir.replace(/\/+$/, '');
  const index = trimmed.lastIndexOf('/');
  return index <= 0 ? '/' : trimmed.slice(0, index);
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** One side of the file panel: a directory listing you can walk and drag from or to. */
export function FilePane(props: {
  side: 'local' | 'remote';
  title: string;
  list(path: string): Promise<Listing>;
  /** Something was dropped here (from the other pane, or from the OS on the desktop). */
  onDrop(item: DragPayload | { osPath: string; name: string } | { unsupported: string }, intoDir: string): void;
  refreshKey: number;
  /** Follow a file of this pane in the Logs view. */
  onFollow?(path: string): void;
}) {
  const [listing, setListing] = useState<Listing>();
  const [error, setError] = useState<string>();
  const [pathInput, setPathInput] = useState('');
  const [over, setOver] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { list } = props;

  // Only the latest request may show its answer: a slow first listing must not overwrite where the user went since.
  const latest = useRef(0);
  // While the path field has focus, a listing that arrives must not overwrite it: not what was typed, nor a
  // selection about to be typed over (replacing the value drops the selection, and the typing lands after the old path).
  const editing = useRef(false);
  const go = useCallback(
    (dir: string) => {
      const request = ++latest.current;
      list(dir).then(
        (result) => {
          if (request !== latest.current) return;
          setListing(result);
          if (!editing.current) setPathInput(result.path);
          setError(undefined);
        },
        (e: unknown) => {
          if (request === latest.current) setError(describeError(WorkbenchError.from(e).toData()));
        },
      );
    },
    [list],
  );

  useEffect(() => go(listing?.path ?? ''), [props.refreshKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const entries = listing?.entries ?? [];
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => 26, overscan: 20 });

  return (
    <div
      className={`file-pane${over ? ' drop-target' : ''}`}
      data-side={props.side}
      data-path={listing?.path}
      aria-label={props.title}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!listing) return;
        const internal = e.dataTransfer.getData(MIME);
        if (internal) {
          const item = JSON.parse(internal) as DragPayload;
          if (item.side !== props.side) props.onDrop(item, listing.path);
          return;
        }
        for (const file of Array.from(e.dataTransfer.files)) {
          const osPath = window.workbench?.pathForFile?.(file);
          props.onDrop(osPath ? { osPath, name: file.name } : { unsupported: file.name }, listing.path);
        }
      }}
    >
      <div className="file-pane-header">
        <strong>{props.title}</strong>
        <button type="button" aria-label="Parent directory" onClick={() => listing && go(parent(listing.path))}>↑</button>
        <form
          className="file-path"
          onSubmit={(e) => {
            e.preventDefault();
            editing.current = false;
            go(pathInput);
          }}
        >
          <input
            aria-label={`${props.title} path`}
            value={pathInput}
            onFocus={() => {
              editing.current = true;
            }}
            onChange={(e) => {
              editing.current = true;
              setPathInput(e.target.value);
            }}
            onBlur={() => {
              editing.current = false;
              if (listing) setPathInput(listing.path);
            }}
          />
        </form>
        <button type="button" aria-label="Refresh" onClick={() => go(listing?.path ?? '')}>⟳</button>
      </div>
      {error ? <div className="file-error" role="alert">{error}</div> : null}
      <div className="file-list" ref={scrollRef} role="list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry: FileEntry = entries[item.index]!;
            return (
              <div
                key={entry.name}
                role="listitem"
                className={`file-row kind-${entry.kind}`}
                data-name={entry.name}
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
                draggable={entry.kind === 'file'}
                onDragStart={(e) => e.dataTransfer.setData(MIME, JSON.stringify({ side: props.side, path: join(listing!.path, entry.name), name: entry.name } satisfies DragPayload))}
                onDoubleClick={() => entry.kind === 'dir' && go(join(listing!.path, entry.name))}
              >
                <span className="file-icon">
                  <Icon name={entry.kind === 'dir' ? 'folder' : entry.kind === 'link' ? 'link' : 'file'} size={14} />
                </span>
                <span className="file-name">{entry.name}</span>
                <span className="file-size">{entry.kind === 'file' ? size(entry.size) : ''}</span>
                <span className="file-perms">{entry.permissions}</span>
                {props.onFollow && entry.kind === 'file' ? (
                  <button type="button" className="file-follow" data-testid="files-follow-logs" title="Follow in Logs" aria-label={`Follow ${entry.name} in Logs`} onClick={() => props.onFollow!(join(listing!.path, entry.name))}>
                    Follow in Logs
                  </button>
                ) : null}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
