// A read-only window onto the terminals for end-to-end tests, benchmarks and
// the devtools console: what each pane shows and how much it has parsed.
// It exposes nothing a script in the page could not read from the DOM anyway.
import { controllers } from '../features/terminals/controllers';
import type { WorkbenchTestHooks } from '../../shared/lib/test-hooks';
import { useAppStore } from './store';
import { api } from '../transport/current';

declare global {
  interface Window {
    __workbench?: WorkbenchTestHooks;
  }
}

export function installTestHooks(): void {
  // Main's memory and counts, for benchmarks and the devtools console.
  (window as unknown as { __diagnostics: () => Promise<unknown> }).__diagnostics = () => api().app.diagnostics({});
  window.__workbench = {
    panes: () =>
      [...controllers.values()].map((c) => ({
        paneId: c.paneId,
        sessionId: c.id,
        status: useAppStore.getState().panes[c.paneId]?.status ?? 'unknown',
        ...c.size,
        renderer: c.rendererKind,
        received: c.stats.received,
        parsed: c.stats.parsed,
      })),
    text: (paneId) => controllers.get(paneId)?.text() ?? '',
    activePaneId: () => {
      const s = useAppStore.getState();
      return s.tabs.find((t) => t.id === s.activeTabId)?.activePaneId;
    },
    xterm: (paneId) => controllers.get(paneId)?.xterm,
  };
}
