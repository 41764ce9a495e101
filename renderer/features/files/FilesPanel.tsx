// SFTP beside the terminals: the local machine on the left, the host on the
// right. Drag a file across to copy it; drop files from the desktop onto the
// host. Every transfer shows its progress, can be cancelled, and fails on its
// own with the reason (permission, missing, already there).
import { useCallback, useEffect, useReducer, useState } from 'react';
import { useAppStore } from '../../app/store';
import { api } from '../../transport/current';
import { FilePane, type DragPayload } from './FilePane';
import { cancelTransfer, clearFinished, listTransfers, onTransfersChange, startTransfer, type Transfer } from './transfers';

function percent(t: Transfer): number {
  return t.total > 0 ? Math.min(100, Math.round((t.bytes / t.total) * 100)) : t.state === 'done' ? 100 : 0;
}

export function FilesPanel({ hostId, onClose }: { hostId: string; onClose(): void }) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [localKey, setLocalKey] = useState(0);
  const [remoteKey, setRemoteKey] = useState(0);
  const [notice, setNotice] = useState<string>();
  useEffect(() => onTransfersChange(redraw), []);
  const listRemote = useCallback((path: string) => api().sftp.list({ hostId, path }), [hostId]);
  const listLocal = useCallback((path: string) => api().sftp.listLocal({ path }), []);
  const transfers = listTransfers().filter((t) => t.hostId === hostId);

  const drop = (direction: 'upload' | 'download') => (item: DragPayload | { osPath: string; name: string } | { unsupported: string }, intoDir: string) => {
    if ('unsupported' in item) {
      setNotice(`"${item.unsupported}": in a browser, files on your disk cannot be read by path — drag them from the local pane instead.`);
      return;
    }
    const source = 'osPath' in item ? item.osPath : item.path;
    const target = `${intoDir.replace(/\/$/, '')}/${item.name}`;
    startTransfer(
      direction === 'upload' ? { hostId, direction, localPath: source, remotePath: target } : { hostId, direction, localPath: target, remotePath: source },
      () => (direction === 'upload' ? setRemoteKey((k) => k + 1) : setLocalKey((k) => k + 1)),
    );
  };

  return (
    <aside className="files-panel" aria-label={`Files on ${hostId}`}>
      <header className="files-header">
        <h2>Files — {hostId}</h2>
        <span className="hint">Drag a file from one side to the other to copy it.</span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={onClose} aria-label="Close files">✕</button>
      </header>
      {notice ? <div className="notice notice-warning" onClick={() => setNotice(undefined)}>{notice}</div> : null}
      <div className="files-panes">
        <FilePane side="local" title="This machine" list={listLocal} onDrop={drop('download')} refreshKey={localKey} />
        <FilePane side="remote" title={hostId} list={listRemote} onDrop={drop('upload')} refreshKey={remoteKey} onFollow={(path) => void useAppStore.getState().openLogView([{ kind: 'ssh-file', hostId, path }])} />
      </div>
      {transfers.length ? (
        <div className="transfers" aria-label="Transfers">
          <div className="transfers-header">
            <strong>Transfers</strong>
            <button type="button" className="link-button" onClick={clearFinished}>Clear finished</button>
          </div>
          {transfers.map((t) => (
            <div key={t.id} className={`transfer transfer-${t.state}`} data-state={t.state}>
              <span className="transfer-name">{t.direction === 'upload' ? '↑' : '↓'} {(t.direction === 'upload' ? t.localPath : t.remotePath).split('/').pop()}</span>
              <progress max={100} value={percent(t)} aria-label="progress" />
              <span className="transfer-status">
                {t.state === 'running' ? `${percent(t)}%` : t.state === 'done' ? `done${t.ms ? ` in ${(t.ms / 1000).toFixed(1)} s` : ''}` : t.state === 'cancelled' ? 'cancelled' : t.error}
              </span>
              {t.state === 'running' ? <button type="button" onClick={() => cancelTransfer(t.id)}>Cancel</button> : null}
            </div>
          ))}
        </div>
      ) : null}
    </aside>
  );
}
