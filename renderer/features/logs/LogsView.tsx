// The Logs view: a tab per log view, each a merged, filtered, followed list
// of lines that stay in main (the renderer holds only what it shows).
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../app/store';
import { LogPane, navigators } from './LogPane';
import { listControllers } from './LogList';
import { LogsDialogs } from './LogsDialogs';
import { logsSelectors } from './store/selectors';
import './logs.css';

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');

export function LogsView() {
  const tabs = useAppStore(logsSelectors.tabs);
  const active = useAppStore(logsSelectors.activeTab);
  const { selectLogView, closeLogView, setLogsDialog } = useAppStore.getState();
  const filterInputRef = useRef<HTMLInputElement | null>(null);

  // `/` filters, Escape leaves an input, End follows, Home/PgUp/PgDn move, F3 steps through matches.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const state = useAppStore.getState();
      if (state.activeView !== 'logs' || state.paletteOpen || state.logsDialog) return;
      const tab = logsSelectors.activeTab(state);
      if (!tab) return;
      const list = listControllers.get(tab.viewId);
      if (event.key === 'F3') {
        event.preventDefault();
        void navigators.get(tab.viewId)?.(event.shiftKey ? -1 : 1);
        return;
      }
      if (isEditable(event.target)) return;
      switch (event.key) {
        case '/':
          filterInputRef.current?.focus();
          break;
        case 'Escape':
          if (tab.selected) state.updateLogTab(tab.viewId, { selected: undefined, selectedIndex: undefined });
          else (document.activeElement as HTMLElement | null)?.blur();
          break;
        case 'End':
          state.updateLogTab(tab.viewId, { follow: true });
          break;
        case 'Home':
          list?.top();
          break;
        case 'PageDown':
          list?.page(1);
          break;
        case 'PageUp':
          list?.page(-1);
          break;
        case 'Enter':
          void navigators.get(tab.viewId)?.(event.shiftKey ? -1 : 1);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section className="logs-view" aria-label="Logs" data-testid="logs-view">
      <nav className="logs-tabs" role="tablist" aria-label="Log views">
        {tabs.map((tab, n) => (
          <div key={tab.viewId} className={`logs-tab${tab.viewId === active?.viewId ? ' active' : ''}`} role="presentation">
            <button type="button" role="tab" aria-selected={tab.viewId === active?.viewId} data-testid={`logs-tab-${n}`} title={tab.specs.map((s) => JSON.stringify(s)).join('\n')} onClick={() => selectLogView(tab.viewId)}>
              {tab.title}
            </button>
            <button type="button" className="logs-tab-close" aria-label={`Close ${tab.title}`} data-testid={`logs-tab-close-${n}`} onClick={() => closeLogView(tab.viewId)}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="logs-open" data-testid="logs-open" onClick={() => setLogsDialog({ type: 'open' })}>
          + Open logs…
        </button>
      </nav>
      {active ? (
        <LogPane key={active.viewId} tab={active} filterInputRef={filterInputRef} />
      ) : (
        <div className="logs-welcome">
          <h1>Logs</h1>
          <p>One viewer for pod, host and file logs, merged by time, parsed and searchable.</p>
          <p className="hint">Open a local file, a file or journald on an SSH host, a pod or every pod of a workload — or use “Logs” on a pod, a workload, a host or a remote file.</p>
          <button type="button" className="primary" onClick={() => setLogsDialog({ type: 'open' })}>
            Open logs…
          </button>
        </div>
      )}
      <LogsDialogs />
    </section>
  );
}
