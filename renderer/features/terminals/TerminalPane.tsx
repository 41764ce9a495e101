import { useEffect, useRef } from 'react';
import { useAppStore } from '../../app/store';
import { shellSelectors } from '../shell/store/selectors';
import { settingsSelectors } from '../settings/store/selectors';
import { TerminalController } from './controller';
import { controllers } from './controllers';
import { ConnectionBanner } from './ConnectionBanner';
import { SearchBar } from './SearchBar';
import { terminalsSelectors } from './store/selectors';
import { DARK_TERMINAL_THEME, LIGHT_TERMINAL_THEME } from './xterm-theme';
import { api } from '../../transport/current';
import './pod-panes.css';

function openLink(url: string): void {
  void api()
    .app.openExternal({ url })
    .then(({ opened }) => {
      if (!opened) window.open(url, '_blank', 'noopener,noreferrer');
    })
    .catch(() => useAppStore.getState().pushToast(`Not opening ${url}: only http and https links open.`));
}

export function TerminalPane({ paneId, active }: { paneId: string; active: boolean }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const pane = useAppStore(terminalsSelectors.pane(paneId));
  const searchOpen = useAppStore((s) => s.searchPaneId === paneId);
  const theme = useAppStore(shellSelectors.effectiveTheme);
  const terminalSettings = useAppStore(settingsSelectors.terminal);
  const focusPane = useAppStore((s) => s.focusPane);
  const broadcasting = useAppStore(terminalsSelectors.isBroadcasting(paneId));

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let controller = controllers.get(paneId);
    if (!controller) {
      const state = useAppStore.getState();
      controller = new TerminalController(
        paneId,
        state.panes[paneId]?.target ?? { kind: 'local' },
        state.settings.terminal,
        shellSelectors.effectiveTheme(state) === 'dark' ? DARK_TERMINAL_THEME : LIGHT_TERMINAL_THEME,
        (patch) => useAppStore.getState().updatePane(paneId, patch),
        openLink,
        (data) => useAppStore.getState().broadcastInput(paneId, data),
        () => {
          const pending = useAppStore.getState().panes[paneId]?.initialInput;
          if (pending) useAppStore.getState().updatePane(paneId, { initialInput: undefined });
          return pending;
        },
        () => void useAppStore.getState().closePane(paneId, { force: true }),
      );
      controllers.set(paneId, controller);
    }
    controller.mount(host);
    if (useAppStore.getState().tabs.some((t) => t.id === useAppStore.getState().activeTabId && t.activePaneId === paneId)) controller.focus();
  }, [paneId]);

  useEffect(() => {
    controllers.get(paneId)?.applyTheme(theme === 'dark' ? DARK_TERMINAL_THEME : LIGHT_TERMINAL_THEME);
  }, [paneId, theme]);

  useEffect(() => {
    controllers.get(paneId)?.applySettings(terminalSettings);
  }, [paneId, terminalSettings]);

  const status = pane?.status ?? 'starting';
  return (
    <div
      className={`terminal-pane${active ? ' active' : ''}${broadcasting ? ' broadcasting' : ''}`}
      data-pane-id={paneId}
      data-status={status}
      data-session-id={pane?.sessionId}
      data-connection={pane?.connection?.state}
      onMouseDown={() => focusPane(paneId)}
    >
      {broadcasting ? <div className="broadcast-badge" title="What you type in any broadcast pane goes to all of them">BROADCAST</div> : null}
      {pane?.target.kind === 'kube-logs' ? (
        <div className="pane-badge" data-testid="logs-read-only" title="Pod logs are followed here; typing does nothing. Ctrl+C closes the tab.">
          LOGS · READ-ONLY · Ctrl+C closes
        </div>
      ) : null}
      {searchOpen ? <SearchBar paneId={paneId} /> : null}
      {pane?.target.kind === 'ssh' && pane.connection ? (
        <ConnectionBanner hostId={pane.target.hostId} connection={pane.connection} onReconnect={() => useAppStore.getState().reconnectPane(paneId)} />
      ) : null}
      <div className="terminal-host" ref={hostRef} />
      {status === 'exited' ? (
        <div className="pane-banner">
          {pane?.target.kind === 'kube-logs' ? 'The log stream ended' : pane?.target.kind === 'kube-exec' ? `The shell in ${pane.target.pod} exited with code ${pane.exitCode}` : `Shell exited with code ${pane?.exitCode}`}. Close this pane with Ctrl+Shift+W or from its tab.
        </div>
      ) : null}
      {status === 'failed' ? <div className="pane-banner pane-banner-error">{pane?.error}</div> : null}
    </div>
  );
}
