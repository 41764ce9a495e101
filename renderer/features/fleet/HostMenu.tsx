import { useEffect } from 'react';
import { useAppStore } from '../../app/store';

/** What clicking a host in the fleet offers: its terminal, its files, its logs, a deployment. */
export function HostMenu({ hostId, x, y, onClose }: { hostId: string; x: number; y: number; onClose(): void }) {
  const { newTab, openFiles, deployTo } = useAppStore.getState();
  useEffect(() => {
    const close = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [onClose]);
  return (
    <div className="menu-backdrop" onMouseDown={onClose}>
      <div className="menu" role="menu" aria-label={`${hostId} actions`} style={{ left: x, top: y }} onMouseDown={(e) => e.stopPropagation()}>
        <div className="menu-title">{hostId}</div>
        <button type="button" role="menuitem" onClick={() => { newTab({ kind: 'ssh', hostId }); onClose(); }}>Open terminal</button>
        <button type="button" role="menuitem" onClick={() => { openFiles(hostId); onClose(); }}>Files</button>
        <button type="button" role="menuitem" disabled title="Logs are not built yet">Logs (not built yet)</button>
        <button type="button" role="menuitem" onClick={() => { deployTo(hostId); onClose(); }}>Deploy…</button>
      </div>
    </div>
  );
}
