import { useEffect } from 'react';
import { formatChord } from '../../app/keys';
import { useAppStore } from '../../app/store';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/icons';
import { paneIds } from './layout';
import { SplitView } from './SplitView';
import { terminalsSelectors } from './store/selectors';

export function TerminalsView({ visible }: { visible: boolean }) {
  const tabs = useAppStore(terminalsSelectors.tabs);
  const activeTabId = useAppStore((s) => s.activeTabId);
  const panes = useAppStore((s) => s.panes);
  const { newTab, selectTab, closePane, splitActive } = useAppStore.getState();

  useEffect(() => {
    // A new window starts with one terminal, like every terminal app.
    if (useAppStore.getState().tabs.length === 0) newTab();
  }, [newTab]);

  return (
    <section className="terminals-view" hidden={!visible} aria-label="Terminals">
      <div className="tab-bar" role="tablist">
        {tabs.map((tab, index) => {
          const ids = paneIds(tab.layout);
          const pane = panes[tab.activePaneId];
          const exited = ids.every((id) => panes[id]?.status === 'exited');
          const connection = worstConnection(ids.map((id) => panes[id]?.connection?.state));
          return (
            <div key={tab.id} role="tab" aria-selected={tab.id === activeTabId} className={`tab${tab.id === activeTabId ? ' active' : ''}${exited ? ' exited' : ''}`} onClick={() => selectTab(tab.id)} data-tab-id={tab.id}>
              {connection ? <span className={`tab-state state-${connection}`} title={connection} aria-label={`connection ${connection}`} /> : null}
              <span className="tab-title">
                {index + 1}. {pane?.title ?? 'shell'}
                {ids.length > 1 ? ` (${ids.length} panes)` : ''}
                {exited ? ' — exited' : ''}
              </span>
              <button
                type="button"
                className="tab-close"
                aria-label="Close tab"
                onClick={(e) => {
                  e.stopPropagation();
                  void (async () => {
                    for (const id of ids) await closePane(id);
                  })();
                }}
              >
                <Icon name="close" size={14} />
              </button>
            </div>
          );
        })}
        <button type="button" className="tab-action" title={`New terminal (${formatChord('Mod+Shift+T')})`} onClick={() => newTab()}>
          <Icon name="plus" size={16} />
        </button>
        <div className="tab-bar-spacer" />
        <button type="button" className="tab-action" title={`Split right (${formatChord('Mod+Shift+D')})`} onClick={() => splitActive('horizontal')}>
          <Icon name="splitRight" size={16} />
        </button>
        <button type="button" className="tab-action" title={`Split down (${formatChord('Mod+Shift+E')})`} onClick={() => splitActive('vertical')}>
          <Icon name="splitDown" size={16} />
        </button>
      </div>
      <div className="tab-bodies">
        {tabs.length === 0 ? (
          <div className="empty-state">
            <p>No terminals open.</p>
            <button type="button" className="primary" onClick={() => newTab()}>Open a terminal</button>
            <p className="hint">{formatChord('Mod+Shift+T')} opens one from anywhere.</p>
          </div>
        ) : null}
        {tabs.map((tab) => (
          <div key={tab.id} className="tab-body" hidden={tab.id !== activeTabId}>
            <SplitView node={tab.layout} activePaneId={tab.activePaneId} />
          </div>
        ))}
      </div>
      <ConfirmCloseDialog />
    </section>
  );
}

/** The state that most needs the user's eye among a tab's remote panes. */
function worstConnection(states: Array<string | undefined>): string | undefined {
  for (const state of ['failed', 'lost', 'reconnecting', 'connecting', 'connected']) if (states.includes(state)) return state;
  return undefined;
}

function ConfirmCloseDialog() {
  const pending = useAppStore(terminalsSelectors.confirmClose);
  const { closePane, cancelClose } = useAppStore.getState();
  if (!pending) return null;
  return (
    <Dialog title="Close this terminal?" confirmLabel="Close terminal" danger onConfirm={() => void closePane(pending.paneId, { force: true })} onCancel={cancelClose}>
      <p>
        <code>{pending.process}</code> is still running in it. Closing the terminal stops it.
      </p>
    </Dialog>
  );
}
