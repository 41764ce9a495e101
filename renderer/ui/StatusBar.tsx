import { useAppStore } from '../app/store';
import { shellSelectors } from '../features/shell/store/selectors';
import { terminalsSelectors } from '../features/terminals/store/selectors';

export function StatusBar() {
  const info = useAppStore(shellSelectors.appInfo);
  const connection = useAppStore(shellSelectors.connection);
  const activePaneId = useAppStore(terminalsSelectors.activePaneId);
  const pane = useAppStore((s) => (activePaneId ? s.panes[activePaneId] : undefined));
  const theme = useAppStore(shellSelectors.effectiveTheme);
  return (
    <footer className="status-bar">
      <span className={`status-connection ${connection}`} data-connection={connection}>
        {connection === 'connected' ? '● connected' : '● disconnected'}
      </span>
      <span>{info ? (info.host === 'desktop' ? 'Desktop app' : 'Web host') : '…'}</span>
      <span className="status-spacer" />
      {pane ? (
        <span className="status-terminal">
          {pane.title} · {pane.target.kind === 'ssh' ? (pane.connection?.state ?? 'connecting') : pane.status}
          {pane.cols ? ` · ${pane.cols}×${pane.rows}` : ''}
          {pane.renderer ? ` · ${pane.renderer}` : ''}
        </span>
      ) : null}
      <span>{theme}</span>
      {info ? <span>v{info.version}</span> : null}
    </footer>
  );
}
